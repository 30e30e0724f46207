using System.Runtime.InteropServices;
using System.Text.Json;

namespace Translator.Api.Upstreams.Chat;

/// <summary>
/// One <c>chat.completion.chunk</c> of a stream, as <see cref="ChatChunkParser"/> reads it. One
/// instance serves a whole stream and is refilled for every chunk: the text it forwards stays UTF-8
/// in a buffer the instance owns, so a chunk costs no string and no object. Everything read is valid
/// until the next chunk is read. Only what the translation uses is kept: the first choice's delta and
/// finish_reason, usage, and the <c>error</c> some servers (OpenRouter) report mid-stream in.
/// </summary>
internal sealed class ChatCompletionChunk
{
    private readonly List<ChatToolCallDelta> _toolCalls = [];
    private readonly Utf8TextBuffer _text = new();

    /// <summary>The model the stream named first (later chunks repeat it and are not read again).</summary>
    public string? Model { get; internal set; }

    /// <summary>The chunk has a first choice (the last chunk may carry only <c>usage</c>).</summary>
    public bool HasChoice { get; internal set; }

    /// <summary><c>delta.content</c>, unescaped UTF-8.</summary>
    public ReadOnlySpan<byte> Content => Text(ContentRange);

    /// <summary><c>delta.reasoning_content</c> (CLIProxyAPI, DeepSeek), else <c>delta.reasoning</c> (OpenRouter).</summary>
    public ReadOnlySpan<byte> Reasoning => Text(ReasoningRange);

    /// <summary><c>delta.refusal</c>.</summary>
    public ReadOnlySpan<byte> Refusal => Text(RefusalRange);

    public ReadOnlySpan<ChatToolCallDelta> ToolCalls => CollectionsMarshal.AsSpan(_toolCalls);

    public string? FinishReason { get; internal set; }

    public ChatUsage? Usage { get; internal set; }

    public ChatStreamError? Error { get; internal set; }

    internal Range ContentRange { get; set; }

    internal Range ReasoningRange { get; set; }

    internal Range RefusalRange { get; set; }

    /// <summary>The argument fragment of one of this chunk's tool calls.</summary>
    public ReadOnlySpan<byte> ArgumentsOf(ChatToolCallDelta call) => Text(call.Arguments);

    /// <summary>Forgets the previous chunk, keeping its buffers and the stream's model.</summary>
    internal void Clear()
    {
        HasChoice = false;
        ContentRange = ReasoningRange = RefusalRange = default;
        FinishReason = null;
        Usage = null;
        Error = null;
        _toolCalls.Clear();
        _text.Clear();
    }

    internal void AddToolCall(ChatToolCallDelta call) => _toolCalls.Add(call);

    /// <summary>Reads the string the reader is on into this chunk's text.</summary>
    internal Range ReadText(ref Utf8JsonReader reader) => _text.Append(ref reader);

    private ReadOnlySpan<byte> Text(Range range) => _text[range];
}
