using System.Text;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>
/// OpenAI Responses stream events to Anthropic stream events, through the same
/// <see cref="AnthropicEventWriter"/> grammar as the chat path. Responses streams one output item
/// at a time, so each item maps onto one block: reasoning → thinking (its summary as
/// thinking_delta, its encrypted content as the signature), message → text, function_call → tool_use.
/// A call's arguments are checked as they come (<see cref="JsonObjectTracker"/>): arguments that
/// are not a JSON object end the stream with an error instead of the block's <c>content_block_stop</c>.
/// </summary>
internal sealed class ResponsesStreamTranslator(AnthropicEventWriter events, string messageId, string requestedModel, Usage inputEstimate, StreamTranslatorSettings? options = null)
    : StreamTranslator<ResponsesStreamItem>(events, messageId, requestedModel, inputEstimate, new ResponsesEventParser(), options)
{
    private JsonObjectTracker _toolArguments;
    private string? _toolName;
    private bool _toolArgumentsSent;
    private bool _hasToolUse;
    private bool _refused;
    private int _searches;

    // The text of the message being streamed, kept only once a web search ran: its citations
    // (url_citation annotations) give character ranges of it.
    private StringBuilder? _citableText;

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
                Text(item.Delta);
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
                // Checked before forwarding: a client never sees the fragment that makes the input unparsable.
                _toolArguments.Feed(item.Delta);
                if (_toolArguments.HasFailed)
                {
                    Fail(ToolArguments.NotAnObjectInStream(_toolName));
                    break;
                }

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
        // A call left open by its done item is not cut, since the response goes on.
        if (!CloseToolUse(cut: false))
        {
            return;
        }

        switch (item?.Type)
        {
            case "function_call":
                Events.StartToolUse(ToolIdCodec.ToAnthropic(item.CallId), item.Name ?? string.Empty);
                _toolArguments = default;
                _toolName = item.Name;
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
                if (!_toolArgumentsSent && !string.IsNullOrEmpty(item.Arguments))
                {
                    _toolArguments.Feed(Encoding.UTF8.GetBytes(item.Arguments));
                    if (_toolArguments.HasFailed)
                    {
                        Fail(ToolArguments.NotAnObjectInStream(_toolName));
                        break;
                    }

                    Events.InputJsonDelta(item.Arguments);
                    _toolArgumentsSent = true;
                }

                // Arguments that stopped short stay open: only the response's end can say the call was cut.
                if (_toolArguments.IsWholeObject)
                {
                    CloseToolUse(cut: false);
                }

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
        var stopReason = ResponsesStopReasonMap.FromResponse(response, _hasToolUse, _refused);
        if (!CloseToolUse(cut: stopReason is StopReasons.MaxTokens or StopReasons.Refusal))
        {
            return;
        }

        var usage = response.Usage is { } reported ? ResponsesUsageMap.ToAnthropic(reported) : InputEstimate;
        End(stopReason, _searches > 0 ? usage with { ServerToolUse = new ServerToolUsage(_searches) } : usage);
    }

    /// <summary>
    /// Closes an open tool_use block if its input is a JSON object, else fails the stream; false
    /// when the stream failed. Only a cut answer (<paramref name="cut"/>) closes a call whose
    /// arguments stopped short, as Anthropic does at max_tokens: the stop reason tells the client.
    /// </summary>
    private bool CloseToolUse(bool cut)
    {
        if (Events.OpenBlock != BlockKind.ToolUse)
        {
            return true;
        }

        if (!_toolArguments.IsWholeObject && !cut)
        {
            Fail(ToolArguments.NotAnObjectInStream(_toolName));
            return false;
        }

        // A call without arguments still needs a JSON object as its input.
        if (_toolArguments.IsBlank)
        {
            Events.InputJsonDelta("{}"u8);
        }

        Events.CloseBlock();
        return true;
    }
}
