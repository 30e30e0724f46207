namespace Translator.LoadDriver;

/// <summary>
/// One upstream protocol as the driver meets it: the translator's <c>Translator:Upstream:Protocol</c>,
/// and the path and one-line requests that the direct and passthrough measurements send.
/// </summary>
internal sealed record UpstreamWire(string Protocol, string Path, string CompleteBody, string StreamBody)
{
    public static readonly UpstreamWire Chat = new(
        "chat",
        "/v1/chat/completions",
        """{"model":"gpt-5.1","messages":[{"role":"user","content":"Hello"}],"max_completion_tokens":64}""",
        """{"model":"gpt-5.1","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hello"}],"max_completion_tokens":64}""");

    public static readonly UpstreamWire Responses = new(
        "responses",
        "/v1/responses",
        """{"model":"gpt-5.1","input":[{"role":"user","content":"Hello"}],"max_output_tokens":64}""",
        """{"model":"gpt-5.1","stream":true,"input":[{"role":"user","content":"Hello"}],"max_output_tokens":64}""");

    public static UpstreamWire Named(string protocol) =>
        new[] { Chat, Responses }.FirstOrDefault(w => string.Equals(w.Protocol, protocol, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown protocol '{protocol}': chat or responses.", nameof(protocol));
}
