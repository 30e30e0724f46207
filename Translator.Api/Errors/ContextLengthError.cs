using System.Globalization;
using System.Text.RegularExpressions;
using Translator.Api.Anthropic;

namespace Translator.Api.Errors;

/// <summary>
/// A prompt longer than the model's context window, as either protocol reports it (an error answer,
/// a failed response or an error inside a stream), with the sizes where the message names them:
/// Chat Completions says "maximum context length is M tokens. However, your messages resulted in N
/// tokens"; the Responses API names neither.
/// </summary>
internal static partial class ContextLengthError
{
    /// <summary>OpenAI's code for it, in both protocols.</summary>
    public const string Code = "context_length_exceeded";

    public static ApiError From(string message)
    {
        var maximum = ContextMaximum().Match(message);
        var tokens = ContextTokens().Match(message);
        return ApiError.InvalidRequest(message) with
        {
            PromptTooLong = new PromptSize(
                tokens.Success ? long.Parse(tokens.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null,
                maximum.Success ? long.Parse(maximum.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null),
        };
    }

    [GeneratedRegex(@"maximum context length is (\d{1,12}) tokens", RegexOptions.IgnoreCase)]
    private static partial Regex ContextMaximum();

    [GeneratedRegex(@"(?:resulted in|requested|you requested) (\d{1,12}) tokens", RegexOptions.IgnoreCase)]
    private static partial Regex ContextTokens();
}
