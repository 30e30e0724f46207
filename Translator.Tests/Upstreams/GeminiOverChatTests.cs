using System.Net;
using System.Text;
using System.Text.Json;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Upstreams;

/// <summary>
/// A Claude name routed to a Gemini model that CLIProxyAPI serves over Chat (haiku-class subagent
/// calls): what the call takes follows that model, not GPT-5's rules.
/// </summary>
public sealed class GeminiOverChatTests
{
    [Theory]
    [InlineData("gemini-3-pro-preview", "medium", "low")]
    [InlineData("gemini-3-pro-preview", "max", "high")]
    [InlineData("gemini-3-flash-preview", "medium", "medium")]
    [InlineData("gemini-2.5-pro", "max", "high")]
    public async Task A_gemini_model_gets_the_nearest_thinking_level_it_takes_its_sampling_and_its_own_output_limit(string upstreamModel, string requested, string expected)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Models.Add(upstreamModel);
        await using var app = new TranslatorApp(upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Translator:Upstream:Protocol"] = "chat",
            ["Translator:Models:Families:haiku"] = upstreamModel,
        });
        upstream.Enqueue(UpstreamDialect.Of("chat").Complete(new Answer("Ok.")));
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent($$"""
            {"model":"claude-haiku-4-5","max_tokens":128000,"temperature":0.3,"top_p":0.9,"thinking":{"type":"adaptive"},"output_config":{"effort":"{{requested}}"},"messages":[{"role":"user","content":"Summarise."}]}
            """, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var sent = upstream.LastRequest;
        Assert.Equal(expected, sent.GetProperty("reasoning_effort").GetString());
        Assert.Equal(0.3, sent.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, sent.GetProperty("top_p").GetDouble());
        Assert.Equal(65_536, sent.GetProperty("max_completion_tokens").GetInt64());
        upstream.AssertNoViolations();
    }

    [Fact]
    public async Task A_model_that_takes_no_effort_is_sent_none()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Models.Add("gemini-2.0-flash");
        await using var app = new TranslatorApp(upstream.BaseUrl, new Dictionary<string, string?> { ["Translator:Models:Families:haiku"] = "gemini-2.0-flash" });
        upstream.Enqueue(UpstreamDialect.Of("chat").Complete(new Answer("Ok.")));
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent("""
            {"model":"claude-haiku-4-5","max_tokens":100,"thinking":{"type":"enabled","budget_tokens":2048},"messages":[{"role":"user","content":"Summarise."}]}
            """, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.False(upstream.LastRequest.TryGetProperty("reasoning_effort", out _));
        upstream.AssertNoViolations();
    }

    [Theory]
    [InlineData("gemini-3-pro-preview", "medium")]
    [InlineData("gemini-2.5-pro", "none")]
    [InlineData("gemini-2.0-flash", "low")]
    public void The_scripted_upstream_refuses_an_effort_the_gemini_model_does_not_take(string model, string effort)
    {
        using var body = JsonDocument.Parse($$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hi"}],"reasoning_effort":"{{effort}}"}""");

        Assert.Contains(ChatWireRules.Check(body.RootElement), v => v.Contains("reasoning_effort", StringComparison.Ordinal));
    }
}
