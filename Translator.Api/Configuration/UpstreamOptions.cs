namespace Translator.Api.Configuration;

/// <summary><c>Translator:Upstream</c>: the OpenAI-compatible server the translator calls (CLIProxyAPI).</summary>
public sealed class UpstreamOptions
{
    /// <summary>The <see cref="Protocol"/> name of Chat Completions (<c>/chat/completions</c>).</summary>
    public const string ChatProtocolName = "chat";

    /// <summary>The <see cref="Protocol"/> name of the Responses API (<c>/responses</c>).</summary>
    public const string ResponsesProtocolName = "responses";

    /// <summary>
    /// The base URL that <c>/chat/completions</c> is appended to. A host name such as
    /// <c>http://cliproxyapi/v1</c> is resolved through service discovery.
    /// </summary>
    public string BaseUrl { get; set; } = "http://localhost:8317/v1";

    /// <summary>
    /// <see cref="BaseUrl"/> as a user can open it, for the start-up report's hints, when BaseUrl
    /// names a host only service discovery resolves (the AppHost sets it to CLIProxyAPI's published
    /// endpoint). Unset or empty, the report names BaseUrl.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The protocol spoken upstream: <c>chat</c> (<c>/chat/completions</c>) or <c>responses</c>
    /// (<c>/responses</c>, the Codex models' native protocol).
    /// </summary>
    public string Protocol { get; set; } = ChatProtocolName;

    /// <summary>
    /// Per-model exceptions: an upstream model whose name contains the key uses that protocol,
    /// e.g. <c>Translator:Upstream:ProtocolByModel:codex = responses</c>.
    /// </summary>
    public Dictionary<string, string> ProtocolByModel { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the upstream serves <c>/responses</c> (CLIProxyAPI does). Requests that need a
    /// Responses-only feature (web search) go there whatever <see cref="Protocol"/> says; without
    /// it they get a 400 that says so.
    /// </summary>
    public bool ResponsesAvailable { get; set; } = true;

    /// <summary>Sent as <c>Authorization: Bearer</c>; one of the <c>api-keys</c> of CLIProxyAPI's config.yaml.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// How long to wait for the upstream's response headers. A non-streamed GPT-5 answer only
    /// sends its headers when the whole answer is ready, so this is long by default.
    /// </summary>
    public TimeSpan HeadersTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a translated call may wait for the next byte of the upstream's body once its headers
    /// have come: reset by every read, as YARP's activity timeout. Past it a stream ends with an
    /// <c>error</c> event and a complete answer gets 504; the upstream call is closed either way.
    /// Generous by default: a model may reason for minutes before its first token.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether translated calls always stream from the upstream, also when the client asked for a
    /// complete answer, which the translator then assembles from the stream. On by default: a
    /// non-streamed GPT-5 answer sends its headers only when it is done, and a proxy on the way
    /// that ends requests after a fixed time (Azure Container Apps' ingress: 240 s) would cut a long
    /// reasoning answer; streamed, the call is bounded by <see cref="IdleTimeout"/> between reads only.
    /// Web search calls still ask for a complete answer (their cited passages need its offsets).
    /// </summary>
    public bool AlwaysStream { get; set; } = true;

    /// <summary>
    /// How long a passed-through request (chat completions, responses, Amp routes) may stay silent
    /// before it is cut. SSE streams that think quietly need more than YARP's 100 s default.
    /// </summary>
    public TimeSpan PassthroughIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether <paramref name="name"/> names a protocol, case-insensitively.</summary>
    public static bool IsProtocol(string? name) =>
        string.Equals(name, ChatProtocolName, StringComparison.OrdinalIgnoreCase) || string.Equals(name, ResponsesProtocolName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The keys this class binds, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        .. SettingKey.Values(nameof(BaseUrl), nameof(PublicBaseUrl), nameof(Protocol)),
        SettingKey.Map(nameof(ProtocolByModel)),
        .. SettingKey.Values(nameof(ResponsesAvailable), nameof(ApiKey), nameof(HeadersTimeout), nameof(IdleTimeout), nameof(PassthroughIdleTimeout), nameof(AlwaysStream)),
    ];
}
