using System.Text.Json;

namespace CliProxyApi.StandIn;

/// <summary>
/// <c>--codex-device-login</c>: what CLIProxyAPI prints (a link and a one-time code for another
/// device), then, as if the user had approved it, the auth file it stores.
/// </summary>
internal static class CodexLogin
{
    public static int Run(StandInConfig config)
    {
        Console.WriteLine("Starting Codex device login");
        Console.WriteLine("Open https://auth.openai.com/codex/device on any device and enter the code: STND-1234");
        Console.WriteLine("Waiting for approval...");
        Directory.CreateDirectory(config.AuthDirectory());
        var file = Path.Combine(config.AuthDirectory(), "codex-standin@example.com-plus.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "codex", ["email"] = "standin@example.com" }));
        Console.WriteLine($"Codex authentication successful; saved to {file}");
        return 0;
    }
}
