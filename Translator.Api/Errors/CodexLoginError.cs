using Translator.Api.Anthropic;

namespace Translator.Api.Errors;

/// <summary>
/// CLIProxyAPI's answers that mean no Codex login of its can serve the call, as a 403
/// <c>permission_error</c> that says how to log in. A 403 because no client retries it (the
/// Anthropic SDKs and Claude Code retry 408, 409, 429 and 5xx: a 503 kept Claude Code retrying for
/// minutes), and not a 401, which sends Claude Code's user to <c>/login</c> against Anthropic.
/// </summary>
/// <remarks>
/// How CLIProxyAPI words them (router-for-me/CLIProxyAPI at a7e3596, 2026-08):
/// <list type="bullet">
/// <item>No login it can use for the model (every Codex login resting after Codex refused it):
/// <c>sdk/api/handlers/handlers_errors.go</c> (enrichAuthSelectionError) and <c>handlers.go</c>
/// (BuildErrorResponseBody) answer 503, or the status the auth error carries, with
/// <c>{"error":{"message":"auth_unavailable: no auth available (providers=codex, model=gpt-5.5)","type":"server_error","code":"internal_server_error"}}</c>;
/// <c>auth_not_found</c> likewise. Inside a stream the same text is the message of a Chat
/// <c>data: {"error":...}</c> chunk or of a Responses <c>error</c> event.</item>
/// <item>A login Codex refuses (expired, revoked, its refresh token reused): since v6.10
/// <c>internal/runtime/executor/codex_executor_terminal.go</c> (classifyCodexStatusError) rewrites
/// Codex's 401 as <c>{"error":{"message":"&lt;Codex's message&gt;","type":"authentication_error","code":"auth_unavailable"}}</c>;
/// older versions pass Codex's body on, e.g. <c>{"error":{"message":"Provided authentication token
/// is expired. Please try signing in again.","code":"token_expired"}}</c> or
/// <c>"code":"token_invalidated"</c> (CLIProxyAPI issue #3654). The refused login then rests for 30
/// minutes (<c>sdk/cliproxy/auth/conductor_cooldown.go</c>), and later calls get auth_unavailable.</item>
/// <item>CLIProxyAPI's own 401 for a wrong key, <c>{"error":"Invalid API key"}</c>, is neither:
/// it has no code.</item>
/// </list>
/// </remarks>
internal static class CodexLoginError
{
    private const string HowToLogIn =
        "with the \"Log in to Codex\" button of the cliproxyapi resource in the Aspire dashboard, or with `cli-proxy-api --codex-device-login` where CLIProxyAPI runs.";

    /// <summary>CLIProxyAPI's codes for "no login to pick"; its message starts with one and a colon.</summary>
    private static readonly string[] SelectionCodes = ["auth_unavailable", "auth_not_found"];

    /// <summary>The codes Codex and OpenAI's token endpoint give a login that no longer works.</summary>
    private static readonly HashSet<string> RefusedLoginCodes =
        ["token_expired", "token_invalidated", "token_revoked", "refresh_token_expired", "refresh_token_reused", "refresh_token_revoked", "refresh_token_invalidated", "invalid_grant"];

    /// <summary>
    /// The error for a login problem, or null when the upstream's error is not one.
    /// <paramref name="status"/> is null where the upstream gave none (an error inside a stream).
    /// </summary>
    public static ApiError? From(int? status, string? message, string? code, string? type)
    {
        if (StartsWithSelectionCode(message))
        {
            return NoUsableLogin(message);
        }

        if (IsSelectionCode(code) || IsSelectionCode(type))
        {
            // Only the rewritten Codex 401 carries the code in a field; it keeps Codex's own message.
            return status is null or 401 or 403 || type == "authentication_error" ? RefusedLogin(message) : NoUsableLogin(message);
        }

        return code is not null && RefusedLoginCodes.Contains(code) ? RefusedLogin(message) : null;
    }

    private static ApiError NoUsableLogin(string? message) => ApiError.Permission(
        $"CLIProxyAPI has no usable Codex login for this model ({message}): it has none, or Codex refused each one (expired or revoked) and it is resting them. Log in to Codex {HowToLogIn}");

    private static ApiError RefusedLogin(string? message) => ApiError.Permission(
        $"Codex refused CLIProxyAPI's login: it has expired or was revoked ({message}). Log in to Codex again {HowToLogIn}");

    private static bool IsSelectionCode(string? value) => value is not null && Array.IndexOf(SelectionCodes, value) >= 0;

    private static bool StartsWithSelectionCode(string? message)
    {
        foreach (var code in SelectionCodes)
        {
            if (message is not null && message.Length > code.Length && message.StartsWith(code, StringComparison.Ordinal) && message[code.Length] == ':')
            {
                return true;
            }
        }

        return false;
    }
}
