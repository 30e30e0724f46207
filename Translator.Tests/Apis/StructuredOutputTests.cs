using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Anthropic;
using Anthropic.Models.Messages;
using Anthropic.Services;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// Structured outputs and strict tools through the official Anthropic SDK, on both protocols,
/// streamed and not: the upstream gets a strict json_schema it accepts (optional properties made
/// required and nullable), and the client gets an answer that validates against its own schema.
/// </summary>
public sealed class StructuredOutputTests(DialectFixture fixture) : IClassFixture<DialectFixture>, IDisposable
{
    private const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"note":{"type":"string"}},"required":["city"]}""";

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public static TheoryData<string, bool> DialectsStreamed => new() { { "chat", false }, { "chat", true }, { "responses", false }, { "responses", true } };

    public static TheoryData<string, string> DialectsAndForms => new()
    {
        { "chat", "output_config" }, { "chat", "output_format" }, { "responses", "output_config" }, { "responses", "output_format" },
    };

    public void Dispose() => _upstream.AssertNoViolations();

    [Theory]
    [MemberData(nameof(DialectsAndForms))]
    public async Task Both_forms_of_the_format_reach_the_upstream_as_a_strict_json_schema(string dialect, string form)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Complete(new Answer("""{"city":"Paris","note":null}""")));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        await client.Messages.Create(Requests.Params(Request(stream: false, form)));

        var format = dialect == "chat" ? _upstream.LastRequest.GetProperty("response_format") : _upstream.LastRequest.GetProperty("text").GetProperty("format");
        var holder = dialect == "chat" ? format.GetProperty("json_schema") : format;
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.True(holder.GetProperty("strict").GetBoolean());
        var schema = holder.GetProperty("schema");
        Assert.Equal(["city", "note"], schema.GetProperty("required").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("""["string","null"]""", schema.GetProperty("properties").GetProperty("note").GetProperty("type").GetRawText());
    }

    [Theory]
    [MemberData(nameof(DialectsStreamed))]
    public async Task The_answer_is_one_text_block_of_json_without_the_nulls_strict_mode_added(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("""{"city":"Paris","note":null}""");
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var message = await Send(client, Request(stream, "output_config"), stream);

        Assert.True(message.Content.Single().TryPickText(out var text));
        Assert.Equal("""{"city":"Paris"}""", text.Text);
        Assert.Equal("end_turn", message.StopReason?.Raw());
    }

    [Theory]
    [MemberData(nameof(DialectsStreamed))]
    public async Task With_thinking_the_answer_follows_its_thinking_block_cleaned_the_same(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("""{"city":"Paris","note":null}""", Reasoning: "The user wants a city.");
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();
        var body = Request(stream, "output_config").Replace("\"max_tokens\":1024", "\"max_tokens\":4096,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}");

        var message = await Send(client, body, stream);

        Assert.Equal(2, message.Content.Count);
        Assert.True(message.Content[0].TryPickThinking(out _));
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal("""{"city":"Paris"}""", text.Text);
    }

    [Theory]
    [MemberData(nameof(UpstreamDialectNames))]
    public async Task The_sdks_structured_output_helper_parses_the_answer(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Complete(new Answer("""{"city":"Paris","days":3}""")));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var message = await client.Messages.Create<Forecast>(Requests.Params(Requests.Simple("Forecast for Paris")));

        var parsed = message.Content.Single().Parsed();
        Assert.Equal(("Paris", 3), (parsed?.City, parsed?.Days));
        Assert.True(JsonElementAt(_upstream.LastRequest, dialect).GetProperty("strict").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(DialectsStreamed))]
    public async Task A_refusal_stops_with_refusal(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(Refusal(dialect, stream, "I can't help with that."));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var message = await Send(client, Request(stream, "output_config"), stream);

        Assert.Equal("refusal", message.StopReason?.Raw());
        Assert.True(message.Content.Single().TryPickText(out var text));
        Assert.Equal("I can't help with that.", text.Text);
    }

    [Theory]
    [MemberData(nameof(UpstreamDialectNames))]
    public async Task A_schema_strict_mode_cannot_take_goes_upstream_not_strict(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Complete(new Answer("""{"city":"Paris"}""")));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();
        var open = """{"type":"object","properties":{"city":{"type":"string","minLength":2}},"required":["city"]}""";

        var message = await client.Messages.Create(Requests.Params(Request(false, "output_config", open)));

        Assert.False(JsonElementAt(_upstream.LastRequest, dialect).GetProperty("strict").GetBoolean());
        Assert.Equal(2, JsonElementAt(_upstream.LastRequest, dialect).GetProperty("schema").GetProperty("properties").GetProperty("city").GetProperty("minLength").GetInt32());
        Assert.True(message.Content.Single().TryPickText(out _));
    }

    [Theory]
    [MemberData(nameof(DialectsStreamed))]
    public async Task A_strict_tool_goes_upstream_strict_and_its_call_reaches_the_client_without_the_added_nulls(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer(null, ToolCalls: [new ToolCallAnswer("call_1", "get_weather", """{"city":"Paris","unit":null}""")]);
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();
        var body = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":STREAM,"messages":[{"role":"user","content":"Weather in Paris?"}],
             "tools":[{"name":"get_weather","strict":true,"input_schema":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}},
                      {"name":"get_time","input_schema":{"type":"object","properties":{"zone":{"type":"string"}}}}]}
            """.Replace("STREAM", stream ? "true" : "false");

        var message = await Send(client, body, stream);

        var tools = _upstream.LastRequest.GetProperty("tools").EnumerateArray().Select(t => dialect == "chat" ? t.GetProperty("function") : t).ToList();
        Assert.True(tools[0].GetProperty("strict").GetBoolean());
        Assert.Equal("""["c","f",null]""", tools[0].GetProperty("parameters").GetProperty("properties").GetProperty("unit").GetProperty("enum").GetRawText());
        Assert.Equal(dialect == "chat" ? "" : "false", tools[1].TryGetProperty("strict", out var strict) ? strict.GetRawText() : "");
        Assert.True(message.Content.Single().TryPickToolUse(out var call));
        Assert.Equal("""{"city":"Paris"}""", JsonSerializer.Serialize(call.Input));
    }

    public static TheoryData<string> UpstreamDialectNames => UpstreamDialect.All;

    private static JsonElement JsonElementAt(JsonElement request, string dialect) =>
        dialect == "chat" ? request.GetProperty("response_format").GetProperty("json_schema") : request.GetProperty("text").GetProperty("format");

    private static async Task<Message> Send(AnthropicClient client, string body, bool stream) => stream
        ? await client.Messages.CreateStreaming(Requests.Params(body)).Aggregate()
        : await client.Messages.Create(Requests.Params(body));

    private static string Request(bool stream, string form, string schema = Schema)
    {
        var format = $$$"""{"type":"json_schema","schema":{{{schema}}}}""";
        var field = form == "output_config" ? "\"output_config\":{\"format\":" + format + "}" : "\"output_format\":" + format;
        return $$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"stream":{{(stream ? "true" : "false")}},{{field}},"messages":[{"role":"user","content":"Where?"}]}""";
    }

    private static UpstreamReply Refusal(string dialect, bool stream, string refusal) => (dialect, stream) switch
    {
        ("chat", false) => UpstreamReply.Json(ChatReplies.Completion(null).Replace("\"refusal\":null", $"\"refusal\":{JsonSerializer.Serialize(refusal)}")),
        ("chat", true) => ChatReplies.Stream(
            ChatReplies.Chunk(new JsonObject { ["refusal"] = refusal }), ChatReplies.FinishChunk("stop"), ChatReplies.UsageChunk(10, 5)),
        (_, false) => UpstreamReply.Json(RefusedResponse()),
        _ => UpstreamReply.Sse(
            SseStep.Event("""{"type":"response.created","response":{"id":"resp_r","status":"in_progress","model":"gpt-5.1","output":[]}}"""),
            SseStep.Event("""{"type":"response.output_item.added","output_index":0,"item":{"type":"message","id":"msg_r","role":"assistant","status":"in_progress","content":[]}}"""),
            SseStep.Event(new JsonObject { ["type"] = "response.refusal.delta", ["output_index"] = 0, ["delta"] = refusal }.ToJsonString()),
            SseStep.Event("""{"type":"response.output_item.done","output_index":0,"item":{"type":"message","id":"msg_r","role":"assistant","status":"completed","content":[]}}"""),
            SseStep.Event(new JsonObject { ["type"] = "response.completed", ["response"] = JsonNode.Parse(RefusedResponse()) }.ToJsonString())),
    };

    private static string RefusedResponse() =>
        """{"id":"resp_r","object":"response","status":"completed","model":"gpt-5.1","output":[{"type":"message","id":"msg_r","role":"assistant","status":"completed","content":[{"type":"refusal","refusal":"I can't help with that."}]}],"usage":{"input_tokens":10,"output_tokens":5}}""";

    /// <summary>A type for the SDK's structured output helper, which makes its schema.</summary>
    public sealed class Forecast
    {
        [JsonPropertyName("city")]
        public string City { get; set; } = "";

        [JsonPropertyName("days")]
        public int Days { get; set; }
    }
}
