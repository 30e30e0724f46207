namespace Translator.Api.Forwarding;

/// <summary>
/// The headers the Claude route passes on. To the upstream: the client's <c>anthropic-*</c>
/// (version, beta flags) and Claude Code's session headers (<c>x-claude-code-session-id</c>,
/// <c>-agent-id</c>, ...), never its key. To the client: what Anthropic's clients read
/// (<c>request-id</c>, <c>anthropic-ratelimit-*</c>, <c>retry-after</c>, <c>x-should-retry</c>), the
/// body's content type, and nothing hop-by-hop.
/// </summary>
internal static class ClaudeHeaders
{
    /// <summary>The version Anthropic's API is called with when the client named none (the translator's own routes do not demand one).</summary>
    public const string DefaultVersion = "2023-06-01";

    public static IReadOnlyList<KeyValuePair<string, string>> From(IHeaderDictionary request)
    {
        var passed = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request)
        {
            if (name.StartsWith("anthropic-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("x-claude-code-", StringComparison.OrdinalIgnoreCase))
            {
                passed.Add(KeyValuePair.Create(name, values.ToString()));
            }
        }

        if (!request.ContainsKey("anthropic-version"))
        {
            passed.Add(KeyValuePair.Create("anthropic-version", DefaultVersion));
        }

        return passed;
    }

    /// <param name="withContentType">Whether the body's content type goes too (not for an error the translator words itself).</param>
    public static IReadOnlyList<KeyValuePair<string, string>> ToRelay(HttpResponseMessage response, bool withContentType = true)
    {
        var relayed = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers)
        {
            if (IsRelayed(name))
            {
                relayed.Add(KeyValuePair.Create(name, string.Join(",", values)));
            }
        }

        if (withContentType && response.Content.Headers.ContentType is { } contentType)
        {
            relayed.Add(KeyValuePair.Create("content-type", contentType.ToString()));
        }

        return relayed;
    }

    public static void CopyTo(HttpResponse response, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }
    }

    private static bool IsRelayed(string name) =>
        name.StartsWith("anthropic-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("request-id", StringComparison.OrdinalIgnoreCase)
        || name.Equals("retry-after", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-should-retry", StringComparison.OrdinalIgnoreCase);
}
