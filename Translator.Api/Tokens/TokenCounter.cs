using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Translator.Api.Anthropic;

namespace Translator.Api.Tokens;

/// <summary>
/// Counts the input tokens of an Anthropic request with GPT-5's tokenizer (o200k_base), as the
/// upstream model will read it, whichever protocol carries it. The framing follows the OpenAI Cookbook
/// ("How to count tokens with tiktoken"): 3 tokens per message, 3 to prime the reply, and its
/// formula for function definitions. Images follow OpenAI's published high-detail formula;
/// documents are estimated per page.
/// </summary>
internal sealed class TokenCounter
{
    private const int PerMessage = 3;
    private const int ReplyPriming = 3;
    private const int PerToolCall = 3;

    // The Cookbook's constants for gpt-4o-family function definitions.
    private const int FunctionStart = 7;
    private const int PropertiesStart = 3;
    private const int PropertyKey = 3;
    private const int EnumStart = -3;
    private const int EnumItem = 3;
    private const int FunctionsEnd = 12;

    /// <summary>An image whose size cannot be read (a URL, say) counts as 1024×1024.</summary>
    private const int UnknownImageSide = 1024;

    /// <summary>A PDF page: one page image (as 1024×1024) and about 500 tokens of text.</summary>
    private const int PdfPageTokens = 765 + 500;

    /// <summary>Texts this long or longer are remembered; shorter ones cost less to count than to look up.</summary>
    private const int RememberedMinLength = 256;

    /// <summary>About 1 MB of entries at most; when full, the memory starts over.</summary>
    private const int RememberedCapacity = 16_384;

    // The vocabulary (about 5 MB, one copy per process) is loaded by the first count: count_tokens,
    // or a stream's message_start estimate, which overlaps the upstream call. Plain requests never need it.
    private static readonly Lazy<O200kEncoding> Vocabulary = new(O200kEncoding.Load);

    // Coding agents resend the whole conversation every turn: the system prompt, the tool
    // definitions and every earlier message come back unchanged. Long texts and whole tool
    // definitions are remembered by a 128-bit hash of what they are made of, so a turn pays a hash
    // for what was counted before and a count only for what is new.
    private readonly ConcurrentDictionary<UInt128, long> _remembered = new();
    private readonly Action<CancellationToken>? _checkpointProbe;
    private int _rememberedCount;

    /// <param name="checkpointProbe">Sees every <see cref="CountCheckpoints"/> passed: for tests only.</param>
    public TokenCounter(Action<CancellationToken>? checkpointProbe = null) => _checkpointProbe = checkpointProbe;

