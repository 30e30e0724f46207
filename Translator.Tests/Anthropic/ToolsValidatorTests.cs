namespace Translator.Tests.Anthropic;

/// <summary>The client tools a request declares, the tool_reference blocks that load them and tool_choice.</summary>
public sealed class ToolsValidatorTests
{
    private const string F = """{"name":"f","input_schema":{"type":"object"}}""";
    private const string Deferred = """{"name":"Deferred","input_schema":{"type":"object"},"defer_loading":true}""";
    private const string NameRule = "Field required; must match ^[a-zA-Z0-9_-]{1,128}$.";

    [Theory]
    [InlineData("""{"tools":[]}""")]
    [InlineData("""{"tools":[{"name":"f","input_schema":{}},{"type":"custom","name":"Bash_2-x","description":"Runs a command.","input_schema":{"type":"object","properties":{}}}]}""")]
    [InlineData("""{"tools":[{"name":"f","input_schema":{"type":"object"}},{"name":"F","input_schema":{"type":"object"}}]}""")]
    [InlineData("""{"tool_choice":{"type":"auto"}}""")]
    [InlineData("""{"tool_choice":{"type":"any"},"tools":[""" + F + "]}")]
    [InlineData("""{"tool_choice":{"type":"none"}}""")]
    [InlineData("""{"tool_choice":{"type":"tool","name":"f","disable_parallel_tool_use":true},"tools":[""" + F + "]}")]
    public void Accepts_well_formed_tools_and_tool_choice(string fields)
    {
        Assert.Null(MinimalRequest.ErrorWith(fields));
    }

    [Theory]
    [InlineData("""{"tools":[null]}""", "tools.0: Must be an object.")]
    [InlineData("""{"tools":[{"type":"tool_search_tool_regex_20251119","name":"tool_search_tool_regex"}]}""", "tools.0.type: Anthropic's server-side tool search (tool_search_tool_regex_20251119) is not available through an OpenAI upstream. Search on the client instead, as Claude Code's ToolSearch does: keep defer_loading on the tools and answer the search with tool_reference blocks in a tool_result; or declare the tools without defer_loading.")]
    [InlineData("""{"tools":[{"type":"bash_20990101","name":"bash"}]}""", "tools.0.type: Unknown version 'bash_20990101' of Anthropic's bash tool; this translator serves bash_20241022, bash_20250124.")]
    [InlineData("""{"tools":[{"type":"web_fetch_20250910","name":"web_fetch"}]}""", "tools.0.type: Server tool 'web_fetch_20250910' runs on Anthropic's servers and cannot be served by an OpenAI upstream; define it as a client tool instead (web_search and Anthropic's client tools, text_editor, bash, memory and computer, are served).")]
    [InlineData("""{"tools":[{"input_schema":{"type":"object"}}]}""", "tools.0.name: " + NameRule)]
    [InlineData("""{"tools":[{"name":"has space","input_schema":{"type":"object"}}]}""", "tools.0.name: " + NameRule)]
    [InlineData("""{"tools":[{"name":"f"}]}""", "tools.0.input_schema: Field required; must be a JSON schema object.")]
    [InlineData("""{"tools":[{"name":"f","input_schema":"object"}]}""", "tools.0.input_schema: Field required; must be a JSON schema object.")]
    [InlineData("""{"tools":[""" + F + "," + F + "]}", "tools.1.name: Tool names must be unique; f appears twice.")]
    [InlineData("""{"tools":[""" + F + """,{"name":"f"}]}""", "tools.1.input_schema: Field required; must be a JSON schema object.")]
    [InlineData("""{"tools":[{"name":"a b"},""" + F + "]}", "tools.0.name: " + NameRule)]
    [InlineData("""{"tool_choice":{"type":"tool"},"tools":[""" + F + "]}", "tool_choice.name: Field required when tool_choice.type is 'tool'.")]
    [InlineData("""{"tool_choice":{"type":"tool","name":"g"},"tools":[""" + F + "]}", "tool_choice.name: Tool g is not among the request's tools.")]
    [InlineData("""{"tool_choice":{"type":"tool","name":"f"}}""", "tool_choice.name: Tool f is not among the request's tools.")]
    [InlineData("""{"tool_choice":{"type":"maybe"}}""", "tool_choice.type: Unknown tool_choice type 'maybe'; expected 'auto', 'any', 'tool' or 'none'.")]
    [InlineData("""{"tool_choice":{}}""", "tool_choice.type: Unknown tool_choice type null; expected 'auto', 'any', 'tool' or 'none'.")]
    [InlineData("""{"tool_choice":{"type":"maybe"},"tools":[{"name":"f"}]}""", "tools.0.input_schema: Field required; must be a JSON schema object.")]
    public void Refuses_a_bad_tool_or_tool_choice_by_its_path(string fields, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWith(fields));
    }

    [Fact]
    public void A_tool_name_is_at_most_128_characters()
    {
        Assert.Null(MinimalRequest.ErrorWith($$$"""{"tools":[{"name":"{{{new string('n', 128)}}}","input_schema":{}}]}"""));
        Assert.Equal("tools.0.name: " + NameRule, MinimalRequest.ErrorWith($$$"""{"tools":[{"name":"{{{new string('n', 129)}}}","input_schema":{}}]}"""));
    }

    [Fact]
    public void Accepts_a_tool_reference_to_a_declared_tool()
    {
        var messages = MinimalRequest.MessagesAnsweredWith("""[{"type":"tool_reference","tool_name":"Deferred"}]""");

        Assert.Null(MinimalRequest.ErrorWith($$$"""{"tools":[{{{F}}},{{{Deferred}}}],"messages":{{{messages}}}}"""));
    }

    [Theory]
    [InlineData("""[{"type":"tool_reference"}]""", "messages.2.content.0.content.0.tool_name: Field required.")]
    [InlineData("""[{"type":"text","text":"Found:"},{"type":"tool_reference","tool_name":"Deferred"},{"type":"tool_reference","tool_name":"Other"}]""", "messages.2.content.0.content.2.tool_name: Tool Other is not among the request's tools; a tool_reference must name a tool declared in tools (with defer_loading).")]
    public void Refuses_a_tool_reference_to_a_tool_not_declared(string content, string error)
    {
        var messages = MinimalRequest.MessagesAnsweredWith(content);

        Assert.Equal(error, MinimalRequest.ErrorWith($$$"""{"tools":[{{{F}}},{{{Deferred}}}],"messages":{{{messages}}}}"""));
    }

    [Fact]
    public void Checks_tool_references_after_the_tools_and_before_tool_choice()
    {
        var messages = MinimalRequest.MessagesAnsweredWith("""[{"type":"tool_reference","tool_name":"Other"}]""");

        Assert.Equal("tools.0.input_schema: Field required; must be a JSON schema object.", MinimalRequest.ErrorWith($$$"""{"tools":[{"name":"f"}],"messages":{{{messages}}},"tool_choice":{}}"""));
        Assert.StartsWith("messages.2.content.0.content.0.tool_name: Tool Other", MinimalRequest.ErrorWith($$$"""{"tools":[{{{F}}}],"messages":{{{messages}}},"tool_choice":{}}"""));
    }
}
