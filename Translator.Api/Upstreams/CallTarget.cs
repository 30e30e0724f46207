namespace Translator.Api.Upstreams;

/// <summary>
/// One call a request can be answered by, in the order a route lists them: a translated upstream
/// model (<see cref="UpstreamTarget"/>) or Claude itself (<see cref="ClaudeTarget"/>).
/// </summary>
internal abstract record CallTarget
{
    /// <summary>The model the call names upstream.</summary>
    public required string Model { get; init; }

    /// <summary>How the target is named in logs, spans, metrics, cooldowns and <c>x-upstream-model</c>.</summary>
    public abstract string Name { get; }
}
