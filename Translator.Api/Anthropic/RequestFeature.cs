namespace Translator.Api.Anthropic;

/// <summary>One row of <see cref="RequestFeatures"/>: a part of Anthropic's request, what the translator does with it, and how.</summary>
internal sealed record RequestFeature(RequestFeatureKind Kind, string Name, FeatureTreatment Treatment, string How);
