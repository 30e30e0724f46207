using System.Buffers;
using System.Diagnostics;
using System.IO.Hashing;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// Writes the Anthropic stream grammar as SSE bytes: <c>message_start</c>, then per block
/// <c>content_block_start</c> / deltas / <c>content_block_stop</c> with contiguous indexes, then
/// <c>message_delta</c> and <c>message_stop</c>. It owns the block bookkeeping (which block is open,
/// the next index), so every upstream protocol drives the same grammar and cannot break it. It
/// also shows thinking as the request asked (<see cref="ThinkingDisplay"/>), and signs every
/// thinking block: with the signature the translator set, else <see cref="ThinkingSignature"/>.
/// </summary>
internal sealed class AnthropicEventWriter
{
    // Anthropic sends UTF-8 as is; the default encoder would escape every non-ASCII character.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IBufferWriter<byte> _output;
    private readonly Utf8JsonWriter _json;
    private readonly ClientProfile _profile;
    private readonly ThinkingDisplay _thinking;
    /// <summary>The open thinking block's text hash, made when the first thinking block opens: most streams have none, and it is 568 bytes on each of them.</summary>
    private XxHash128? _thinkingHash;
    private int _nextIndex;
    private string _thinkingSignature = string.Empty;

    public AnthropicEventWriter(IBufferWriter<byte> output, ClientProfile profile = ClientProfile.Anthropic, ThinkingDisplay thinking = ThinkingDisplay.Summarized)
    {
        _output = output;
        _profile = profile;
        _thinking = thinking;
        _json = new Utf8JsonWriter(output, WriterOptions);
    }

    /// <summary>The kind of the block that is open, if any.</summary>
    public BlockKind OpenBlock { get; private set; }

    /// <summary>How many content blocks were started.</summary>
    public int BlockCount => _nextIndex;

    /// <summary>Shapes what the client sees (its tool names, strict answers, its max_tokens); after a cut nothing more is written.</summary>
    public AnswerShaper? Shaper { get; init; }

    public void MessageStart(string id, string model, Usage usage)
    {
        BeginEvent("message_start"u8);
        _json.WriteStartObject("message"u8);
        _json.WriteString("id"u8, id);
        _json.WriteString("type"u8, "message"u8);
        _json.WriteString("role"u8, "assistant"u8);
        _json.WriteString("model"u8, model);
        _json.WriteStartArray("content"u8);
        _json.WriteEndArray();
        _json.WriteNull("stop_reason"u8);
        _json.WriteNull("stop_sequence"u8);
        UsageJson.Write(_json, usage);
        _json.WriteEndObject();
        EndEvent();
    }

    public void Ping()
    {
        BeginEvent("ping"u8);
        EndEvent();
    }

    /// <summary>The request's stop sequences, matched in the answer's text (its <c>Matched</c> ends the answer); null when it sent none.</summary>
    public StopSequenceMatcher? StopSequences { get; init; }

    public void TextDelta(string text) => TextDelta(Encoding.UTF8.GetBytes(text));

    /// <summary>A text delta from UTF-8 the caller holds: forwarded without becoming a string unless shaped.</summary>
    public void TextDelta(ReadOnlySpan<byte> utf8Text)
    {
        if (Shaper is { IsCut: true })
        {
            return;
        }

        // Text that may begin a stop sequence waits in the open text block (sent when it closes); none goes after a match.
        OpenText();
        if (StopSequences is not { } stops || !(utf8Text = stops.Feed(utf8Text)).IsEmpty)
        {
            WriteText(utf8Text);
        }
    }

    /// <summary>Thinking text: a delta of the open thinking block, unless the request asked not to see it.</summary>
    public void ThinkingDelta(ReadOnlySpan<byte> utf8Thinking)
    {
        if (!ThinkingPolicy.ShowsBlocks(_thinking) || Shaper is { IsCut: true })
        {
            return;
        }

        OpenThinking();
        _thinkingHash?.Append(utf8Thinking);
        if (ThinkingPolicy.ShowsText(_thinking) && !utf8Thinking.IsEmpty)
        {
            BeginDelta("thinking_delta"u8);
            _json.WriteString("thinking"u8, utf8Thinking);
            EndDelta();
        }
    }

    /// <summary>Opens a thinking block if none is open (for reasoning that has no text to show).</summary>
    public void OpenThinking()
    {
        if (!ThinkingPolicy.ShowsBlocks(_thinking) || OpenBlock == BlockKind.Thinking || Shaper is { IsCut: true })
        {
            return;
        }

        StartBlock(BlockKind.Thinking);
        _json.WriteString("type"u8, "thinking"u8);
        _json.WriteString("thinking"u8, ""u8);
        _json.WriteString("signature"u8, ""u8);
        EndStartBlock();
        (_thinkingHash ??= new XxHash128()).Reset();
    }

