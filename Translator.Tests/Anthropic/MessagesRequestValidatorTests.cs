using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Anthropic;

/// <summary>The validator checks requests as Anthropic does and names the first bad field by its path.</summary>
public sealed class MessagesRequestValidatorTests
{
    private const string Hello = """[{"role":"user","content":"Hello"}]""";

    [Theory]
    [InlineData("claude-code-2.1.328-request-first-turn.json")]
    [InlineData("claude-code-2.1.328-request-tool-result-turn.json")]
    [InlineData("claude-code-2.1.332-request-first-turn.json")]
    [InlineData("claude-code-2.1.332-request-tool-result-turn.json")]
    [InlineData("anthropic-request-thinking-tool-result-roundtrip.json")]
    [InlineData("anthropic-request-thinking-tools.json")]
    public void Accepts_what_real_clients_send(string fixture)
    {
        Assert.Null(Validate(RecordedFixtures.RequestBody(fixture)));
    }

    [Theory]
    [InlineData("""{"max_tokens":1,"messages":HELLO}""", "model: Field required.")]
    [InlineData("""{"model":"claude\u0007x","max_tokens":1,"messages":HELLO}""", "model: Must be a model name without control characters.")]
    [InlineData("""{"model":"claude-x","messages":HELLO}""", "max_tokens: Field required.")]
    [InlineData("""{"model":"claude-x","max_tokens":0,"messages":HELLO}""", "max_tokens: Must be greater than or equal to 1.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"temperature":1.5,"messages":HELLO}""", "temperature: Must be between 0 and 1.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"stop_sequences":["ok"," "],"messages":HELLO}""", "stop_sequences.1: ")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"thinking":{"type":"enabled"},"messages":HELLO}""", "thinking.budget_tokens: ")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"thinking":{"type":"sometimes"},"messages":HELLO}""", "thinking.type: Unknown thinking type 'sometimes'")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"output_config":{"effort":"extreme"},"messages":HELLO}""", "output_config.effort: Unknown effort 'extreme'")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"system":[{"type":"image"}],"messages":HELLO}""", "system.0: ")]
    [InlineData("""{"model":"claude-x","max_tokens":1}""", "messages: Field required.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[]}""", "messages: At least one message is required.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"robot","content":"hi"}]}""", "messages.0.role: Unknown role 'robot'")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"user"}]}""", "messages.0.content: Field required.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":[{"type":"video"}]}]}""", "messages.0.content.0.type: Unknown content block type 'video'")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":[{"type":"tool_use","id":"t","name":"f","input":{}}]}]}""", "messages.0.content.0.type: 'tool_use' blocks may only appear in assistant messages.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/tiff","data":"AAAA"}}]}]}""", "messages.0.content.0.source.media_type: ")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"not base64!"}}]}]}""", "messages.0.content.0.source.data: Must be non-empty, valid base64.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"file:///etc/passwd"}}]}]}""", "messages.0.content.0.source.url: Must be an absolute http or https URL.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"bad id","name":"f","input":{}}]}]}""", "messages.1.content.0.id: ")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},{"role":"user","content":"b"}]}""", "messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: t1.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t9","content":"x"}]}]}""", "messages.0.content.0: Unexpected `tool_use_id` found in `tool_result` blocks: t9.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"tools":[{"name":"f"}],"messages":HELLO}""", "tools.0.input_schema: ")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"tools":[{"name":"has space","input_schema":{"type":"object"}}],"messages":HELLO}""", "tools.0.name: ")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"tools":[{"name":"f","input_schema":{"type":"object"}},{"name":"f","input_schema":{"type":"object"}}],"messages":HELLO}""", "tools.1.name: Tool names must be unique; f appears twice.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"tool_choice":{"type":"tool","name":"g"},"tools":[{"name":"f","input_schema":{"type":"object"}}],"messages":HELLO}""", "tool_choice.name: Tool g is not among the request's tools.")]
    [InlineData("""{"model":"claude-x","max_tokens":1,"tool_choice":{"type":"maybe"},"messages":HELLO}""", "tool_choice.type: Unknown tool_choice type 'maybe'")]
    public void Names_the_first_bad_field_by_its_path(string body, string expectedStart)
    {
        var error = Validate(body.Replace("HELLO", Hello, StringComparison.Ordinal));

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.StartsWith(expectedStart, error.Message);
    }

    [Fact]
    public void Lets_count_tokens_leave_out_max_tokens()
    {
        var request = JsonSerializer.Deserialize("""{"model":"claude-x","messages":[{"role":"user","content":"a"}]}""", AnthropicJsonContext.Default.MessagesRequest)!;

        Assert.Null(MessagesRequestValidator.Validate(request, requireMaxTokens: false));
        Assert.NotNull(MessagesRequestValidator.Validate(request, requireMaxTokens: true));
    }

    private static ApiError? Validate(string body) =>
        MessagesRequestValidator.Validate(JsonSerializer.Deserialize(body, AnthropicJsonContext.Default.MessagesRequest)!, requireMaxTokens: true);
}
