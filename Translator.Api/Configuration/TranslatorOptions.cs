namespace Translator.Api.Configuration;

/// <summary>Everything under the <c>Translator</c> configuration section.</summary>
public sealed class TranslatorOptions
{
    public const string SectionName = "Translator";

    public UpstreamOptions Upstream { get; set; } = new();

    public ModelOptions Models { get; set; } = new();

    public LimitsOptions Limits { get; set; } = new();

    public StreamingOptions Streaming { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();

    public AmpOptions Amp { get; set; } = new();

    public TelemetryOptions Telemetry { get; set; } = new();

    public CachingOptions Caching { get; set; } = new();
}
