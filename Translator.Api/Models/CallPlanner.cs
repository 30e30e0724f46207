using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Upstreams;

namespace Translator.Api.Models;

/// <summary>
/// The one place that decides how a request is answered upstream: which targets, in which order;
/// for a translated one, in which protocol, with what output limit, reasoning effort and cache
/// settings; whether the upstream call streams and how thinking is shown. The handler, the tests and the benchmarks all translate
/// what it plans, so none of them translates differently from another.
/// </summary>
internal sealed class CallPlanner(ModelMap models, IOptions<TranslatorOptions> options)
{
    private readonly string? _cacheRetention = options.Value.Caching.Retention is { Length: > 0 } retention ? retention : null;
    private readonly string? _cacheMode = options.Value.Caching.Breakpoints is { Length: > 0 } mode ? mode : null;
    private readonly bool _alwaysStream = options.Value.Upstream.AlwaysStream;

    /// <summary>
    /// The protocol a request's tokens are counted in (count_tokens): the one its first translated
    /// target would be sent in, or for a web search the upstream cannot serve (refused when sent),
    /// its model's; a route of Claude targets alone counts in the default protocol's layout.
    /// </summary>
    public IUpstreamProtocol ProtocolToCount(MessagesRequest request)
    {
        var rules = models.Current;
        var upstreamModel = rules.Route(request.Model!).FirstOrDefault(t => t.Kind == TargetKind.Translated)?.Model ?? request.Model!;
        return rules.ProtocolFor(upstreamModel, needsResponses: WebSearch.IsUsedBy(request)) ?? rules.ProtocolFor(upstreamModel);
    }

    /// <summary>
    /// Plans a request that has a model (the handler's first step checks that much): its route's
    /// targets, in order, less those that cannot serve it. The translator's own checks
    /// (<see cref="MessagesRequestValidator"/>) decide only its translated targets: a request it
    /// cannot translate still goes to the route's Claude targets, and a route of Claude targets
    /// alone is not held to them at all (Claude judges the request itself).
    /// </summary>
    /// <returns>The plan; or the error the request is answered with when no target of its route can serve it.</returns>
    public (CallPlan? Plan, ApiError? Error) Plan(MessagesRequest request, ClientSession session)
    {
        var rules = models.Current;
        var route = rules.Route(request.Model!);
        var translated = route.Any(t => t.Kind == TargetKind.Translated);
        var untranslatable = translated ? MessagesRequestValidator.Validate(request, requireMaxTokens: true) : null;
        var output = translated && untranslatable is null ? OutputPlan.For(request) : null;
        var webSearch = output is not null && WebSearch.IsUsedBy(request);
        var targets = new List<CallTarget>(route.Count);
        foreach (var spec in route)
        {
            if (spec.Kind == TargetKind.Claude)
            {
                targets.Add(new ClaudeTarget { Model = spec.Model ?? request.Model! });
            }
            else if (output is not null && rules.ProtocolFor(spec.Model!, webSearch) is { } protocol)
            {
                targets.Add(Target(rules, request, session, spec.Model!, protocol, output));
            }
        }

        if (targets.Count == 0)
        {
            return (null, untranslatable ?? ApiError.InvalidRequest(
                "Web search runs on the Responses API's hosted web_search tool, and Translator:Upstream:ResponsesAvailable says the upstream has no /responses endpoint. Remove the web_search tool, or point the translator at an upstream that serves /responses (CLIProxyAPI does)."));
        }

        // A complete answer is streamed from the upstream too (Translator:Upstream:AlwaysStream) and
        // assembled, so no call waits minutes for headers behind an ingress. Not with web search: a
        // complete answer splits its text into a block per cited passage, at offsets the upstream's
        // stream does not carry.
        var streams = request.Stream == true;
        var upstreamStreams = streams || (_alwaysStream && !webSearch);
        return (new CallPlan
        {
            RequestedModel = request.Model!,
            Request = upstreamStreams && !streams ? request with { Stream = true } : request,
            Targets = targets,
            Session = session,
            StreamsToClient = streams,
            UpstreamStreams = upstreamStreams,
            ThinkingDisplay = ThinkingPolicy.For(request.Thinking),
        }, null);
    }

    /// <summary>
    /// The plan for the request with its context edits applied: the same targets, with the prompt
    /// cache key of the conversation as it goes upstream.
    /// </summary>
    public static CallPlan WithEditedRequest(CallPlan plan, MessagesRequest edited) => plan with
    {
        Request = edited,
        Targets = [.. plan.Targets.Select(target => target is UpstreamTarget translated ? translated with { PromptCacheKey = CacheKey(edited, plan.Session, translated.Model) } : target)],
    };

    /// <summary>The effort is the request's, clamped to the levels the model takes; none for a model that takes none.</summary>
    private UpstreamTarget Target(ModelRules rules, MessagesRequest request, ClientSession session, string upstreamModel, IUpstreamProtocol protocol, OutputPlan output) => new()
    {
        Model = upstreamModel,
        Protocol = protocol,
        OutputLimit = rules.OutputLimitFor(upstreamModel),
        Output = output,
        ContextWindow = rules.ContextWindowFor(upstreamModel),
        ReasoningEffort = rules.EffortsFor(upstreamModel) is { Count: > 0 } efforts
            ? ReasoningEffortMap.Clamp(ReasoningEffortMap.FromThinking(request.Thinking, request.OutputConfig), efforts)
            : null,
        PromptCacheKey = CacheKey(request, session, upstreamModel),
        PromptCacheRetention = UpstreamTarget.RetentionFor(upstreamModel, _cacheRetention),
        PromptCacheMode = UpstreamTarget.CacheModeFor(upstreamModel, _cacheMode),
    };

    private static string CacheKey(MessagesRequest request, ClientSession session, string upstreamModel) =>
        PromptCacheKey.For(request, session.SessionId, session.AgentId, upstreamModel);
}
