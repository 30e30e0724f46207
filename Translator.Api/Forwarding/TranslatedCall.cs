using Translator.Api.Anthropic;
using Translator.Api.Diagnostics;
using Translator.Api.Models;
using Translator.Api.Upstreams;

namespace Translator.Api.Forwarding;

/// <summary>One translated call, as <see cref="MessagesHandler"/>'s steps after validation see it.</summary>
internal sealed record TranslatedCall
{
    /// <summary>The plan, for the request as it goes upstream: validated, its context edits applied.</summary>
    public required CallPlan Plan { get; init; }

    /// <summary>The plan's target this call goes to.</summary>
    public required UpstreamTarget Target { get; init; }

    public required ClientProfile Profile { get; init; }

    public required CallOperation Operation { get; init; }

    public required UpstreamCallToken CallToken { get; init; }

    public required IReadOnlyList<AppliedContextEdit>? AppliedEdits { get; init; }

    /// <summary>Another target of the route follows this one: a failure before anything reached the client is left to it.</summary>
    public bool AnotherTargetFollows { get; init; }

    /// <summary>Whether the upstream client may retry the send (<see cref="UpstreamRetryPolicy"/>): only where the route has no other target.</summary>
    public bool RetriesUpstream { get; init; } = true;
}
