namespace Translator.Api.Configuration;

/// <summary><c>Translator:Amp</c>: where the Amp CLI's own (non-model) routes go.</summary>
public sealed class AmpOptions
{
    /// <summary>Amp's control plane: threads, user info, telemetry, sign-in.</summary>
    public string UpstreamUrl { get; set; } = "https://ampcode.com";

    /// <summary>When set, sent to Amp instead of whatever credentials the client sent.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The keys this class binds, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        SettingKey.Value(nameof(UpstreamUrl)),
        SettingKey.Value(nameof(ApiKey)),
    ];
}
