using Translator.Api.Anthropic;
namespace Translator.Api.Errors;

/// <summary>
/// Takes the translator's upstream key out of error messages that came from the upstream: an
/// upstream may quote the key it was given ("Incorrect API key provided: ..."), in any error it
/// reports, and clients never see ours. Applied where errors become an answer or a stream event.
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
