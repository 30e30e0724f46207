using System.Net;
using System.Text;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Models;

/// <summary>A change of the routes in configuration applies to the next request, without a restart; an invalid one is refused.</summary>
public sealed class LiveRoutesTests
{
    private const string Opus = "Translator:Models:Families:opus";

    [Fact]
    public async Task A_changed_route_serves_the_next_request_without_a_restart()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        var live = new ReloadableSettings();
        await using var app = new TranslatorApp(upstream.BaseUrl, new Dictionary<string, string?> { [Opus] = "gpt-5.5" }, live: live);
        using var http = app.CreateHttpClient();

        Assert.Equal("gpt-5.5", await UpstreamModelOfAsync(upstream, http));
        live.Change(Opus, "gpt-5.4");

        Assert.Equal("gpt-5.4", await UpstreamModelOfAsync(upstream, http));
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Id == 101 && r.Message.Contains("opus=gpt-5.4", StringComparison.Ordinal));
        upstream.AssertNoViolations();
    }

    [Theory]
    [InlineData("gpt-5.4,,claude", "Translator:Models:Families:opus has an empty entry (got 'gpt-5.4,,claude').")]
    [InlineData("gpt-5.4,claude:", "Translator:Models:Families:opus has 'claude:', which is neither")]
    [InlineData("gpt-5.4,gpt-5.4", "Translator:Models:Families:opus lists 'gpt-5.4' twice")]
    public async Task An_invalid_change_is_refused_with_an_error_naming_its_key_and_the_routes_in_use_stay(string value, string error)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        var live = new ReloadableSettings();
        await using var app = new TranslatorApp(upstream.BaseUrl, new Dictionary<string, string?> { [Opus] = "gpt-5.5" }, live: live);
        using var http = app.CreateHttpClient();

        live.Change(Opus, value);

        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Id == 100 && r.Level == Microsoft.Extensions.Logging.LogLevel.Error && r.Message.Contains(error, StringComparison.Ordinal));
        Assert.Equal("gpt-5.5", await UpstreamModelOfAsync(upstream, http));
        upstream.AssertNoViolations();
    }

    private static async Task<string> UpstreamModelOfAsync(ScriptedUpstream upstream, HttpClient http)
    {
        upstream.Enqueue(UpstreamDialect.Of("chat").Complete(new Answer("Ok.")));
        using var response = await http.PostAsync("/v1/messages", new StringContent(
            """{"model":"claude-opus-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return upstream.LastRequest.GetProperty("model").GetString()!;
    }
}
