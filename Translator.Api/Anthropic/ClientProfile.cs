namespace Translator.Api.Anthropic;

/// <summary>Which Anthropic client is being answered, where clients need different shapes.</summary>
internal enum ClientProfile
{
    /// <summary>The Anthropic API exactly (Claude Code, the SDKs).</summary>
    Anthropic,

    /// <summary>The Amp CLI: its UI reads <c>signature.length</c> on every thinking and tool_use block.</summary>
    Amp,
}
