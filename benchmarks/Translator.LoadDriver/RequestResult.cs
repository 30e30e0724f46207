namespace Translator.LoadDriver;

/// <summary>One closed-loop measurement of one way to send a request (direct, through, passthrough) at one concurrency.</summary>
/// <param name="ServerCpuMicrosecondsPerRequest">User and system time the serving process spent, divided by the requests it answered.</param>
internal sealed record RequestResult(double P50Milliseconds, double P99Milliseconds, double RequestsPerSecond, double ServerCpuMicrosecondsPerRequest);
