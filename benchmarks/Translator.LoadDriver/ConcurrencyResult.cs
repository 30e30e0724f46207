namespace Translator.LoadDriver;

/// <summary>The same request at one concurrency, sent each way.</summary>
/// <param name="Direct">Straight to the upstream.</param>
/// <param name="Through">The Anthropic request, translated by the translator.</param>
/// <param name="Passthrough">The direct request through the translator's own YARP passthrough: a proxy hop, no translation.</param>
/// <param name="Nginx">The direct request through nginx as a plain proxy; null when nginx is not installed.</param>
internal sealed record ConcurrencyResult(int Concurrency, RequestResult Direct, RequestResult Through, RequestResult Passthrough, RequestResult? Nginx);
