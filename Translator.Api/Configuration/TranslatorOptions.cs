namespace Translator.Api.Configuration;

/// <summary>Everything under the <c>Translator</c> configuration section.</summary>
public sealed class TranslatorOptions
{
    public const string SectionName = "Translator";

    /// <summary>
    /// The address clients use, for the start-up report, when it is not the one the server listens
    /// on: the AppHost's proxy publishes the translator at :8318 and forwards to a per-run port.
    /// Unset or empty, the report names the listening address.
    /// </summary>
    public string? PublicUrl { get; set; }

    public UpstreamOptions Upstream { get; set; } = new();

    public ModelOptions Models { get; set; } = new();

    public LimitsOptions Limits { get; set; } = new();

    public StreamingOptions Streaming { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();

    public AmpOptions Amp { get; set; } = new();

    public TelemetryOptions Telemetry { get; set; } = new();

    public CachingOptions Caching { get; set; } = new();

    /// <summary>Every key under <c>Translator</c>, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        SettingKey.Value(nameof(PublicUrl)),
        SettingKey.Section(nameof(Upstream), UpstreamOptions.Keys),
        SettingKey.Section(nameof(Models), ModelOptions.Keys),
        SettingKey.Section(nameof(Limits), LimitsOptions.Keys),
        SettingKey.Section(nameof(Streaming), StreamingOptions.Keys),
        SettingKey.Section(nameof(Auth), AuthOptions.Keys),
        SettingKey.Section(nameof(Amp), AmpOptions.Keys),
        SettingKey.Section(nameof(Telemetry), TelemetryOptions.Keys),
        SettingKey.Section(nameof(Caching), CachingOptions.Keys),
    ];
}
