using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// The <c>prompt_cache_key</c> of a conversation: OpenAI routes requests with the same key to the
/// same prompt cache, so every turn of a session should carry one key, as the Codex CLI sends its
/// thread id. The session is Claude Code's <c>x-claude-code-session-id</c> (with
/// <c>x-claude-code-agent-id</c> for a subagent, whose prompt differs), else the <c>session_id</c>
/// in <c>metadata.user_id</c>, else the conversation's stable start (system prompt and first
/// message); combined with the upstream model and hashed, so nothing a client sent reaches the
/// upstream as it came, and two sessions never share a key.
/// </summary>
internal static partial class PromptCacheKey
{
    public static string For(MessagesRequest request, string? sessionId, string? agentId, string upstreamModel)
    {
        var session = sessionId is { Length: > 0 } ? sessionId : SessionOf(request.Metadata?.UserId);
        var source = session is not null
            ? $"session\n{session}\nagent\n{agentId}\nmodel\n{upstreamModel}"
            : $"prefix\n{AnthropicContent.SystemText(request)}\n{FirstMessage(request)}\nmodel\n{upstreamModel}";
        return "ccx-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)), 0, 24);
    }

    /// <summary>
    /// The session in a <c>metadata.user_id</c>: Claude Code 2.x sends a JSON object with
    /// <c>session_id</c>; older versions <c>user_…_account_…_session_&lt;uuid&gt;</c>.
    /// </summary>
    private static string? SessionOf(string? userId)
    {
        if (userId is null)
        {
            return null;
        }

        if (userId.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(userId);
                return document.RootElement.TryGetProperty("session_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value ? value : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return LegacySession().Match(userId) is { Success: true } match ? match.Groups[1].Value : null;
    }

    private static string FirstMessage(MessagesRequest request) =>
        request.Messages is [{ Content: { } content }, ..] ? content.Text ?? string.Join("\n", content.Blocks!.Select(b => b.Text)) : string.Empty;

    [GeneratedRegex("_session_([0-9a-fA-F-]{8,64})$")]
    private static partial Regex LegacySession();
}
