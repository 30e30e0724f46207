using Translator.Api.Errors;

namespace Translator.Api.Upstreams;

/// <summary>What a stream translator takes from the call besides its events.</summary>
/// <param name="Redactor">Applied to every error the stream writes: upstream messages may quote the upstream key.</param>
/// <param name="CaptureContent">Keep the answer's text for telemetry's content capture.</param>
internal sealed record StreamTranslatorSettings(SecretRedactor Redactor, bool CaptureContent);
