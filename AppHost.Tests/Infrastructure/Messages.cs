using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;

namespace AppHost.Tests.Infrastructure;

/// <summary>Calls the translator as Claude Code's SDK would: the official Anthropic client, validating every answer.</summary>
internal static class Messages
{
    public const string StandInGreeting = "Hello from the CLIProxyAPI stand-in.";

    /// <param name="maxRetries">How often the SDK retries what it deems retryable (its default, as in Claude Code, is 2).</param>
    public static AnthropicClient Client(Uri translator, int maxRetries = 0) => new(new ClientOptions
    {
        BaseUrl = translator.ToString().TrimEnd('/'),
        ApiKey = "unused-on-loopback",
        MaxRetries = maxRetries,
        ResponseValidation = true,
    });

    public static MessageCreateParams Hello(string model = "claude-sonnet-4-5") => MessageCreateParams.FromRawUnchecked(
        new Dictionary<string, JsonElement>(),
        new Dictionary<string, JsonElement>(),
        JsonDocument.Parse($$"""{"model":"{{model}}","max_tokens":1024,"messages":[{"role":"user","content":"Hello"}]}""").RootElement
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()));

    public static string TextOf(Message message) => string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : string.Empty));
}
