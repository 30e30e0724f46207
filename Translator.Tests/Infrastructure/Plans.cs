using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Models;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// Requests planned as the translator plans them with its default settings, for tests that translate
/// without a server; as in <see cref="TranslatorApp"/>, without AlwaysStream, so a request goes
/// upstream streamed or not as its client asked.
/// </summary>
internal static class Plans
{
    private static readonly CallPlanner Planner = new(
        new ModelMap(Options.Create(Settings()), [new ChatProtocol(), new ResponsesProtocol()]),
        Options.Create(Settings()));

    /// <summary>The plan for a client that names the upstream model itself (a name the model map passes through).</summary>
    public static CallPlan For(MessagesRequest request, string upstreamModel)
    {
        var (plan, error) = Planner.Plan(request with { Model = upstreamModel }, ClientSession.None);
        Assert.Null(error);
        return plan!;
    }

    private static TranslatorOptions Settings()
    {
        var options = new TranslatorOptions();
        options.Upstream.AlwaysStream = false;
        return options;
    }
}
