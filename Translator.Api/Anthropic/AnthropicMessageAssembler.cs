using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// The complete message an Anthropic event stream describes: an <see cref="AnthropicEventWriter"/>
/// writes to <see cref="Output"/>, <see cref="Consume"/> folds what it wrote into blocks, and
/// <see cref="Message"/> is the answer once <c>message_stop</c> came. A complete answer read from a
/// streamed upstream call goes through the same stream translation as a streamed one, so the two
/// cannot drift apart; only the folding of events into a message is here.
/// </summary>
internal sealed class AnthropicMessageAssembler
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly List<ResponseContentBlock> _content = [];
    private string _id = string.Empty;
    private string _model = string.Empty;
    private Usage _usage = new();
    private string? _stopReason;
    private string? _stopSequence;
    private ContextManagementResponse? _contextManagement;

    // The open block, as its start described it and its deltas extended it.
    private JsonElement _block;
    private readonly StringBuilder _text = new();
    private readonly List<WebSearchCitation> _citations = [];
    private string _signature = string.Empty;

    /// <summary>Where the event writer writes; emptied by every <see cref="Consume"/>.</summary>
    public IBufferWriter<byte> Output => _output;

    /// <summary>How many bytes of events were consumed: the size of the answer being assembled.</summary>
    public long ConsumedBytes { get; private set; }

    /// <summary>The answer, once the stream ended well.</summary>
    public MessagesResponse? Message { get; private set; }

    /// <summary>Folds every event written since the last call into the message. The writer writes whole events only.</summary>
    public void Consume()
    {
        var written = _output.WrittenSpan;
        ConsumedBytes += written.Length;
        while (written.IndexOf("\n\n"u8) is var end and >= 0)
        {
            var data = written[..end];
            data = data[(data.IndexOf("\ndata: "u8) + "\ndata: ".Length)..];
            using (var document = JsonDocument.Parse(data.ToArray()))
            {
                Apply(document.RootElement);
            }

            written = written[(end + 2)..];
        }

        _output.ResetWrittenCount();
    }

    private void Apply(JsonElement data)
    {
        switch (data.GetProperty("type").GetString())
        {
            case "message_start":
                var message = data.GetProperty("message");
                _id = message.GetProperty("id").GetString()!;
                _model = message.GetProperty("model").GetString()!;
                break;
            case "content_block_start":
                _block = data.GetProperty("content_block").Clone();
                _text.Clear();
                _citations.Clear();
                _signature = string.Empty;
                break;
            case "content_block_delta":
                ApplyDelta(data.GetProperty("delta"));
                break;
            case "content_block_stop":
                _content.Add(CloseBlock());
                break;
            case "message_delta":
                var delta = data.GetProperty("delta");
                _stopReason = delta.GetProperty("stop_reason").GetString();
                _stopSequence = delta.GetProperty("stop_sequence").GetString();
                _usage = ReadUsage(data.GetProperty("usage"));
                if (data.TryGetProperty("context_management", out var edits))
                {
                    _contextManagement = edits.Deserialize(AnthropicJsonContext.Default.ContextManagementResponse);
                }

                break;
            case "message_stop":
                Message = new MessagesResponse
                {
                    Id = _id,
                    Model = _model,
                    Content = [.. _content],
                    StopReason = _stopReason,
                    StopSequence = _stopSequence,
                    Usage = _usage,
                    ContextManagement = _contextManagement,
                };
                break;
        }
    }

    private void ApplyDelta(JsonElement delta)
    {
        switch (delta.GetProperty("type").GetString())
        {
            case "text_delta":
                _text.Append(delta.GetProperty("text").GetString());
                break;
            case "thinking_delta":
                _text.Append(delta.GetProperty("thinking").GetString());
                break;
            case "input_json_delta":
                _text.Append(delta.GetProperty("partial_json").GetString());
                break;
            case "signature_delta":
                _signature = delta.GetProperty("signature").GetString()!;
                break;
            case "citations_delta":
                _citations.Add(delta.GetProperty("citation").Deserialize(AnthropicJsonContext.Default.WebSearchCitation)!);
                break;
        }
    }

    private ResponseContentBlock CloseBlock()
    {
        var id = _block.TryGetProperty("id", out var blockId) ? blockId.GetString()! : string.Empty;
        var name = _block.TryGetProperty("name", out var blockName) ? blockName.GetString()! : string.Empty;
        return _block.GetProperty("type").GetString() switch
        {
            "text" => new ResponseTextBlock(_text.ToString(), _citations.Count > 0 ? [.. _citations] : null),
            "thinking" => new ResponseThinkingBlock(_text.ToString(), _signature),
            "tool_use" => new ResponseToolUseBlock(id, name, Input())
            {
                Signature = _block.TryGetProperty("signature", out var signature) ? signature.GetString() : null,
            },
            "server_tool_use" => new ResponseServerToolUseBlock(id, name, Input()),
            _ => new ResponseWebSearchToolResultBlock(_block.GetProperty("tool_use_id").GetString()!, _block.GetProperty("content")),
        };
    }

    /// <summary>The tool's input: the JSON its deltas spelled out, else the start's (empty) object.</summary>
    private JsonElement Input()
    {
        if (_text.Length == 0)
        {
            return _block.GetProperty("input");
        }

        using var document = JsonDocument.Parse(_text.ToString());
        return document.RootElement.Clone();
    }

    private static Usage ReadUsage(JsonElement usage) => new()
    {
        InputTokens = usage.GetProperty("input_tokens").GetInt64(),
        CacheCreationInputTokens = usage.GetProperty("cache_creation_input_tokens").GetInt64(),
        CacheReadInputTokens = usage.GetProperty("cache_read_input_tokens").GetInt64(),
        OutputTokens = usage.GetProperty("output_tokens").GetInt64(),
        ServerToolUse = usage.TryGetProperty("server_tool_use", out var tools)
            ? new ServerToolUsage(tools.GetProperty("web_search_requests").GetInt64())
            : null,
    };
}
