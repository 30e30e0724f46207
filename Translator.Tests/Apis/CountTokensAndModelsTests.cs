using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Models;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Apis;

public sealed class CountTokensAndModelsTests(TranslatorFixture fixture) : IClassFixture<TranslatorFixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = Reset(fixture.Upstream);

    [Fact]
    public async Task Counts_tokens_through_the_sdk_without_calling_the_upstream()
    {
        var client = fixture.App.CreateAnthropicClient();
        var body = """{"model":"claude-sonnet-4-5","system":"You are terse.\n\nAnswer in French.","messages":[{"role":"user","content":"Hello world"}]}""";

        var count = await client.Messages.CountTokens(Requests.CountParams(body));

        Assert.Equal(3 + (3 + 1 + 8) + (3 + 1 + 2), count.InputTokens);
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task Counts_the_recorded_claude_code_request_and_uses_the_same_count_in_message_start()
    {
        var client = fixture.App.CreateAnthropicClient();
        var body = RecordedFixtures.Json("claude-code-2.1.328-request-first-turn.json").GetProperty("body");
        _upstream.Enqueue(Stream(TextChunk("hi"), FinishChunk("stop"), UsageChunk(5000, 1)));

        var count = await client.Messages.CountTokens(Requests.CountParams(body.GetRawText()));
        using var http = fixture.App.CreateHttpClient();
        await using var sse = await SseClient.PostAsync(http, body.GetRawText());
        var start = await sse.NextMatchingAsync(e => e.Name == "message_start");
        await sse.ReadToEndAsync();

        // The fixture's long texts are redacted placeholders; what remains is mostly the 12 tool schemas.
        Assert.InRange(count.InputTokens, 1_000, 4_000);
        Assert.Equal(count.InputTokens, start.Data.GetProperty("message").GetProperty("usage").GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public async Task Rejects_an_invalid_count_tokens_body_with_400()
    {
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages/count_tokens", new StringContent("""{"model":"claude-x"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("messages: Field required.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Lists_the_claude_models_it_serves_in_anthropics_shape()
    {
        var client = fixture.App.CreateAnthropicClient();

        var page = await client.Models.List(new ModelListParams());
        var opus = await client.Models.Retrieve("claude-opus-5-5", new ModelRetrieveParams());

        Assert.Equal(["claude-opus-5-5", "claude-sonnet-4-5", "claude-haiku-4-5"], page.Items.Select(m => m.ID));
        Assert.Equal("Claude Opus 5.5", opus.DisplayName);
        Assert.Equal("opus", opus.Line!.Raw());
        Assert.False(page.HasNext());
    }

    [Fact]
    public async Task Says_each_models_context_size_output_limit_and_the_efforts_its_upstream_model_takes()
    {
        using var http = fixture.App.CreateHttpClient();
        http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        var opus = JsonDocument.Parse(await http.GetStringAsync("/v1/models/claude-opus-5-5")).RootElement;

        // claude-opus-5-5 is answered by gpt-5.5 (the default map): 272,000 in, 128,000 out, xhigh but no max.
        Assert.Equal(272_000, opus.GetProperty("max_input_tokens").GetInt64());
        Assert.Equal(128_000, opus.GetProperty("max_tokens").GetInt64());
        var capabilities = opus.GetProperty("capabilities");
        var effort = capabilities.GetProperty("effort");
        Assert.Equal([true, true, true, true, false], new[] { "low", "medium", "high", "xhigh", "max" }.Select(l => effort.GetProperty(l).GetProperty("supported").GetBoolean()));
        Assert.True(capabilities.GetProperty("thinking").GetProperty("types").GetProperty("adaptive").GetProperty("supported").GetBoolean());
        Assert.True(capabilities.GetProperty("context_management").GetProperty("clear_tool_uses_20250919").GetProperty("supported").GetBoolean());
        Assert.False(capabilities.GetProperty("context_management").GetProperty("compact_20260112").GetProperty("supported").GetBoolean());
        Assert.True(capabilities.GetProperty("server_tools").GetProperty("web_search").GetProperty("supported").GetBoolean());
    }

    [Fact]
    public async Task Lowers_a_max_tokens_above_the_models_output_limit_to_it()
    {
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("Ok.")));
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent("""{"model":"claude-opus-5-5","max_tokens":500000,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(128_000, _upstream.LastRequest.GetProperty("max_completion_tokens").GetInt64());
    }

    [Fact]
    public async Task Pages_the_model_list_and_answers_404_for_an_unknown_model()
    {
        using var http = fixture.App.CreateHttpClient();
        http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        var first = JsonDocument.Parse(await http.GetStringAsync("/v1/models?limit=2")).RootElement;
        var second = JsonDocument.Parse(await http.GetStringAsync("/v1/models?limit=2&after_id=claude-sonnet-4-5")).RootElement;
        using var missing = await http.GetAsync("/v1/models/claude-nope");

        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Equal("claude-opus-5-5", first.GetProperty("first_id").GetString());
        Assert.Equal("claude-sonnet-4-5", first.GetProperty("last_id").GetString());
        Assert.Equal("model", first.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.False(second.GetProperty("has_more").GetBoolean());
        Assert.Equal("claude-haiku-4-5", second.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("not_found_error", await missing.Content.ReadAsStringAsync());
    }

    public void Dispose() => _upstream.AssertNoViolations();

    private static ScriptedUpstream Reset(ScriptedUpstream upstream)
    {
        upstream.Reset();
        return upstream;
    }
}
