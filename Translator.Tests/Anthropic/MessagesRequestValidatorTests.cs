using System.Text.Json;
using System.Text.Json.Nodes;
using Translator.Api.Anthropic;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Anthropic;

/// <summary>
/// The validator as its callers see it: what real clients send passes, and anything else is a 400
/// naming the first bad field by its path, the areas checked in a fixed order.
/// </summary>
public sealed class MessagesRequestValidatorTests
{
    [Theory]
    [InlineData("claude-code-2.1.328-request-first-turn.json")]
    [InlineData("claude-code-2.1.328-request-tool-result-turn.json")]
    [InlineData("claude-code-2.1.332-request-first-turn.json")]
    [InlineData("claude-code-2.1.332-request-tool-result-turn.json")]
    [InlineData("claude-code-2.1.332-request-toolsearch-turn.json")]
    [InlineData("claude-code-2.1.332-request-websearch.json")]
    [InlineData("anthropic-request-thinking-tool-result-roundtrip.json")]
    [InlineData("anthropic-request-thinking-tools.json")]
    public void Accepts_what_real_clients_send(string fixture)
    {
        var request = JsonSerializer.Deserialize(RecordedFixtures.RequestBody(fixture), AnthropicJsonContext.Default.MessagesRequest)!;

        Assert.Null(MessagesRequestValidator.Validate(request, requireMaxTokens: true));
        Assert.Null(MessagesRequestValidator.Validate(request with { MaxTokens = null }, requireMaxTokens: false));
    }

    [Fact]
    public void Refuses_with_an_invalid_request_error_naming_the_field()
    {
        var error = MessagesRequestValidator.Validate(MinimalRequest.With("""{"max_tokens":0}"""), requireMaxTokens: true);

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal("max_tokens: Must be greater than or equal to 1.", error.Message);
        Assert.Null(error.RetryAfter);
        Assert.Null(error.PromptTooLong);
    }

    [Fact]
    public void Checks_the_areas_in_a_fixed_order_so_the_same_first_error_wins()
    {
        // One mistake per area, in the order they are checked: each request carries this mistake and
        // every later one, and must be refused for this one.
        const string Pending = """[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},{"role":"user","content":"b"}]""";
        var references = MinimalRequest.MessagesAnsweredWith("""[{"type":"tool_reference","tool_name":"Unknown"}]""");
        (string Fields, string Error)[] mistakes =
        [
            ("""{"model":""}""", "model: Field required."),
            ("""{"max_tokens":0}""", "max_tokens: Must be greater than or equal to 1."),
            ("""{"temperature":2}""", "temperature: Must be between 0 and 1."),
            ("""{"top_p":2}""", "top_p: Must be between 0 and 1."),
            ("""{"stop_sequences":[" "]}""", "stop_sequences.0: Each stop sequence must contain non-whitespace."),
            ("""{"thinking":{"type":"enabled"}}""", "thinking.budget_tokens: Field required and must be positive when thinking is enabled."),
            ("""{"output_config":{"effort":"x"}}""", "output_config.effort: Unknown effort 'x'; expected one of low, medium, high, xhigh, max."),
            ("""{"context_management":{"edits":[{"type":"x"}]}}""", "context_management.edits.0.type: Unknown context edit 'x'; expected 'clear_tool_uses_20250919' or 'clear_thinking_20251015'."),
            ("""{"system":[{"type":"image"}]}""", "system.0: System blocks must be text blocks with a 'text' field."),
            ($$$"""{"messages":{{{Pending}}}}""", "messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: t1. Each `tool_use` block must have a corresponding `tool_result` block in the next message."),
            ($$$"""{"tools":[{"name":"f"}],"messages":{{{references}}}}""", "tools.0.input_schema: Field required; must be a JSON schema object."),
            ($$$"""{"messages":{{{references}}}}""", "messages.2.content.0.content.0.tool_name: Tool Unknown is not among the request's tools; a tool_reference must name a tool declared in tools (with defer_loading)."),
            ("""{"tool_choice":{"type":"x"}}""", "tool_choice.type: Unknown tool_choice type 'x'; expected 'auto', 'any', 'tool' or 'none'."),
        ];

        for (var i = 0; i < mistakes.Length; i++)
        {
            var fields = new JsonObject();
            for (var later = mistakes.Length - 1; later >= i; later--)
            {
                foreach (var (name, value) in JsonNode.Parse(mistakes[later].Fields)!.AsObject())
                {
                    fields[name] = value?.DeepClone();
                }
            }

            Assert.Equal(mistakes[i].Error, MinimalRequest.ErrorWith(fields.ToJsonString()));
        }
    }
}
