namespace Translator.Tests.Anthropic;

/// <summary>Which content blocks a user, an assistant and a tool result may hold, and what each needs; the system prompt.</summary>
public sealed class ContentBlockValidatorTests
{
    private const string UnknownTypeEnd = "; expected 'text', 'image', 'document', 'search_result', 'tool_use', 'tool_result', 'thinking' or 'redacted_thinking'.";

    [Theory]
    [InlineData("""{"system":"You are helpful."}""")]
    [InlineData("""{"system":[]}""")]
    [InlineData("""{"system":[{"type":"text","text":"You are helpful."},{"type":"text","text":"","cache_control":{"type":"ephemeral"}}]}""")]
    public void Accepts_a_system_prompt_of_text(string fields)
    {
        Assert.Null(MinimalRequest.ErrorWith(fields));
    }

    [Theory]
    [InlineData("""{"system":{"type":"text","text":"a"}}""", "system: Must be a string or an array of content blocks.")]
    [InlineData("""{"system":[{"type":"image"}]}""", "system.0: System blocks must be text blocks with a 'text' field.")]
    [InlineData("""{"system":[{"type":"text","text":"a"},{"type":"text"}]}""", "system.1: System blocks must be text blocks with a 'text' field.")]
    [InlineData("""{"system":[null]}""", "system.0: System blocks must be text blocks with a 'text' field.")]
    public void Refuses_a_system_prompt_that_is_not_text(string fields, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWith(fields));
    }

    [Theory]
    [InlineData("""[{"type":"text","text":"a"},{"type":"text","text":"b","cache_control":{"type":"ephemeral"}}]""")]
    [InlineData("""[{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}},{"type":"document","source":{"type":"text","media_type":"text/plain","data":"notes"}}]""")]
    public void Accepts_the_blocks_a_user_sends(string content)
    {
        Assert.Null(MinimalRequest.ErrorWithMessages($$$"""[{"role":"user","content":{{{content}}}}]"""));
    }

    [Theory]
    [InlineData("""[null]""", "messages.0.content.0: Must be an object.")]
    [InlineData("""[{"type":"text","text":"a"},{"type":"text"}]""", "messages.0.content.1.text: Field required.")]
    [InlineData("""[{"text":"a"}]""", "messages.0.content.0.type: Field required.")]
    [InlineData("""[{"type":"video"}]""", "messages.0.content.0.type: Unknown content block type 'video'" + UnknownTypeEnd)]
    [InlineData("""[{"type":"tool_use","id":"t","name":"f","input":{}}]""", "messages.0.content.0.type: 'tool_use' blocks may only appear in assistant messages.")]
    [InlineData("""[{"type":"thinking","thinking":"hm","signature":"s"}]""", "messages.0.content.0.type: 'thinking' blocks may only appear in assistant messages.")]
    [InlineData("""[{"type":"redacted_thinking","data":"x"}]""", "messages.0.content.0.type: 'redacted_thinking' blocks may only appear in assistant messages.")]
    [InlineData("""[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}]""", "messages.0.content.0.type: Unknown content block type 'server_tool_use'" + UnknownTypeEnd)]
    [InlineData("""[{"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]}]""", "messages.0.content.0.type: Unknown content block type 'web_search_tool_result'" + UnknownTypeEnd)]
    public void Refuses_a_bad_user_block_by_its_path(string content, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWithMessages($$$"""[{"role":"user","content":{{{content}}}}]"""));
    }

    [Theory]
    [InlineData("user", """[{"type":"text","text":"a"},{"type":"text","text":""}]""")]
    [InlineData("user", """[{"type":"text","text":""}]""")]
    [InlineData("assistant", """[{"type":"text","text":""},{"type":"tool_use","id":"t1","name":"f","input":{}}]""")]
    public void Refuses_an_empty_text_block_naming_only_the_messages(string role, string content)
    {
        var messages = $$$"""[{"role":"user","content":"a"},{"role":"{{{role}}}","content":{{{content}}}}]""";

        Assert.Equal("messages: text content blocks must be non-empty", MinimalRequest.ErrorWithMessages(messages));
    }

    [Theory]
    [InlineData("user", "\" \"")]
    [InlineData("user", """[{"type":"text","text":" "}]""")]
    [InlineData("user", """[{"type":"text","text":"\n"},{"type":"text","text":"\t "}]""")]
    [InlineData("assistant", """[{"type":"text","text":"\n"}]""")]
    public void Refuses_a_message_that_is_only_whitespace_naming_only_the_messages(string role, string content)
    {
        var messages = $$$"""[{"role":"user","content":"a"},{"role":"{{{role}}}","content":{{{content}}}},{"role":"user","content":"b"}]""";

        Assert.Equal("messages: text content blocks must contain non-whitespace text", MinimalRequest.ErrorWithMessages(messages));
    }

    [Fact]
    public void Accepts_whitespace_beside_text()
    {
        Assert.Null(MinimalRequest.ErrorWithMessages("""[{"role":"user","content":[{"type":"text","text":" "},{"type":"text","text":"real"}]}]"""));
    }

    [Fact]
    public void Refuses_an_empty_text_block_in_the_final_assistant_message_too()
    {
        var messages = """[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"text","text":""}]}]""";

        Assert.Equal("messages: text content blocks must be non-empty", MinimalRequest.ErrorWithMessages(messages));
    }

    [Fact]
    public void Refuses_cache_control_on_an_empty_text_block_by_its_path()
    {
        var messages = """[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"","cache_control":{"type":"ephemeral"}}]}]""";

        Assert.Equal("messages.0.content.1.text: cache_control cannot be set for empty text blocks", MinimalRequest.ErrorWithMessages(messages));
    }

    [Theory]
    [InlineData("""[{"type":"text","text":"a"}]""")]
    [InlineData("""[{"type":"thinking","thinking":"","signature":"s"},{"type":"redacted_thinking","data":""},{"type":"text","text":"a"}]""")]
    [InlineData("""[{"type":"tool_use","id":"toolu_01-A_b","name":"any name at all","input":{"a":1}}]""")]
    public void Accepts_the_blocks_an_assistant_sends(string content)
    {
        // A tool use is answered in the next turn, as every conversation must answer it.
        var answer = content.Contains("tool_use", StringComparison.Ordinal) ? """,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01-A_b","content":"ok"}]}""" : "";
        Assert.Null(MinimalRequest.ErrorWithMessages($$$"""[{"role":"user","content":"a"},{"role":"assistant","content":{{{content}}}}{{{answer}}}]"""));
    }

    [Theory]
    [InlineData("""[null]""", "messages.1.content.0: Must be an object.")]
    [InlineData("""[{"type":"text"}]""", "messages.1.content.0.text: Field required.")]
    [InlineData("""[{"type":"tool_use","name":"f","input":{}}]""", "messages.1.content.0.id: Field required; must match ^[a-zA-Z0-9_-]+$.")]
    [InlineData("""[{"type":"tool_use","id":"bad id","name":"f","input":{}}]""", "messages.1.content.0.id: Field required; must match ^[a-zA-Z0-9_-]+$.")]
    [InlineData("""[{"type":"tool_use","id":"t1","input":{}}]""", "messages.1.content.0.name: Field required.")]
    [InlineData("""[{"type":"tool_use","id":"t1","name":"f"}]""", "messages.1.content.0.input: Field required; must be an object.")]
    [InlineData("""[{"type":"tool_use","id":"t1","name":"f","input":[1]}]""", "messages.1.content.0.input: Field required; must be an object.")]
    [InlineData("""[{"type":"tool_use","id":"bad id"}]""", "messages.1.content.0.id: Field required; must match ^[a-zA-Z0-9_-]+$.")]
    [InlineData("""[{"type":"tool_use","id":"t1","input":"x"}]""", "messages.1.content.0.name: Field required.")]
    [InlineData("""[{"type":"thinking","signature":"s"}]""", "messages.1.content.0.thinking: Field required.")]
    [InlineData("""[{"type":"redacted_thinking"}]""", "messages.1.content.0.data: Field required.")]
    [InlineData("""[{"type":"tool_result","tool_use_id":"t1"}]""", "messages.1.content.0.type: 'tool_result' blocks may only appear in user messages.")]
    [InlineData("""[{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]""", "messages.1.content.0.type: 'image' blocks may only appear in user messages.")]
    [InlineData("""[{"type":"document","source":{"type":"text","data":"a"}}]""", "messages.1.content.0.type: 'document' blocks may only appear in user messages.")]
    [InlineData("""[{"type":"video"}]""", "messages.1.content.0.type: Unknown content block type 'video'" + UnknownTypeEnd)]
    [InlineData("""[{"type":null}]""", "messages.1.content.0.type: Field required.")]
    public void Refuses_a_bad_assistant_block_by_its_path(string content, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWithMessages($$$"""[{"role":"user","content":"a"},{"role":"assistant","content":{{{content}}}}]"""));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"ok\"")]
    [InlineData("[]")]
    [InlineData("\"\"")]
    [InlineData("""[{"type":"text","text":""}]""")]
    [InlineData("""[{"type":"text","text":"ok"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0x"}}]""")]
    public void Accepts_a_tool_result_of_text_images_and_documents(string content)
    {
        Assert.Null(MinimalRequest.ErrorWithMessages(MinimalRequest.MessagesAnsweredWith(content)));
    }

    [Theory]
    [InlineData("""{"type":"text","text":"ok"}""", "messages.2.content.0.content: Must be a string or an array of content blocks.")]
    [InlineData("""[null]""", "messages.2.content.0.content.0: Must be an object.")]
    [InlineData("""[{"type":"text","text":"a"},{"type":"text"}]""", "messages.2.content.0.content.1.text: Field required.")]
    [InlineData("""[{"type":"tool_use","id":"t2","name":"f","input":{}}]""", "messages.2.content.0.content.0.type: Tool results may hold 'text', 'image', 'document', 'search_result' and 'tool_reference' blocks, not 'tool_use'.")]
    [InlineData("""[{"text":"a"}]""", "messages.2.content.0.content.0.type: Tool results may hold 'text', 'image', 'document', 'search_result' and 'tool_reference' blocks, not null.")]
    public void Refuses_a_bad_tool_result_block_by_its_path(string content, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWithMessages(MinimalRequest.MessagesAnsweredWith(content)));
    }

    [Fact]
    public void Quotes_at_most_64_characters_of_an_unknown_block_type()
    {
        var error = MinimalRequest.ErrorWithMessages($$"""[{"role":"user","content":[{"type":"{{new string('v', 100)}}"}]}]""");

        Assert.Equal($"messages.0.content.0.type: Unknown content block type '{new string('v', 64)}…'" + UnknownTypeEnd, error);
    }
}
