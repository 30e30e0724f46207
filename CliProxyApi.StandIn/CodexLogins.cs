using System.Collections.Concurrent;
using System.Text.Json;

namespace CliProxyApi.StandIn;

/// <summary>What CLIProxyAPI's auth manager makes of the Codex logins in its auth folder, call by call.</summary>
/// <remarks>
/// As CLIProxyAPI does it (router-for-me/CLIProxyAPI at a7e3596): it registers a provider's models
/// only for a login it has loaded, so with none a Codex model is unknown (/v1/models lists none; a
/// call gets 400 "unknown provider for model", sdk/api/handlers/handlers_routing.go). A login Codex
/// refuses (its access token expired and could not be refreshed, or was revoked) fails with
/// Codex's 401, which CLIProxyAPI answers as
/// <c>{"error":{"message":"Provided authentication token is expired. Please try signing in again.","type":"authentication_error","code":"auth_unavailable"}}</c>
/// (internal/runtime/executor/codex_executor_terminal.go). That login then rests for 30 minutes
/// (sdk/cliproxy/auth/conductor_cooldown.go), and while every login rests a call finds none to
/// pick: 503 "auth_unavailable: no auth available (providers=codex, model=...)"
/// (sdk/api/handlers/handlers_errors.go). The stand-in cannot refresh a token, having no OpenAI to
/// ask: a login whose <c>expired</c> time has passed stands for one whose refresh failed.
/// </remarks>
internal sealed class CodexLogins(StandInConfig config)
{
    private static readonly TimeSpan Rest = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _restingUntil = new();

    /// <summary>Whether any Codex login is loaded: CLIProxyAPI stores each as <c>codex-&lt;email&gt;[-plan].json</c>.</summary>
    public bool Any() => Files().Any();

    /// <summary>The error CLIProxyAPI answers a call for <paramref name="model"/> with, or null when a login serves it.</summary>
    public (int Status, string Message, string Type, string Code)? ErrorFor(string model)
    {
        var now = DateTimeOffset.UtcNow;
        string? refused = null;
        foreach (var file in Files())
        {
            if (_restingUntil.TryGetValue(file, out var until) && until > now)
            {
                continue;
            }

            if (!HasExpired(file, now))
            {
                return null;
            }

            refused ??= file;
        }

        if (refused is null)
        {
            return (503, $"auth_unavailable: no auth available (providers=codex, model={model})", "server_error", "internal_server_error");
        }

        _restingUntil[refused] = now + Rest;
        return (401, "Provided authentication token is expired. Please try signing in again.", "authentication_error", "auth_unavailable");
    }

    private IEnumerable<string> Files() =>
        Directory.Exists(config.AuthDirectory()) ? Directory.EnumerateFiles(config.AuthDirectory(), "codex-*.json") : [];

    private static bool HasExpired(string file, DateTimeOffset now)
    {
        using var login = JsonDocument.Parse(File.ReadAllText(file));
        return login.RootElement.TryGetProperty("expired", out var expired)
            && DateTimeOffset.TryParse(expired.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var at)
            && at <= now;
    }
}
