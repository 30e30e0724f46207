using System.Globalization;
using System.Text.Json.Nodes;

namespace CliProxyApi.StandIn;

/// <summary>
/// Codex's usage limit, switched on for a test with <c>STANDIN_CODEX_QUOTA_RESETS_IN_SECONDS</c>:
/// every Codex model call then gets the 429 CLIProxyAPI passes on once no login of the provider has
/// quota left (NOTES.md, "Quotas"): the reset in the body, no <c>retry-after</c>, and the Codex
/// backend's <c>x-codex-primary-reset-after-seconds</c>.
/// </summary>
internal static class CodexQuota
{
    public static long? ResetsInSeconds { get; } =
        long.TryParse(Environment.GetEnvironmentVariable("STANDIN_CODEX_QUOTA_RESETS_IN_SECONDS"), CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    public static Task WriteAsync(HttpContext context, long resetsIn)
    {
        Console.WriteLine($"  -> 429 usage_limit_reached (resets in {resetsIn} s)");
        context.Response.StatusCode = 429;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-codex-primary-reset-after-seconds"] = resetsIn.ToString(CultureInfo.InvariantCulture);
        return context.Response.WriteAsync(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "usage_limit_reached",
                ["message"] = "The usage limit has been reached",
                ["plan_type"] = "plus",
                ["resets_at"] = DateTimeOffset.UtcNow.AddSeconds(resetsIn).ToUnixTimeSeconds(),
                ["resets_in_seconds"] = resetsIn,
            },
        }.ToJsonString());
    }
}
