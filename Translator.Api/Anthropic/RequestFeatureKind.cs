namespace Translator.Api.Anthropic;

/// <summary>Where in Anthropic's request a feature sits.</summary>
internal enum RequestFeatureKind
{
    /// <summary>A top-level field of the request body.</summary>
    Field,

    /// <summary>A content block type, or a setting of a block.</summary>
    Block,

    /// <summary>A tool type in <c>tools</c>.</summary>
    Tool,
}
