using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic;
using Anthropic.Models.Messages;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// Anthropic's client tools (text editor, bash, memory, computer use), declared with the official
/// SDK's own tool types: the model is shown each as a function of the tool's name with Anthropic's
/// input schema, and its call comes back as a <c>tool_use</c> the SDK reads, on both protocols.
/// </summary>
public sealed class ClientToolsTests(DialectFixture fixture) : IClassFixture<DialectFixture>, IDisposable
{
    private const string EditTool = "str_replace_based_edit_tool";

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    public void Dispose() => _upstream.AssertNoViolations();

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_sdks_text_editor_bash_and_memory_tools_reach_the_model_as_functions_with_anthropics_schemas(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Complete(new Answer("Done.")));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        await client.Messages.Create(FirstTurn());

        var tools = Functions(_upstream.LastRequest);
        Assert.Equal([EditTool, "bash", "memory"], tools.Select(t => t.GetProperty("name").GetString()!));
        var editor = tools[0];
        Assert.Equal(["view", "create", "str_replace", "insert"], editor.GetProperty("parameters").GetProperty("properties").GetProperty("command").GetProperty("enum").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal(["command", "path"], editor.GetProperty("parameters").GetProperty("required").EnumerateArray().Select(c => c.GetString()!));
        Assert.Contains("at most 2000 characters", editor.GetProperty("description").GetString());
        Assert.True(tools[1].GetProperty("parameters").GetProperty("properties").TryGetProperty("restart", out _));
        Assert.Equal(
            ["view", "create", "str_replace", "insert", "delete", "rename"],
            tools[2].GetProperty("parameters").GetProperty("properties").GetProperty("command").GetProperty("enum").EnumerateArray().Select(c => c.GetString()!));
        Assert.Contains("/memories", tools[2].GetProperty("description").GetString());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_two_turn_edit_loop_gives_the_client_a_tool_use_in_anthropics_shape_and_carries_its_result_back(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        const string Edit = """{"command":"str_replace","path":"/repo/app.py","old_str":"print('hi')","new_str":"print('hello')"}""";
        _upstream.Enqueue(upstream.Complete(new Answer(null, ToolCalls: [new ToolCallAnswer("call_edit1", EditTool, Edit)])));
        _upstream.Enqueue(upstream.Complete(new Answer("The greeting now says hello.")));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var first = await client.Messages.Create(FirstTurn());

        var block = Assert.Single(first.Content);
        Assert.True(block.TryPickToolUse(out var toolUse));
        Assert.Equal(EditTool, toolUse.Name);
        Assert.Equal("tool_use", first.StopReason!.Raw());
        Assert.Equal(JsonNode.Parse(Edit)!.ToJsonString(), JsonSerializer.Serialize(toolUse.Input));

        var second = await client.Messages.Create(Requests.Params(SecondTurn(JsonSerializer.Serialize(toolUse))));

        Assert.True(second.Content[0].TryPickText(out var text));
        Assert.Equal("The greeting now says hello.", text.Text);
        Assert.Contains("Replaced 1 occurrence in /repo/app.py.", _upstream.LastRequest.GetRawText());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_streamed_memory_call_aggregates_in_the_sdk_to_the_tool_use_the_model_made(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        const string View = """{"command":"view","path":"/memories"}""";
        _upstream.Enqueue(upstream.Stream(new Answer("Checking my notes.", ToolCalls: [new ToolCallAnswer("call_mem1", "memory", View)])));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var message = await client.Messages.CreateStreaming(FirstTurn()).Aggregate();

        Assert.True(message.Content[^1].TryPickToolUse(out var toolUse));
        Assert.Equal("memory", toolUse.Name);
        Assert.Equal(View, JsonSerializer.Serialize(toolUse.Input));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_computer_use_screenshot_goes_back_to_the_model_as_an_image(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Complete(new Answer("I see the desktop.")));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json("""
            {"model":"claude-sonnet-4-5","max_tokens":500,
             "tools":[{"type":"computer_20250124","name":"computer","display_width_px":1280,"display_height_px":800,"display_number":1}],
             "messages":[{"role":"user","content":"What is on screen?"},
                         {"role":"assistant","content":[{"type":"tool_use","id":"toolu_shot","name":"computer","input":{"action":"screenshot"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_shot","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = _upstream.LastRequest;
        var function = Functions(sent).Single();
        Assert.Contains("1280x800 pixels (X11 display :1)", function.GetProperty("description").GetString());
        Assert.Contains("scroll", function.GetProperty("parameters").GetProperty("properties").GetProperty("action").GetProperty("enum").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("data:image/png;base64,iVBORw0KGgo=", sent.GetRawText());
    }

    [Theory]
    [InlineData("""{"type":"text_editor_20990101","name":"str_replace_based_edit_tool"}""", "tools.0.type: Unknown version 'text_editor_20990101' of Anthropic's text_editor tool; this translator serves text_editor_20241022, text_editor_20250124, text_editor_20250429, text_editor_20250728.")]
    [InlineData("""{"type":"bash_20250124","name":"shell"}""", "tools.0.name: Must be 'bash' for bash_20250124.")]
    [InlineData("""{"type":"computer_20250124","name":"computer","display_height_px":800}""", "tools.0.display_width_px: Field required; must be a positive number of pixels.")]
    [InlineData("""{"type":"code_execution_20250825","name":"code_execution"}""", "tools.0.type: Server tool 'code_execution_20250825' runs on Anthropic's servers and cannot be served by an OpenAI upstream; define it as a client tool instead (web_search and Anthropic's client tools, text_editor, bash, memory and computer, are served).")]
    public async Task Refuses_a_client_tool_anthropic_does_not_define_naming_what_is_served(string tool, string expected)
    {
        using var http = fixture.AppFor(UpstreamDialect.Chat).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json($$"""{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hi"}],"tools":[{{tool}}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(_upstream.Requests);
    }

    private static MessageCreateParams FirstTurn() => new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 1024,
        Messages = [new UserMessageParam { Content = "Make the greeting in /repo/app.py say hello." }],
        Tools = [new ToolTextEditor20250728 { MaxCharacters = 2000 }, new ToolBash20250124(), new MemoryTool20250818()],
    };

    /// <summary>The client's next turn: its first, the model's tool_use as the SDK gave it, and the edit's result.</summary>
    private static string SecondTurn(string toolUse) => $$"""
        {"model":"claude-sonnet-4-5","max_tokens":1024,
         "tools":[{"type":"text_editor_20250728","name":"{{EditTool}}","max_characters":2000},{"type":"bash_20250124","name":"bash"},{"type":"memory_20250818","name":"memory"}],
         "messages":[{"role":"user","content":"Make the greeting in /repo/app.py say hello."},
                     {"role":"assistant","content":[{{toolUse}}]},
                     {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{JsonDocument.Parse(toolUse).RootElement.GetProperty("id").GetString()}}","content":"Replaced 1 occurrence in /repo/app.py."}]}]}
        """;

    /// <summary>The functions the upstream was given, in the shape of either protocol: Chat nests each under <c>function</c>.</summary>
    private static List<JsonElement> Functions(JsonElement sent) =>
        [.. sent.GetProperty("tools").EnumerateArray().Select(t => t.TryGetProperty("function", out var function) ? function : t)];

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
