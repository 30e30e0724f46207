namespace Translator.Api.Anthropic;

/// <summary>What the translator does with a part of Anthropic's request that a client sends.</summary>
internal enum FeatureTreatment
{
    /// <summary>Acted on here as Anthropic would (context edits, the stream flag).</summary>
    Served,

    /// <summary>Translated into its OpenAI counterpart.</summary>
    Mapped,

    /// <summary>Harmless to leave out; left out, and recorded on the call's span (<c>translator.dropped_fields</c>).</summary>
    Dropped,

    /// <summary>A 400 naming it and saying why: serving it would take Anthropic's servers.</summary>
    Refused,
}
