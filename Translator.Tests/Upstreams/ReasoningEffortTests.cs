using System.Net;
using System.Text;
using Translator.Api.Configuration;
using Translator.Api.Models;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Upstreams;

/// <summary>Every effort level reaches the upstream 1:1 where the model takes it, and the nearest level it takes where not.</summary>
public sealed class ReasoningEffortTests
{
    private static readonly ModelRules Models = new(new TranslatorOptions(), [new ChatProtocol(), new ResponsesProtocol()]);

    [Theory]
    [InlineData("gpt-5.1", "low", "low")]
    [InlineData("gpt-5.1", "xhigh", "high")]
    [InlineData("gpt-5.1", "max", "high")]
    [InlineData("gpt-5.1-codex-max", "xhigh", "xhigh")]
    [InlineData("gpt-5.1-codex-max", "max", "xhigh")]
    [InlineData("gpt-5.1-codex-mini", "xhigh", "high")]
    [InlineData("gpt-5.5", "xhigh", "xhigh")]
    [InlineData("gpt-5.5", "max", "xhigh")]
    [InlineData("gpt-5.6-sol", "max", "max")]
    [InlineData("gpt-5.6-sol", "medium", "medium")]
    [InlineData("o3", "xhigh", "high")]
    public void Sends_each_level_the_model_takes_and_the_nearest_one_it_takes_otherwise(string model, string requested, string expected)
    {
        Assert.Equal(expected, ReasoningEffortMap.Clamp(requested, Models.EffortsFor(model)));
    }

    [Fact]
    public void Clamps_upwards_only_when_the_model_takes_nothing_lower_and_never_down_to_none()
    {
        Assert.Equal("medium", ReasoningEffortMap.Clamp("low", ["none", "medium", "high"]));
        Assert.Equal("high", ReasoningEffortMap.Clamp("xhigh", ["none", "low", "high"]));
        Assert.Null(ReasoningEffortMap.Clamp(null, ["low"]));
    }

    [Theory]
    [InlineData("chat", "claude-opus-5-5", "gpt-5.1", "xhigh", "high")]
    [InlineData("responses", "claude-opus-5-5", "gpt-5.1", "xhigh", "high")]
    [InlineData("chat", "claude-opus-5-6", "gpt-5.6-sol", "max", "max")]
    [InlineData("responses", "claude-opus-5-6", "gpt-5.6-sol", "max", "max")]
    [InlineData("responses", "claude-opus-5-6", "gpt-5.5", "max", "xhigh")]
    public async Task Sends_the_effective_effort_upstream_and_says_which_in_a_header(string protocol, string model, string upstreamModel, string requested, string expected)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Models.Add(upstreamModel);
        await using var app = new TranslatorApp(upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Translator:Upstream:Protocol"] = protocol,
            [$"Translator:Models:Map:{model}"] = upstreamModel,
        });
        upstream.Enqueue(UpstreamDialect.Of(protocol).Complete(new Answer("Ok.")));
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent($$"""
            {"model":"{{model}}","max_tokens":100,"thinking":{"type":"adaptive"},"output_config":{"effort":"{{requested}}"},"messages":[{"role":"user","content":"Think hard."}]}
            """, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Headers.GetValues("x-reasoning-effort").Single());
        var sent = upstream.LastRequest;
        Assert.Equal(expected, protocol == "chat" ? sent.GetProperty("reasoning_effort").GetString() : sent.GetProperty("reasoning").GetProperty("effort").GetString());
        upstream.AssertNoViolations();
    }
}
