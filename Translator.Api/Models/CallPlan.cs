using Translator.Api.Anthropic;
using Translator.Api.Upstreams;

namespace Translator.Api.Models;

/// <summary>How a request is answered: made by <see cref="CallPlanner"/>, read by every step after it.</summary>
internal sealed record CallPlan
{
    /// <summary>The model the client asked for, which the answer names.</summary>
    public required string RequestedModel { get; init; }

    /// <summary>The request as it is translated: streamed where the upstream call streams, the context edits applied (each target lowers <c>max_tokens</c> to its own limit).</summary>
    public required MessagesRequest Request { get; init; }

    /// <summary>The calls that can answer it, in the order to try them: its route's targets, less those that cannot serve this request.</summary>
    public required IReadOnlyList<CallTarget> Targets { get; init; }

    /// <summary>The session the request belongs to, which keys the targets' prompt cache.</summary>
    public required ClientSession Session { get; init; }

    /// <summary>Whether the client gets its answer as a stream of events (<c>stream: true</c>).</summary>
    public required bool StreamsToClient { get; init; }

    /// <summary>Whether the upstream call streams: its answer is then translated event by event.</summary>
    public required bool UpstreamStreams { get; init; }

    /// <summary>How the answer shows the model's thinking, whichever way it is delivered.</summary>
    public required ThinkingDisplay ThinkingDisplay { get; init; }
}