    /// <summary>The signature sent with the open thinking block when it closes (a hash of its text unless set).</summary>
    public void SetThinkingSignature(string signature) => _thinkingSignature = signature;

    public void StartToolUse(string id, string name)
    {
        if (Shaper is { IsCut: true })
        {
            return;
        }

        StartToolBlock(BlockKind.ToolUse, "tool_use"u8, id, Shaper?.ClientName(name) ?? name);
        if (_profile == ClientProfile.Amp)
        {
            _json.WriteString("signature"u8, ""u8);
        }

        EndStartBlock();
    }

    /// <summary>A tool the server runs for the model (web search); its input follows as <c>input_json_delta</c>.</summary>
    public void StartServerToolUse(string id, string name)
    {
        if (Shaper is { IsCut: true })
        {
            return;
        }

        StartToolBlock(BlockKind.ServerToolUse, "server_tool_use"u8, id, name);
        EndStartBlock();
    }

    /// <summary>A web search's results, sent whole in one block: a list of results or the error object.</summary>
    public void WebSearchToolResult(string toolUseId, object content)
    {
        StartBlock(BlockKind.WebSearchToolResult);
        _json.WriteString("type"u8, "web_search_tool_result"u8);
        _json.WriteString("tool_use_id"u8, toolUseId);
        _json.WritePropertyName("content"u8);
        JsonSerializer.Serialize(_json, content, content.GetType(), AnthropicJsonContext.Default);
        WriteDirectCaller();
        EndStartBlock();
        CloseBlock();
    }

    /// <summary>A citation of the open text block (web search).</summary>
    public void CitationsDelta(WebSearchCitation citation)
    {
        if (Shaper is { IsCut: true })
        {
            return;
        }

        BeginDelta("citations_delta"u8);
        _json.WritePropertyName("citation"u8);
        JsonSerializer.Serialize(_json, citation, AnthropicJsonContext.Default.WebSearchCitation);
        EndDelta();
    }

    public void InputJsonDelta(string partialJson)
    {
        if (Shaper is { } shaper && (shaper.IsCut || (partialJson = shaper.Show(partialJson)).Length == 0))
        {
            return;
        }

        BeginDelta("input_json_delta"u8);
        _json.WriteString("partial_json"u8, partialJson);
        EndDelta();
    }

    public void InputJsonDelta(ReadOnlySpan<byte> utf8PartialJson)
    {
        if (Shaper is not null)
        {
            InputJsonDelta(Encoding.UTF8.GetString(utf8PartialJson));
            return;
        }

        BeginDelta("input_json_delta"u8);
        _json.WriteString("partial_json"u8, utf8PartialJson);
        EndDelta();
    }

    /// <summary>Closes the open block; a thinking block gets its <c>signature_delta</c> first, as Anthropic sends it.</summary>
    public void CloseBlock()
    {
        if (OpenBlock == BlockKind.None)
        {
            return;
        }

        if (OpenBlock == BlockKind.Text && StopSequences is { IsHolding: true } stops)
        {
            WriteText(stops.Flush());
        }

        if (Shaper?.Release() is { Length: > 0 } held)
        {
            BeginDelta(OpenBlock == BlockKind.Text ? "text_delta"u8 : "input_json_delta"u8);
            _json.WriteString(OpenBlock == BlockKind.Text ? "text"u8 : "partial_json"u8, held);
            EndDelta();
        }

        if (OpenBlock == BlockKind.Thinking)
        {
            BeginDelta("signature_delta"u8);
            if (_thinkingSignature.Length > 0)
            {
                _json.WriteString("signature"u8, _thinkingSignature);
            }
            else
            {
                Span<byte> signature = stackalloc byte[ThinkingSignature.Length];
                ThinkingSignature.Write((_thinkingHash ??= new XxHash128()).GetCurrentHashAsUInt128(), signature);
                _json.WriteString("signature"u8, signature);
            }

            EndDelta();
            _thinkingSignature = string.Empty;
        }

        BeginEvent("content_block_stop"u8);
        _json.WriteNumber("index"u8, _nextIndex - 1);
        EndEvent();
        OpenBlock = BlockKind.None;
    }

    /// <summary>The context edits applied to the request, reported on the final <c>message_delta</c>.</summary>
    public IReadOnlyList<AppliedContextEdit>? AppliedEdits { get; set; }

