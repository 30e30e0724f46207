namespace Translator.Api.Configuration;

/// <summary><c>Translator:Upstream</c>: the OpenAI-compatible server the translator calls (CLIProxyAPI).</summary>
public sealed class UpstreamOptions
{
    /// <summary>
    /// The base URL that <c>/chat/completions</c> is appended to. A host name such as
    /// <c>http://cliproxyapi/v1</c> is resolved through service discovery.
    /// </summary>
    public string BaseUrl { get; set; } = "http://localhost:8317/v1";

    /// <summary>
    /// The protocol spoken upstream: <c>chat</c> (<c>/chat/completions</c>) or <c>responses</c>
    /// (<c>/responses</c>, the Codex models' native protocol).
    /// </summary>
    public string Protocol { get; set; } = "chat";

    /// <summary>
    /// Per-model exceptions: an upstream model whose name contains the key uses that protocol,
    /// e.g. <c>Translator:Upstream:ProtocolByModel:codex = responses</c>.
    /// </summary>
    public Dictionary<string, string> ProtocolByModel { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sent as <c>Authorization: Bearer</c>; one of the <c>api-keys</c> of CLIProxyAPI's config.yaml.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// How long to wait for the upstream's response headers. A non-streamed GPT-5 answer only
    /// sends its headers when the whole answer is ready, so this is long by default.
    /// </summary>
    public TimeSpan HeadersTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a passed-through request (chat completions, responses, Amp routes) may stay silent
    /// before it is cut. SSE streams that think quietly need more than YARP's 100 s default.
    /// </summary>
    public TimeSpan PassthroughIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
