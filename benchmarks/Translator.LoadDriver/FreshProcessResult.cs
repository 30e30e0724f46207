namespace Translator.LoadDriver;

/// <summary>A fresh translator process: how soon it answered, its memory idle, and with many streams open.</summary>
/// <param name="FirstAnswerMilliseconds">From starting the process to the first answered (200) translated request.</param>
/// <param name="Idle">After its first answers (one whole, one streamed) and the settle time with nothing happening.</param>
/// <param name="OpenStreams">Then many streams opened and held at once.</param>
internal sealed record FreshProcessResult(double FirstAnswerMilliseconds, MemorySample Idle, OpenStreamsResult OpenStreams);
