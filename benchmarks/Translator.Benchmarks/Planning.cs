using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Models;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;

namespace Translator.Benchmarks;

/// <summary>Requests planned as the translator plans them with its default settings, so a benchmark translates what production sends.</summary>
internal static class Planning
{
    private static readonly CallPlanner Planner = new(
        new ModelMap(Options.Create(new TranslatorOptions()), [new ChatProtocol(), new ResponsesProtocol()]),
        Options.Create(new TranslatorOptions()));

    /// <summary>The plan for a client that names the upstream model itself (a name the model map passes through).</summary>
    public static CallPlan For(MessagesRequest request, string upstreamModel) =>
        Planner.Plan(request with { Model = upstreamModel }, ClientSession.None).Plan
        ?? throw new InvalidOperationException("The workload cannot be planned.");
}
