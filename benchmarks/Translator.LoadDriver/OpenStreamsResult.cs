namespace Translator.LoadDriver;

/// <summary>The translator's memory before many held-open streams and while they are open.</summary>
/// <param name="Opened">The streams that delivered their first bytes.</param>
/// <param name="RssBeforeMegabytes">Before the streams opened.</param>
/// <param name="PeakRssMegabytes">The peak while opening and holding them; NaN when the peak could not be reset.</param>
/// <param name="WithStreams">The memory while all were open.</param>
internal sealed record OpenStreamsResult(int Opened, double RssBeforeMegabytes, double PeakRssMegabytes, MemorySample WithStreams);
