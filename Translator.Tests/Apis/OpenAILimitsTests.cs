using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// What OpenAI refuses is handled, not forwarded, on both protocols, streamed and not: a tool name
/// past 64 characters (Claude Code's MCP tools) goes upstream short and comes back whole; a
/// max_tokens under 16 (Claude Code's model probe sends 1) goes upstream raised and the answer
/// ends at the client's limit.
/// </summary>
public sealed class OpenAILimitsTests(DialectFixture fixture) : IClassFixture<DialectFixture>, IDisposable
{
    private static readonly string LongName = "mcp__" + new string('s', 30) + "__" + new string('t', 33);

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public static TheoryData<string, bool> DialectsStreamed => new() { { "chat", false }, { "chat", true }, { "responses", false }, { "responses", true } };

    public void Dispose() => _upstream.AssertNoViolations();

    [Theory]
    [MemberData(nameof(DialectsStreamed))]
    public async Task A_tool_name_past_64_characters_goes_upstream_short_and_reaches_the_client_whole_on_every_turn(string dialect, bool stream)
    {
        Assert.Equal(70, LongName.Length);
        var upstream = UpstreamDialect.Of(dialect);
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        // Turn 1: the model calls the tool by the name it was given.
        _upstream.Responder = request => Reply(upstream, stream, new Answer(null, ToolCalls: [new ToolCallAnswer("call_1", ToolNames(request, dialect)[0], """{"q":"x"}""")]));
        var first = await Send(client, Turn(stream, history: ""), stream);
        var firstRequest = _upstream.LastRequest;

        Assert.True(first.Content.Single().TryPickToolUse(out var call));
        Assert.Equal(LongName, call.Name);
        var shortName = ToolNames(firstRequest, dialect)[0];
        Assert.True(shortName.Length <= 64);

        // Turn 2: the call in the history and tool_choice name the tool by the client's name.
        _upstream.Responder = _ => Reply(upstream, stream, new Answer("done"));
        var history = """
            ,{"role":"assistant","content":[{"type":"tool_use","id":"ID","name":"NAME","input":{"q":"x"}}]},
            {"role":"user","content":[{"type":"tool_result","tool_use_id":"ID","content":"42"}]}
            """.Replace("ID", call.ID).Replace("NAME", LongName);
        var second = await Send(client, Turn(stream, history, toolChoice: $$""","tool_choice":{"type":"tool","name":"{{LongName}}"}"""), stream);

        var sent = _upstream.LastRequest;
        Assert.Equal(shortName, ToolNames(sent, dialect)[0]);
        Assert.Contains(shortName, sent.GetRawText());
        Assert.DoesNotContain(LongName, sent.GetRawText());
        Assert.True(second.Content.Single().TryPickText(out _));
    }

    [Theory]
    [MemberData(nameof(DialectsStreamed))]
    public async Task A_max_tokens_under_16_goes_upstream_raised_and_the_answer_ends_at_the_clients_limit(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("Hello there, how are you today?", Output: 8);
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();
        var body = $$"""{"model":"claude-sonnet-4-5","max_tokens":1,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Hi"}]}""";

        var message = await Send(client, body, stream);

        Assert.Equal(16, _upstream.LastRequest.GetProperty(dialect == "chat" ? "max_completion_tokens" : "max_output_tokens").GetInt32());
        Assert.Equal("max_tokens", message.StopReason?.Raw());
        Assert.True(message.Content.Single().TryPickText(out var text));
        Assert.Equal("Hello", text.Text);
        Assert.Equal(1, message.Usage.OutputTokens);
    }

    private static UpstreamReply Reply(UpstreamDialect upstream, bool stream, Answer answer) => stream ? upstream.Stream(answer) : upstream.Complete(answer);

    private static List<string> ToolNames(JsonElement request, string dialect) =>
        [.. request.GetProperty("tools").EnumerateArray().Select(t => (dialect == "chat" ? t.GetProperty("function") : t).GetProperty("name").GetString()!)];

    private static async Task<Message> Send(AnthropicClient client, string body, bool stream) => stream
        ? await client.Messages.CreateStreaming(Requests.Params(body)).Aggregate()
        : await client.Messages.Create(Requests.Params(body));

    private static string Turn(bool stream, string history, string toolChoice = "") => """
        {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":STREAM CHOICE,
         "tools":[{"name":"NAME","description":"Searches.","input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}],
         "messages":[{"role":"user","content":"Search."} HISTORY]}
        """.Replace("STREAM", stream ? "true" : "false").Replace("CHOICE", toolChoice).Replace("NAME", LongName).Replace("HISTORY", history);
}
