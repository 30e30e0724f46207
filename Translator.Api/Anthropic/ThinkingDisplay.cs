namespace Translator.Api.Anthropic;

/// <summary>How the answer shows the model's thinking, as the request asked.</summary>
internal enum ThinkingDisplay
{
    /// <summary>Thinking was not enabled: no thinking blocks at all, as Anthropic answers.</summary>
    None,

    /// <summary><c>display: "omitted"</c>: thinking blocks with empty text and their signature.</summary>
    Omitted,

    /// <summary>The default when thinking is enabled: the thinking text.</summary>
    Summarized,
}
