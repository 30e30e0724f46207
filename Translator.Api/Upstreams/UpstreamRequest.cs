namespace Translator.Api.Upstreams;

/// <summary>A translated request: the body to send, and the prompt as text when content capture asked for it.</summary>
internal sealed record UpstreamRequest(byte[] Body, string? CapturedInput);
