namespace Translator.Api.Configuration;

/// <summary><c>Translator:Streaming</c>.</summary>
public sealed class StreamingOptions
{
    /// <summary>
    /// A <c>ping</c> event is sent when the stream has been silent this long. GPT-5 may reason for
    /// minutes before its first token; clients and proxies must not see an idle connection.
    /// </summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The keys this class binds, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        SettingKey.Value(nameof(PingInterval)),
    ];
}
