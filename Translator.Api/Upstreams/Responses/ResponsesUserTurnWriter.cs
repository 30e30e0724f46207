using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>A user turn as Responses input: a function_call_output per result, then one user message with the rest.</summary>
internal struct ResponsesUserTurnWriter(List<ResponsesInputItem> input, CacheBreakpoints breakpoints) : IUserTurnWriter
{
    private List<ResponsesContentPart>? _parts;

    public readonly void ToolResult(ContentBlock result, string callId, string text, IReadOnlyList<ContentBlock> media) =>
        input.Add(new ResponsesInputItem
        {
            Type = "function_call_output",
            CallId = callId,
            Output = Output(text, media, breakpoints.At(result)),
        });

    public void UserText(string text) => (_parts ??= []).Add(ResponsesContentPart.InputText(text));

    public void UserPart(ContentBlock block)
    {
        if (ResponsesRequestTranslator.ToPart(block) is { } part)
        {
            (_parts ??= []).Add(breakpoints.At(block) is { } breakpoint ? part with { PromptCacheBreakpoint = breakpoint } : part);
        }
    }

    /// <summary>Adds the user message, if the turn left anything for it.</summary>
    public readonly void Finish()
    {
        if (_parts is { Count: > 0 } parts)
        {
            input.Add(ResponsesInputItem.Message("user", parts));
        }
    }

    /// <summary>The text alone, or its text then its media as parts.</summary>
    /// <param name="breakpoint">Where the client marked the result for caching: on its last part, so the whole output is in the cached prefix.</param>
    private static ResponsesToolOutput Output(string text, IReadOnlyList<ContentBlock> media, PromptCacheBreakpoint? breakpoint)
    {
        if (media.Count == 0 && breakpoint is null)
        {
            return new ResponsesToolOutput(text);
        }

        var parts = new List<ResponsesContentPart>(media.Count + 1) { ResponsesContentPart.InputText(text) };
        foreach (var item in media)
        {
            if (ResponsesRequestTranslator.ToPart(item) is { } part)
            {
                parts.Add(part);
            }
        }

        if (breakpoint is not null)
        {
            parts[^1] = parts[^1] with { PromptCacheBreakpoint = breakpoint };
        }

        return new ResponsesToolOutput(parts);
    }
}
