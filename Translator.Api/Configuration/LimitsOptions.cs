namespace Translator.Api.Configuration;

/// <summary><c>Translator:Limits</c>: what a single request may cost the translator.</summary>
public sealed class LimitsOptions
{
    /// <summary>Larger request bodies get 413 request_too_large. Anthropic's own limit is 32 MB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;
}
