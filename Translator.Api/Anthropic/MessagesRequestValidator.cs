namespace Translator.Api.Anthropic;

/// <summary>
/// Checks a parsed <see cref="MessagesRequest"/> the way Anthropic does, so that a translator can
/// assume well-formed input. The first problem found is reported as a 400 naming the field path
/// (<c>messages.2.content.0.type: ...</c>).
/// </summary>
/// <remarks>
/// Each area has its validator, run in this order so that a request with several problems is
/// always refused for the same one; each returns what it found as a value, its path relative to
/// what it was given.
/// </remarks>
internal static class MessagesRequestValidator
{
    public static ApiError? Validate(MessagesRequest request, bool requireMaxTokens)
    {
        var invalid = TopLevelFieldsValidator.Check(request, requireMaxTokens)
            ?? RequestFieldsValidator.Check(request)
            ?? ContextManagementValidator.Check(request.ContextManagement)?.Within("context_management")
            ?? ContentBlockValidator.CheckSystemPrompt(request.System)?.Within("system")
            ?? MessageSequenceValidator.Check(request.Messages)?.Within("messages")
            ?? ToolsValidator.Check(request)
            ?? OutputFormatValidator.Check(request);

        return Error(invalid);
    }

    /// <summary>The model alone: what a request must name before it can be routed.</summary>
    public static ApiError? ValidateModel(MessagesRequest request) => Error(TopLevelFieldsValidator.CheckModel(request.Model));

    private static ApiError? Error(InvalidField? invalid) => invalid is null ? null : ApiError.InvalidRequest($"{invalid.Path}: {invalid.Message}");
}
