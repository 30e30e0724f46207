using System.Text.Json.Nodes;

namespace Translator.Tests.Infrastructure;

/// <summary>Answers of CLIProxyAPI's Anthropic endpoint: Claude's own (recorded streams and messages, its errors) and CLIProxyAPI's errors.</summary>
public static class AnthropicReplies
{
    /// <summary>A recorded Anthropic stream, each event written and flushed on its own.</summary>
    public static SseReply Stream(string fixture) => UpstreamReply.Sse([.. Events(fixture).Select(SseStep.Raw)]);

    /// <summary>The events of a recorded stream, each with the blank line that ends it.</summary>
    public static IReadOnlyList<string> Events(string fixture) =>
        [.. RecordedFixtures.Text(fixture).Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e + "\n\n")];

    /// <summary>A recorded complete Anthropic message.</summary>
    public static UpstreamReply Message(string fixture, params (string Name, string Value)[] headers) => UpstreamReply.Json(RecordedFixtures.Text(fixture), 200, headers);

    /// <summary>Anthropic's error envelope, as Claude answers it (<c>request_id</c> and all).</summary>
    public static UpstreamReply Error(int status, string type, string message, params (string Name, string Value)[] headers) =>
        UpstreamReply.Json(EnvelopeOf(type, message), status, headers);

    public static string EnvelopeOf(string type, string message) =>
        new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message }, ["request_id"] = "req_011CScripted" }.ToJsonString();

    /// <summary>CLIProxyAPI's answer when no provider serves the model (its v6 OpenAI-shaped body).</summary>
    public static UpstreamReply UnknownModel(string model) => UpstreamReply.Error(400, $"unknown provider for model {model}", "model_not_found");

    /// <summary>CLIProxyAPI's answer when it has no key or login left for the model, in its Claude handler's envelope (v7).</summary>
    public static UpstreamReply NoUsableAuth(string model, int status = 503) =>
        Error(status, "api_error", $"auth_unavailable: no auth available (providers=claude, model={model})");
}