    /// <summary>The tokens of a text; the request's cancellation stops a long count (it throws <see cref="OperationCanceledException"/>).</summary>
    public int Count(string text, CancellationToken cancellationToken = default)
    {
        var checkpoints = new CountCheckpoints(cancellationToken, _checkpointProbe);
        if (text.Length < RememberedMinLength)
        {
            return text.Length == 0 ? 0 : Vocabulary.Value.CountTokens(text, checkpoints);
        }

        return (int)Remember(XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text.AsSpan())), (text, checkpoints), static s => Vocabulary.Value.CountTokens(s.text, s.checkpoints));
    }

    private long Remember<TState>(UInt128 key, TState state, Func<TState, long> count)
    {
        if (_remembered.TryGetValue(key, out var known))
        {
            return known;
        }

        known = count(state);
        if (Interlocked.Increment(ref _rememberedCount) > RememberedCapacity)
        {
            _remembered.Clear();
            Interlocked.Exchange(ref _rememberedCount, 0);
        }

        _remembered.TryAdd(key, known);
        return known;
    }

    /// <summary>
    /// The input tokens of a request as the upstream model will read it: the system prompt, every
    /// message as the upstream protocols lay it out (a tool result is a message of its own; images a
    /// tool returned follow in the user's message), and the tool definitions.
    /// </summary>
    public long Count(MessagesRequest request, CancellationToken cancellationToken = default)
    {
        long total = ReplyPriming;
        if (BillingLine.Strip(request.System) is { } system && CountJoined(system, cancellationToken) is > 0 and var systemTokens)
        {
            total += PerMessage + Count("system", cancellationToken) + systemTokens;
        }

        foreach (var message in request.Messages!)
        {
            var content = message.Content!;
            total += (message.Role, content.Blocks) switch
            {
                ("system", _) => PerMessage + Count("system", cancellationToken) + CountJoined(content, cancellationToken),
                (var role, null) => CountMessage(role!, content.Text!, cancellationToken),
                ("assistant", { } blocks) => CountAssistant(blocks, cancellationToken),
                (_, { } blocks) => CountUser(blocks, cancellationToken),
            };
        }

        if (LoadedTools.Of(request) is { Count: > 0 } tools)
        {
            total += CountTools(tools, cancellationToken);
        }

        return total;
    }

    private long CountMessage(string role, string text, CancellationToken cancellationToken) =>
        PerMessage + Count(role, cancellationToken) + Count(text, cancellationToken);

    /// <summary>
    /// Text blocks as the upstream reads them, joined by blank lines (a system prompt): remembered by
    /// a hash of the blocks, so that a prompt resent every turn is not joined into a new string each time.
    /// </summary>
    private long CountJoined(MessageContent content, CancellationToken cancellationToken)
    {
        if (content.Blocks is not { Count: > 1 } blocks)
        {
            return Count(AnthropicContent.JoinText(content), cancellationToken);
        }

        var hash = new XxHash128();
        hash.Append("joined"u8);
        foreach (var block in blocks)
        {
            AppendPart(hash, MemoryMarshal.AsBytes(block.Text.AsSpan()));
        }

        return Remember(hash.GetCurrentHashAsUInt128(), content, joined => Count(AnthropicContent.JoinText(joined), cancellationToken));
    }

    /// <summary>Text blocks become one text (joined by blank lines), each tool_use a call; thinking is not shown to the model as text.</summary>
    private long CountAssistant(IReadOnlyList<ContentBlock> blocks, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        long calls = 0;
        var hasCalls = false;
        foreach (var block in blocks)
        {
            if (block is { Type: "text", Text.Length: > 0 })
            {
                texts.Add(block.Text);
            }
            else if (block.Type == "tool_use")
            {
                hasCalls = true;
                calls += PerToolCall + Count(block.Id!, cancellationToken) + Count(block.Name!, cancellationToken) + Count(block.Input!.Value.GetRawText(), cancellationToken);
            }
        }

        return texts.Count == 0 && !hasCalls ? 0 : PerMessage + Count("assistant", cancellationToken) + Count(string.Join("\n\n", texts), cancellationToken) + calls;
    }

    /// <summary>Each tool_result is a message of its own; the rest of the turn (and any media the tools returned) one user message.</summary>
    private long CountUser(IReadOnlyList<ContentBlock> blocks, CancellationToken cancellationToken)
    {
        long total = 0;
        long parts = 0;
        var hasParts = false;
        foreach (var block in blocks)
        {
            if (block.Type != "tool_result")
            {
                continue;
            }

            var (text, media) = AnthropicContent.SplitToolResult(block);
            total += PerMessage + Count("tool", cancellationToken) + Count(block.ToolUseId!, cancellationToken) + Count(text, cancellationToken);
            if (media.Count > 0)
            {
                hasParts = true;
                parts += Count($"Attachments returned by tool call {block.ToolUseId}:", cancellationToken);
                foreach (var item in media)
                {
                    parts += CountPart(item, cancellationToken);
                }
            }
        }

        foreach (var block in blocks)
        {
            if (block.Type != "tool_result" && block is not { Type: "text", Text: null or "" } && block.Type is "text" or "image" or "document" or "search_result")
            {
                hasParts = true;
                parts += CountPart(block, cancellationToken);
            }
        }

        return hasParts ? total + PerMessage + Count("user", cancellationToken) + parts : total;
    }

    private long CountPart(ContentBlock block, CancellationToken cancellationToken) => block switch
    {
        { Type: "text" } => Count(block.Text!, cancellationToken),
        { Type: "image", Source.Type: "base64" } => CountImage(block.Source.Data!),
        { Type: "image" } => ImageTokens(UnknownImageSide, UnknownImageSide),
        { Type: "search_result" } => Count(AnthropicContent.SearchResultText(block), cancellationToken),
        { Type: "document", Source.Type: "text" } => Count(block.Title is { } title ? $"{title}\n\n{block.Source.Data}" : block.Source.Data!, cancellationToken),
        { Type: "document", Source.Type: "base64" } => CountPdf(block.Source.Data!),
        { Type: "document" } => PdfPageTokens,
        _ => 0,
    };

    /// <summary>OpenAI's high-detail image cost: fit in 2048², shortest side to 768, 170 per 512² tile plus 85.</summary>
    public static int ImageTokens(int width, int height)
    {
        double w = width, h = height;
        if (w > 2048 || h > 2048)
        {
            var fit = 2048 / Math.Max(w, h);
            (w, h) = (w * fit, h * fit);
        }

        if (Math.Min(w, h) > 768)
        {
            var shrink = 768 / Math.Min(w, h);
            (w, h) = (w * shrink, h * shrink);
        }

        return 85 + (170 * (int)(Math.Ceiling(w / 512) * Math.Ceiling(h / 512)));
    }

    private static int CountImage(string base64)
    {
        // Only the header is needed: the first 64 KiB of the data cover every format's size field.
        const int HeaderChars = 64 * 1024 / 3 * 4;
        var data = base64.AsSpan(0, Math.Min(base64.Length, HeaderChars) / 4 * 4);
        var bytes = new byte[data.Length / 4 * 3];
        return Convert.TryFromBase64Chars(data, bytes, out var written) && ImageSize.TryRead(bytes.AsSpan(0, written), out var width, out var height)
            ? ImageTokens(width, height)
            : ImageTokens(UnknownImageSide, UnknownImageSide);
    }

    private static long CountPdf(string base64) => Math.Max(1, CountPages(Convert.FromBase64String(base64))) * (long)PdfPageTokens;

    /// <summary>Page objects (<c>/Type /Page</c>, not <c>/Pages</c>) in the PDF's bytes.</summary>
    private static int CountPages(ReadOnlySpan<byte> pdf)
    {
        var pages = 0;
        var marker = "/Type"u8;
        for (var at = pdf.IndexOf(marker); at >= 0; at = NextIndex(pdf, marker, at))
        {
            var rest = pdf[(at + marker.Length)..].TrimStart(" \r\n\t"u8);
            if (rest.StartsWith("/Page"u8) && !rest[5..].StartsWith("s"u8))
            {
                pages++;
            }
        }

        return pages;
    }

    private static int NextIndex(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle, int after)
    {
        var next = haystack[(after + 1)..].IndexOf(needle);
        return next < 0 ? -1 : after + 1 + next;
    }

    private long CountTools(IReadOnlyList<ToolDefinition> tools, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var tool in tools)
        {
            total += Remember(ToolKey(tool), tool, tool => CountFunction(tool, cancellationToken));
        }

        return total + FunctionsEnd;
    }

    private long CountFunction(ToolDefinition tool, CancellationToken cancellationToken)
    {
        long total = FunctionStart + Count($"{tool.Name}:{tool.Description?.TrimEnd('.') ?? string.Empty}", cancellationToken);
        if (tool.InputSchema is { ValueKind: JsonValueKind.Object } schema
            && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            total += CountProperties(properties, cancellationToken);
        }

        return total;
    }

    /// <summary>A hash of the name, the description and the schema's JSON as the client sent it, each with its length.</summary>
    private static UInt128 ToolKey(ToolDefinition tool)
    {
        var hash = new XxHash128();
        AppendPart(hash, MemoryMarshal.AsBytes(tool.Name.AsSpan()));
        AppendPart(hash, MemoryMarshal.AsBytes((tool.Description ?? string.Empty).AsSpan()));
        if (tool.InputSchema is { ValueKind: not JsonValueKind.Undefined } schema)
        {
            AppendPart(hash, JsonMarshal.GetRawUtf8Value(schema));
        }

        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>A part of a hashed key, with its length, so that parts cannot run into each other.</summary>
    private static void AppendPart(XxHash128 hash, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(length, part.Length);
        hash.Append(length);
        hash.Append(part);
    }

    private long CountProperties(JsonElement properties, CancellationToken cancellationToken)
    {
        long total = PropertiesStart;
        foreach (var property in properties.EnumerateObject())
        {
            var schema = property.Value;
            total += PropertyKey;
            if (schema.ValueKind != JsonValueKind.Object)
            {
                total += Count(property.Name, cancellationToken);
                continue;
            }

            if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                total += EnumStart;
                foreach (var value in values.EnumerateArray())
                {
                    total += EnumItem + Count(value.ToString(), cancellationToken);
                }
            }

            var type = schema.TryGetProperty("type", out var t) ? t.ToString() : string.Empty;
            var description = schema.TryGetProperty("description", out var d) ? d.ToString() : string.Empty;
            total += Count($"{property.Name}:{type}:{description}", cancellationToken);

            // The Cookbook stops at the first level; nested objects and item schemas are counted
            // as the JSON the model is shown, so that deep tool schemas (Claude Code's) are not free.
            foreach (var nested in new[] { "properties", "items", "anyOf", "oneOf", "allOf" })
            {
                if (schema.TryGetProperty(nested, out var inner))
                {
                    total += Count(CompactJson(inner), cancellationToken);
                }
            }
        }

        return total;
    }

    /// <summary>
    /// A schema as it goes upstream: re-serialized compactly, whatever whitespace the client used,
    /// so that the count does not depend on the client's formatting.
    /// </summary>
    private static string CompactJson(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
