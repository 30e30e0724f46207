using Translator.Api.Anthropic;
namespace Translator.Api.Errors;

/// <summary>
/// Takes the translator's upstream key out of error messages that came from the upstream: an
/// upstream may quote the key it was given ("Incorrect API key provided: ..."), in any error it
/// reports, and clients never see ours. Applied once, where an upstream's error first becomes an
/// <see cref="ApiError"/>: an error answer (<c>UpstreamErrorReader</c>), a failed complete answer
/// (<c>IUpstreamProtocol.TranslateAnswer</c>) and every error a stream ends with
/// (<c>StreamTranslator.Fail</c>, streamed or assembled); what the client is answered from there on
/// needs no redaction.
/// </summary>
internal sealed class SecretRedactor(string? secret)
{
    public ApiError Redact(ApiError error) =>
        secret is { Length: > 0 } && error.Message.Contains(secret, StringComparison.Ordinal)
            ? error with { Message = Redact(error.Message) }
            : error;

    public string Redact(string text) =>
        secret is { Length: > 0 } ? text.Replace(secret, "[redacted]", StringComparison.Ordinal) : text;
}
