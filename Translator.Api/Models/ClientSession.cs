namespace Translator.Api.Models;

/// <summary>
/// The session a request says it belongs to: Claude Code's <c>x-claude-code-session-id</c>, with
/// <c>x-claude-code-agent-id</c> for a subagent. It keys the conversation's prompt cache.
/// </summary>
internal sealed record ClientSession(string? SessionId, string? AgentId)
{
    /// <summary>A request without session headers (other clients, and translation without a server).</summary>
    public static readonly ClientSession None = new(null, null);

    public static ClientSession Of(IHeaderDictionary headers) => new(headers["x-claude-code-session-id"], headers["x-claude-code-agent-id"]);
}
