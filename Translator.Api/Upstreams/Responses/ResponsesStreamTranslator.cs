using System.Text;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>
/// OpenAI Responses stream events to Anthropic stream events, through the same
/// <see cref="AnthropicEventWriter"/> grammar as the chat path. Responses streams one output item
/// at a time, so each item maps onto one block: reasoning → thinking (its summary as
/// thinking_delta, its encrypted content as the signature), message → text, function_call → tool_use.
/// </summary>
internal sealed class ResponsesStreamTranslator(AnthropicEventWriter events, string messageId, string requestedModel, Usage inputEstimate, StreamOptions? options = null)
    : StreamTranslator<ResponsesStreamItem>(events, messageId, requestedModel, inputEstimate, options)
{
    private readonly ResponsesEventParser _parser = new();
    private bool _toolArgumentsSent;
    private bool _hasToolUse;
    private bool _refused;
    private int _searches;

    // The text of the message being streamed, kept only once a web search ran: its citations
    // (url_citation annotations) give character ranges of it.
    private StringBuilder? _citableText;

    protected override ResponsesStreamItem? Parse(string eventType, ReadOnlySpan<byte> data) => _parser.Parse(eventType, data);

    protected override void Translate(ResponsesStreamItem item)
    {
        var e = item.Event;
        switch (item.Type)
        {
            case "response.created" or "response.in_progress":
                UpstreamModel ??= e?.Response?.Model;
                break;
            case "response.output_item.added":
                OnItemAdded(e?.Item);
                break;
            case "response.reasoning_summary_part.added" when e?.SummaryIndex > 0:
                Events.ThinkingDelta("\n\n"u8);
                break;
            case ResponsesStreamItem.ReasoningSummaryTextDelta when !item.Delta.IsEmpty:
                Events.ThinkingDelta(item.Delta);
                Capture(item.Delta);
                break;
            case ResponsesStreamItem.OutputTextDelta when !item.Delta.IsEmpty:
                Events.TextDelta(item.Delta);
                Capture(item.Delta);
                _citableText?.Append(Encoding.UTF8.GetString(item.Delta));
                break;
            case "response.output_text.annotation.added" when e?.Annotation is { Type: "url_citation" } annotation && _citableText is not null && Events.OpenBlock == BlockKind.Text:
                Events.CitationsDelta(ResponsesWebSearch.Citation(annotation, _citableText.ToString()));
                break;
            case ResponsesStreamItem.RefusalDelta when !item.Delta.IsEmpty:
                _refused = true;
                Events.TextDelta(item.Delta);
                break;
            case ResponsesStreamItem.FunctionCallArgumentsDelta when !item.Delta.IsEmpty && Events.OpenBlock == BlockKind.ToolUse:
                Events.InputJsonDelta(item.Delta);
                _toolArgumentsSent = true;
                break;
            case "response.output_item.done":
                OnItemDone(e?.Item);
                break;
            case "response.completed" or "response.incomplete":
                End(e?.Response);
                break;
            case "response.failed":
                Fail(ResponsesErrorMap.From(e?.Response?.Error));
                break;
            case "error":
                Fail(ResponsesErrorMap.From(e?.Code ?? e?.Error?.Code, e?.Message ?? e?.Error?.Message));
                break;
        }
    }

    protected override void CompleteOrFail() =>
        Fail(ApiError.BadGateway("The upstream stream ended before the response was complete (no response.completed)."));

    private void OnItemAdded(ResponsesOutputItem? item)
    {
        switch (item?.Type)
        {
            case "function_call":
                Events.StartToolUse(ToolIdCodec.ToAnthropic(item.CallId), item.Name ?? string.Empty);
                _toolArgumentsSent = false;
                _hasToolUse = true;
                break;
            case "web_search_call":
                // Anthropic's order: the search's call (its query follows when known), its results whole, then the cited text.
                Events.StartServerToolUse(ResponsesWebSearch.ToolUseId(item.Id), WebSearch.ToolName);
                _citableText ??= new StringBuilder();
                break;
            case "message":
                _citableText?.Clear();
                break;
        }
    }

    private void OnItemDone(ResponsesOutputItem? item)
    {
        switch (item?.Type)
        {
            case "function_call" when Events.OpenBlock == BlockKind.ToolUse:
                // Some servers send the arguments only with the finished item.
                if (!_toolArgumentsSent)
                {
                    Events.InputJsonDelta(string.IsNullOrEmpty(item.Arguments) ? "{}" : item.Arguments);
                }

                Events.CloseBlock();
                break;
            case "reasoning":
                if (item is { Id: { } id, EncryptedContent: { } encrypted })
                {
                    // Reasoning with no summary still opens a (silent) thinking block, to carry it.
                    Events.OpenThinking();
                    Events.SetThinkingSignature(ReasoningSignature.Encode(id, encrypted));
                }

                Events.CloseBlock();
                break;
            case "message":
                Events.CloseBlock();
                break;
            case "web_search_call" when Events.OpenBlock == BlockKind.ServerToolUse:
                Events.InputJsonDelta(ResponsesWebSearch.Input(item).GetRawText());
                Events.WebSearchToolResult(ResponsesWebSearch.ToolUseId(item.Id), ResponsesWebSearch.Results(item));
                _searches++;
                break;
        }
    }

    private void End(ResponsesResponse? response)
    {
        response ??= new ResponsesResponse { Status = "completed" };
        UpstreamModel ??= response.Model;
        FinishReason = response.IncompleteDetails?.Reason ?? response.Status;
        var usage = response.Usage is { } reported ? ResponsesUsageMap.ToAnthropic(reported) : InputEstimate;
        End(ResponsesStopReasonMap.FromResponse(response, _hasToolUse, _refused), _searches > 0 ? usage with { ServerToolUse = new ServerToolUsage(_searches) } : usage);
    }
}
