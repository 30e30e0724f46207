namespace CliProxyApi.StandIn;

/// <summary>The models a Codex login serves through CLIProxyAPI today.</summary>
internal static class Models
{
    public const string Greeting = "Hello from the CLIProxyAPI stand-in.";

    /// <summary>What its Claude providers answer: unlike the Codex models' greeting, so a test sees which one served.</summary>
    public const string ClaudeGreeting = "Hello from Claude behind the CLIProxyAPI stand-in.";

    public static readonly HashSet<string> Names = ["gpt-5.3-codex", "gpt-5.4", "gpt-5.5", "gpt-5.6-sol"];
}