    /// <summary>Closes any open block, then writes <c>message_delta</c> and <c>message_stop</c>.</summary>
    public void MessageEnd(string stopReason, string? stopSequence, Usage usage)
    {
        CloseBlock();

        BeginEvent("message_delta"u8);
        _json.WriteStartObject("delta"u8);
        _json.WriteString("stop_reason"u8, stopReason);
        _json.WriteString("stop_sequence"u8, stopSequence); // null is written as null

        _json.WriteEndObject();
        UsageJson.Write(_json, usage);
        if (AppliedEdits is { } edits)
        {
            _json.WritePropertyName("context_management"u8);
            JsonSerializer.Serialize(_json, new ContextManagementResponse { AppliedEdits = edits }, AnthropicJsonContext.Default.ContextManagementResponse);
        }

        EndEvent();

        BeginEvent("message_stop"u8);
        EndEvent();
    }

    /// <summary>A failure after the stream began: <c>event: error</c> with the Anthropic envelope.</summary>
    public void Error(ApiError error, string? requestId)
    {
        BeginEvent("error"u8);
        _json.WriteStartObject("error"u8);
        _json.WriteString("type"u8, error.Type);
        _json.WriteString("message"u8, error.Message);
        _json.WriteEndObject();
        if (requestId is not null)
        {
            _json.WriteString("request_id"u8, requestId);
        }

        EndEvent();
    }

    private void StartBlock(BlockKind kind, string? toolName = null)
    {
        CloseBlock();
        OpenBlock = kind;
        Shaper?.BlockStarted(kind, toolName);
        BeginEvent("content_block_start"u8);
        _json.WriteNumber("index"u8, _nextIndex++);
        _json.WriteStartObject("content_block"u8);
    }

    /// <summary>The start of a tool_use or server_tool_use block: an empty input, called directly.</summary>
    private void StartToolBlock(BlockKind kind, ReadOnlySpan<byte> type, string id, string name)
    {
        // The shaper follows the client's tools by name; the server's own tool is not one of them.
        StartBlock(kind, kind == BlockKind.ToolUse ? name : null);
        _json.WriteString("type"u8, type);
        _json.WriteString("id"u8, id);
        _json.WriteString("name"u8, name);
        _json.WriteStartObject("input"u8);
        _json.WriteEndObject();
        WriteDirectCaller();
    }

    private void EndStartBlock()
    {
        _json.WriteEndObject();
        EndEvent();
    }

    /// <summary>Text into the open text block, as the shaper shows it.</summary>
    private void WriteText(ReadOnlySpan<byte> utf8Text)
    {
        if (Shaper is null)
        {
            BeginDelta("text_delta"u8);
            _json.WriteString("text"u8, utf8Text);
            EndDelta();
        }
        else if (Shaper.Show(Encoding.UTF8.GetString(utf8Text)) is { Length: > 0 } shown)
        {
            BeginDelta("text_delta"u8);
            _json.WriteString("text"u8, shown);
            EndDelta();
        }
    }

    private void OpenText()
    {
        if (OpenBlock != BlockKind.Text)
        {
            StartBlock(BlockKind.Text);
            _json.WriteString("type"u8, "text"u8);
            _json.WriteString("text"u8, ""u8);
            EndStartBlock();
        }
    }

    /// <summary><c>caller: {type: "direct"}</c>: the model itself called the tool.</summary>
    private void WriteDirectCaller()
    {
        _json.WriteStartObject("caller"u8);
        _json.WriteString("type"u8, "direct"u8);
        _json.WriteEndObject();
    }

    private void BeginDelta(ReadOnlySpan<byte> deltaType)
    {
        Debug.Assert(OpenBlock != BlockKind.None, "a delta outside a block");
        BeginEvent("content_block_delta"u8);
        _json.WriteNumber("index"u8, _nextIndex - 1);
        _json.WriteStartObject("delta"u8);
        _json.WriteString("type"u8, deltaType);
    }

    private void EndDelta()
    {
        _json.WriteEndObject();
        EndEvent();
    }

    /// <summary><c>event: NAME</c>, then <c>data: {"type":"NAME"</c>: the data's type always equals the event name.</summary>
    private void BeginEvent(ReadOnlySpan<byte> name)
    {
        Write("event: "u8);
        Write(name);
        Write("\ndata: "u8);
        _json.WriteStartObject();
        _json.WriteString("type"u8, name);
    }

    private void EndEvent()
    {
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        Write("\n\n"u8);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_output.GetSpan(bytes.Length));
        _output.Advance(bytes.Length);
    }
}
