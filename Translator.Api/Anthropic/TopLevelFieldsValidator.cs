namespace Translator.Api.Anthropic;

/// <summary>The request's scalar settings: model, max_tokens, sampling, stop_sequences, thinking and output_config.</summary>
internal static class TopLevelFieldsValidator
{
    private static readonly string[] Efforts = ["low", "medium", "high", "xhigh", "max"];

    /// <summary>The first bad field, by its path from the request.</summary>
    public static InvalidField? Check(MessagesRequest request, bool requireMaxTokens) =>
        CheckModel(request.Model)
        ?? CheckMaxTokens(request.MaxTokens, requireMaxTokens)
        ?? CheckUnitInterval("temperature", request.Temperature)
        ?? CheckUnitInterval("top_p", request.TopP)
        ?? CheckStopSequences(request.StopSequences)
        ?? CheckThinking(request.Thinking)
        ?? CheckEffort(request.OutputConfig?.Effort);

    public static InvalidField? CheckModel(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return new("model", "Field required.");
        }

        return model.Length > 256 || model.Any(char.IsControl) ? new("model", "Must be a model name without control characters.") : null;
    }

    private static InvalidField? CheckMaxTokens(long? maxTokens, bool required) => maxTokens switch
    {
        null when required => new("max_tokens", "Field required."),
        < 1 => new("max_tokens", "Must be greater than or equal to 1."),
        _ => null,
    };

    private static InvalidField? CheckUnitInterval(string field, double? value) =>
        value is < 0 or > 1 || value is { } v && !double.IsFinite(v) ? new(field, "Must be between 0 and 1.") : null;

    private static InvalidField? CheckStopSequences(IReadOnlyList<string>? stops)
    {
        for (var i = 0; i < stops?.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(stops[i]))
            {
                return new($"stop_sequences.{i}", "Each stop sequence must contain non-whitespace.");
            }
        }

        return null;
    }

    private static InvalidField? CheckThinking(ThinkingConfig? thinking)
    {
        if (thinking is null)
        {
            return null;
        }

        var type = thinking.Type switch
        {
            "enabled" when thinking.BudgetTokens is null or < 1 => new InvalidField("thinking.budget_tokens", "Field required and must be positive when thinking is enabled."),
            "enabled" or "disabled" or "adaptive" or "auto" => null,
            _ => new InvalidField("thinking.type", $"Unknown thinking type {InvalidField.Quote(thinking.Type)}; expected 'enabled', 'disabled', 'adaptive' or 'auto'."),
        };

        return type ?? (thinking.Display is null or "summarized" or "omitted"
            ? null
            : new("thinking.display", $"Unknown thinking display {InvalidField.Quote(thinking.Display)}; expected 'summarized' or 'omitted'."));
    }

    private static InvalidField? CheckEffort(string? effort) =>
        effort is not null && !Efforts.Contains(effort)
            ? new("output_config.effort", $"Unknown effort {InvalidField.Quote(effort)}; expected one of {string.Join(", ", Efforts)}.")
            : null;
}
