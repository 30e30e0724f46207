namespace Translator.Api.Forwarding;

/// <summary>The settings every translated stream runs under.</summary>
/// <param name="PingInterval">Silence after which a <c>ping</c> goes to the client.</param>
/// <param name="IdleTimeout">Silence from the upstream after which the stream fails.</param>
/// <param name="MaxSseLineBytes">The longest line the upstream may send.</param>
internal sealed record TranslatedStreamSettings(TimeSpan PingInterval, TimeSpan IdleTimeout, int MaxSseLineBytes);
