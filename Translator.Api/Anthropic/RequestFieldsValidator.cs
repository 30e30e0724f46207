namespace Translator.Api.Anthropic;

/// <summary>
/// The request's parts as <see cref="RequestFeatures"/> treats them: the top-level fields it refuses,
/// the ones it drops (for the call's span) and the ones it does not know.
/// </summary>
internal static class RequestFieldsValidator
{
    /// <summary>The first refused top-level field, by its name.</summary>
    public static InvalidField? Check(MessagesRequest request)
    {
        foreach (var name in request.OtherFields?.Keys ?? Enumerable.Empty<string>())
        {
            if (RequestFeatures.TopLevel(name) is { Treatment: FeatureTreatment.Refused } refused)
            {
                return new(name, $"Not available through an OpenAI upstream: {refused.How}");
            }
        }

        return null;
    }

    /// <summary>The names of the dropped parts the request holds, in the table's order.</summary>
    public static List<string> Dropped(MessagesRequest request)
    {
        var dropped = new List<string>();
        foreach (var feature in RequestFeatures.All)
        {
            if (feature.Treatment == FeatureTreatment.Dropped && Holds(request, feature))
            {
                dropped.Add(feature.Name);
            }
        }

        return dropped;
    }

    /// <summary>The top-level fields the table does not know.</summary>
    public static IEnumerable<string> Unknown(MessagesRequest request) =>
        request.OtherFields?.Keys.Where(name => RequestFeatures.TopLevel(name) is null) ?? [];

    private static bool Holds(MessagesRequest request, RequestFeature feature) => (feature.Kind, feature.Name) switch
    {
        (RequestFeatureKind.Field, "top_k") => request.TopK is not null,
        (RequestFeatureKind.Field, var name) => request.OtherFields?.ContainsKey(name) == true,
        (RequestFeatureKind.Block, "citations") => Blocks(request).Any(b => b.Type is "document" or "search_result" && AsksForCitations(b)),
        _ => false,
    };

    private static bool AsksForCitations(ContentBlock block) =>
        block.Citations is { ValueKind: System.Text.Json.JsonValueKind.Object } citations
        && citations.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == System.Text.Json.JsonValueKind.True;

    /// <summary>Every block of the conversation, those inside tool results too.</summary>
    private static IEnumerable<ContentBlock> Blocks(MessagesRequest request) =>
        (request.Messages ?? []).SelectMany(m => m?.Content?.Blocks ?? [])
            .SelectMany(b => b is { Type: "tool_result", Content.Blocks: { } inner } ? inner.Prepend(b) : [b]);
}
