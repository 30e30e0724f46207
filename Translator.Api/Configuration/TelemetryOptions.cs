namespace Translator.Api.Configuration;

/// <summary><c>Translator:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// Record prompts and completions on the spans (<c>gen_ai.input.messages</c>,
    /// <c>gen_ai.output.messages</c>). Off by default: traces often leave the machine.
    /// </summary>
    public bool CaptureContent { get; set; }

    /// <summary>The keys this class binds, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        SettingKey.Value(nameof(CaptureContent)),
    ];
}
