namespace Translator.Api.Upstreams;

/// <summary>
/// The Claude route: the request goes untranslated to the upstream's own Anthropic endpoint
/// (<c>/v1/messages</c>, <c>/v1/messages/count_tokens</c>) with <c>model</c> set to <see cref="CallTarget.Model"/>
/// (the client's name for a bare <c>claude</c>, the configured one for <c>claude:&lt;name&gt;</c>).
/// </summary>
internal sealed record ClaudeTarget : CallTarget
{
    public const string Prefix = "claude:";

    public override string Name => Prefix + Model;
}
