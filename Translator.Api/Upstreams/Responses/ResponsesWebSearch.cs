using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>
/// Anthropic's web search over the Responses API's hosted <c>web_search</c> tool: the tool's
/// settings, the <c>web_search_call</c> items that become <c>server_tool_use</c> and
/// <c>web_search_tool_result</c> blocks, and the <c>url_citation</c> annotations that become the
/// text's <c>web_search_result_location</c> citations.
/// </summary>
internal static class ResponsesWebSearch
{
    /// <summary>What the request asks the API to return with each search: the pages it read.</summary>
    public const string IncludeSources = "web_search_call.action.sources";

    /// <summary>Anthropic's limit on a citation's <c>cited_text</c>.</summary>
    private const int MaxCitedText = 150;

    public static ResponsesTool Tool(ToolDefinition tool) => new()
    {
        Type = "web_search",
        Filters = tool.AllowedDomains is { Count: > 0 } || tool.BlockedDomains is { Count: > 0 }
            ? new ResponsesWebSearchFilters(tool.AllowedDomains is { Count: > 0 } ? tool.AllowedDomains : null, tool.BlockedDomains is { Count: > 0 } ? tool.BlockedDomains : null)
            : null,
        UserLocation = tool.UserLocation is { } location ? new ResponsesUserLocation("approximate", location.City, location.Region, location.Country, location.Timezone) : null,
    };

    /// <summary>An earlier search, carried back by the client, replayed as the Codex CLI replays it: the call, whose results the model has read.</summary>
    public static ResponsesInputItem Replay(ContentBlock serverToolUse) => new()
    {
        Type = "web_search_call",
        Id = UpstreamId(serverToolUse.Id!),
        Status = "completed",
        Action = new ResponsesWebSearchAction
        {
            Type = "search",
            Query = serverToolUse.Input is { ValueKind: JsonValueKind.Object } input && input.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.String ? query.GetString() : null,
        },
    };

    /// <summary>The id Anthropic gives the search (<c>srvtoolu_…</c>) from the call's.</summary>
    public static string ToolUseId(string? callId)
    {
        var id = new StringBuilder(WebSearch.IdPrefix);
        foreach (var c in callId ?? "search")
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return id.ToString();
    }

    /// <summary>The input of the <c>server_tool_use</c> block: <c>{"query": ...}</c>.</summary>
    public static JsonElement Input(ResponsesOutputItem call)
    {
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new SearchInput(call.Action?.Query ?? string.Empty), OpenAIResponsesJsonContext.Default.SearchInput));
        return document.RootElement.Clone();
    }

    /// <summary>The <c>web_search_tool_result</c>'s content: the pages read, or the error of a failed search.</summary>
    public static object Results(ResponsesOutputItem call, IReadOnlyDictionary<string, string>? titles = null) =>
        call.Status == "failed"
            ? new WebSearchError("unavailable")
            : (call.Action?.Sources ?? [])
                .Where(s => s.Url is { Length: > 0 })
                .DistinctBy(s => s.Url)
                .Select(s => new WebSearchResult(s.Url!, s.Title ?? titles?.GetValueOrDefault(s.Url!) ?? s.Url!, Opaque(s.Url!), PageAge: null))
                .ToList();

    /// <summary>One annotation as Anthropic's citation of the text it marks.</summary>
    public static WebSearchCitation Citation(ResponsesAnnotation annotation, string text)
    {
        var start = Math.Clamp(annotation.StartIndex ?? 0, 0, text.Length);
        var end = Math.Clamp(annotation.EndIndex ?? text.Length, start, text.Length);
        var cited = text[start..end];
        return new WebSearchCitation(
            annotation.Url ?? string.Empty,
            annotation.Title ?? annotation.Url ?? string.Empty,
            cited.Length > MaxCitedText ? cited[..MaxCitedText] : cited,
            Opaque($"{annotation.Url}#{start}-{end}"));
    }

    /// <summary>
    /// Output text as Anthropic's text blocks: each cited passage a block with its citations, the
    /// text between them plain blocks, in order.
    /// </summary>
    public static IEnumerable<ResponseTextBlock> CitedText(string text, IReadOnlyList<ResponsesAnnotation> annotations)
    {
        var cited = annotations.Where(a => a.Type == "url_citation" && a.StartIndex is not null && a.EndIndex is not null)
            .GroupBy(a => (Start: Math.Clamp(a.StartIndex!.Value, 0, text.Length), End: Math.Clamp(a.EndIndex!.Value, 0, text.Length)))
            .Where(g => g.Key.End > g.Key.Start)
            .OrderBy(g => g.Key.Start)
            .ToList();
        var at = 0;
        foreach (var passage in cited)
        {
            if (passage.Key.Start < at)
            {
                continue;
            }

            if (passage.Key.Start > at)
            {
                yield return new ResponseTextBlock(text[at..passage.Key.Start]);
            }

            yield return new ResponseTextBlock(text[passage.Key.Start..passage.Key.End], [.. passage.Select(a => Citation(a, text))]);
            at = passage.Key.End;
        }

        if (at < text.Length)
        {
            yield return new ResponseTextBlock(text[at..]);
        }
    }

    /// <summary>The titles the text's citations give each page, for results whose source has none.</summary>
    public static Dictionary<string, string> Titles(IEnumerable<ResponsesOutputItem> output) =>
        output.SelectMany(item => item.Content ?? [])
            .SelectMany(content => content.Annotations ?? [])
            .Where(a => a is { Url: not null, Title: not null })
            .DistinctBy(a => a.Url)
            .ToDictionary(a => a.Url!, a => a.Title!);

    /// <summary>The call's id, back from Anthropic's: what follows <c>srvtoolu_</c>.</summary>
    private static string UpstreamId(string toolUseId) =>
        toolUseId.StartsWith(WebSearch.IdPrefix, StringComparison.Ordinal) ? toolUseId[WebSearch.IdPrefix.Length..] : toolUseId;

    /// <summary>Anthropic's opaque fields (encrypted content and index): the page's address, encoded.</summary>
    private static string Opaque(string value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    internal sealed record SearchInput(string Query);
}
