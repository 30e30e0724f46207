namespace Translator.Api.Anthropic;

/// <summary>
/// Which of a request's tools the model is shown, by Anthropic's tool-search rules: a tool with
/// <c>defer_loading</c> stays out until a <c>tool_reference</c> block in the conversation names it
/// (Claude Code's ToolSearch answers with those). Every upstream protocol and the token count use
/// this one list, in which Anthropic's client tools are already the functions they become
/// (<see cref="ClientToolFunctions"/>).
/// </summary>
/// <remarks>
/// The tools without <c>defer_loading</c> come first, in the client's order; each deferred tool
/// follows once referenced, in the order of its first reference. A newly loaded tool is thereby
/// appended, and everything the upstream was shown before it (the system prompt and the earlier
/// tools) stays its cached prompt prefix; see benchmarks/RESULTS.md for the measurement.
/// </remarks>
internal static class LoadedTools
{
    public static IReadOnlyList<ToolDefinition> Of(MessagesRequest request)
    {
        var shown = Shown(request);
        return shown.Any(t => ClientToolFunctions.IsClientToolType(t.Type)) ? [.. shown.Select(ClientToolFunctions.AsFunction)] : shown;
    }

    private static IReadOnlyList<ToolDefinition> Shown(MessagesRequest request)
    {
        if (request.Tools is not { Count: > 0 } tools || !tools.Any(t => t.DeferLoading == true))
        {
            return request.Tools ?? [];
        }

        var shown = tools.Where(t => t.DeferLoading != true).ToList();
        foreach (var reference in References(request))
        {
            if (tools.FirstOrDefault(t => t.Name == reference.Name && t.DeferLoading == true) is { } loaded && !shown.Contains(loaded))
            {
                shown.Add(loaded);
            }
        }

        return shown;
    }

    /// <summary>Every <c>tool_reference</c> in the conversation, in order, with its path for error messages.</summary>
    public static IEnumerable<(string Path, string? Name)> References(MessagesRequest request)
    {
        var messages = request.Messages ?? [];
        for (var m = 0; m < messages.Count; m++)
        {
            var blocks = messages[m]?.Content?.Blocks ?? [];
            for (var b = 0; b < blocks.Count; b++)
            {
                if (blocks[b] is { Type: "tool_result", Content.Blocks: { } results })
                {
                    for (var r = 0; r < results.Count; r++)
                    {
                        if (results[r] is { Type: "tool_reference" } reference)
                        {
                            yield return ($"messages.{m}.content.{b}.content.{r}", reference.ToolName);
                        }
                    }
                }
            }
        }
    }
}
