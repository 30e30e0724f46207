namespace Translator.Tests.Anthropic;

/// <summary>The messages list: each message's role and content, and every tool_use answered by a tool_result in the next turn.</summary>
public sealed class MessageSequenceValidatorTests
{
    private const string User = """{"role":"user","content":"a"}""";
    private const string UsesT1 = """{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]}""";
    private const string UsesT1T2 = """{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}},{"type":"tool_use","id":"t2","name":"f","input":{}}]}""";
    private const string AnswersT1 = """{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}""";
    private const string AnswersT2 = """{"role":"user","content":[{"type":"tool_result","tool_use_id":"t2","content":"ok"}]}""";
    private const string SystemEntry = """{"role":"system","content":"The user changed a file."}""";
    private const string Missing = "`tool_use` ids were found without `tool_result` blocks immediately after: ";
    private const string EmptyContent = "all messages must have non-empty content except for the optional final assistant message";
    private const string MissingEnd = ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.";

    [Theory]
    [InlineData("[" + User + "]")]
    [InlineData("[" + User + """,{"role":"assistant","content":""}]""")]
    [InlineData("[" + User + """,{"role":"assistant","content":[]}]""")]
    [InlineData("[" + User + """,{"role":"system","content":""}]""")]
    [InlineData("[" + User + """,{"role":"assistant","content":"b"},""" + User + "]")]
    [InlineData("[" + User + """,{"role":"assistant","content":"Prefilled"}]""")]
    [InlineData("[" + User + "," + User + """,{"role":"assistant","content":"b"},{"role":"assistant","content":"c"}]""")]
    [InlineData("[" + User + "," + UsesT1 + "," + AnswersT1 + "]")]
    [InlineData("[" + User + "," + UsesT1 + "," + SystemEntry + "," + AnswersT1 + "]")]
    [InlineData("[" + User + "," + UsesT1T2 + """,{"role":"user","content":[{"type":"tool_result","tool_use_id":"t2"},{"type":"tool_result","tool_use_id":"t1"},{"type":"text","text":"go on"}]}]""")]
    [InlineData("[" + User + "," + UsesT1 + "," + AnswersT1 + """,{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},""" + AnswersT1 + "]")]
    [InlineData("[" + SystemEntry + "," + User + "]")]
    [InlineData("""[{"role":"system","content":[{"type":"text","text":"Note."}]},""" + User + "]")]
    public void Accepts_a_well_formed_conversation(string messages)
    {
        Assert.Null(MinimalRequest.ErrorWithMessages(messages));
    }

    [Theory]
    [InlineData("null", "messages: Field required.")]
    [InlineData("[]", "messages: At least one message is required.")]
    [InlineData("[null]", "messages.0: Must be an object.")]
    [InlineData("[" + User + ",null]", "messages.1: Must be an object.")]
    [InlineData("""[{"role":"user"}]""", "messages.0.content: Field required.")]
    [InlineData("""[{"role":"user","content":null}]""", "messages.0.content: Field required.")]
    [InlineData("""[{"role":"user","content":{"type":"text","text":"a"}}]""", "messages.0.content: Must be a string or an array of content blocks.")]
    [InlineData("""[{"content":"a"}]""", "messages.0.role: Field required.")]
    [InlineData("""[{"role":"robot","content":"a"}]""", "messages.0.role: Unknown role 'robot'; expected 'user', 'assistant' or 'system'.")]
    [InlineData("""[{"role":"robot"}]""", "messages.0.content: Field required.")]
    [InlineData("""[{"role":"system","content":[{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]""", "messages.0.content.0.type: System messages may only hold text blocks.")]
    [InlineData("""[{"role":"system","content":[null]}]""", "messages.0.content.0.type: System messages may only hold text blocks.")]
    [InlineData("""[{"role":"system","content":[{"type":"text","text":"a"},{"type":"text"}]}]""", "messages.0.content.1.text: Field required.")]
    [InlineData("""[{"role":"system","content":{"type":"text","text":"a"}}]""", "messages.0.content: Must be a string or an array of content blocks.")]
    public void Refuses_a_bad_message_by_its_path(string messages, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWithMessages(messages));
    }

    [Theory]
    [InlineData("""[{"role":"user","content":""}]""", "messages.0")]
    [InlineData("""[{"role":"user","content":[]}]""", "messages.0")]
    [InlineData("""[{"role":"user","content":""},{"role":"assistant","content":""}]""", "messages.0")]
    [InlineData("[" + User + """,{"role":"assistant","content":""},""" + User + "]", "messages.1")]
    [InlineData("[" + User + """,{"role":"assistant","content":[]},""" + User + "]", "messages.1")]
    [InlineData("[" + User + """,{"role":"assistant","content":"b"},{"role":"user","content":""}]""", "messages.2")]
    [InlineData("[" + User + """,{"role":"assistant","content":""},{"role":"system","content":"Note."}]""", "messages.1")]
    public void Refuses_empty_content_except_in_the_final_assistant_message(string messages, string path)
    {
        Assert.Equal(path + ": " + EmptyContent, MinimalRequest.ErrorWithMessages(messages));
    }

    [Theory]
    [InlineData("[" + User + "," + UsesT1 + "," + User + "]", "messages.2: " + Missing + "t1" + MissingEnd)]
    [InlineData("[" + User + "," + UsesT1T2 + "," + User + "]", "messages.2: " + Missing + "t1, t2" + MissingEnd)]
    [InlineData("[" + User + "," + UsesT1 + "," + User + "," + AnswersT1 + "]", "messages.2: " + Missing + "t1" + MissingEnd)]
    [InlineData("[" + User + "," + UsesT1T2 + "," + AnswersT2 + "]", "messages.2: " + Missing + "t1" + MissingEnd)]
    [InlineData("[" + User + "," + UsesT1 + """,{"role":"assistant","content":"b"}]""", "messages.2: " + Missing + "t1" + MissingEnd)]
    [InlineData("[" + User + "," + UsesT1 + "]", "messages.1: " + Missing + "t1" + MissingEnd)]
    [InlineData("[" + User + "," + UsesT1 + "," + AnswersT1 + """,{"role":"assistant","content":[{"type":"text","text":"More."},{"type":"tool_use","id":"t2","name":"f","input":{}}]}]""", "messages.3: " + Missing + "t2" + MissingEnd)]
    [InlineData("[" + User + "," + UsesT1 + "," + SystemEntry + "," + User + "]", "messages.2: " + Missing + "t1" + MissingEnd)]
    [InlineData("[" + AnswersT1 + "]", "messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: t1. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.")]
    [InlineData("[" + User + "," + UsesT1 + "," + AnswersT2 + "]", "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: t2. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.")]
    [InlineData("[" + User + "," + UsesT1 + "," + AnswersT1 + "," + AnswersT1 + "]", "messages.3.content.0: unexpected `tool_use_id` found in `tool_result` blocks: t1. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.")]
    [InlineData("[" + User + "," + UsesT1 + """,{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1"},{"type":"tool_result","tool_use_id":"t1"}]}]""", "messages.2.content.1: Duplicate `tool_result` for tool_use_id t1.")]
    [InlineData("[" + User + "," + UsesT1 + """,{"role":"user","content":[{"type":"tool_result"}]}]""", "messages.2.content.0.tool_use_id: Field required.")]
    [InlineData("[" + User + "," + UsesT1 + """,{"role":"user","content":[{"type":"tool_result","tool_use_id":""}]}]""", "messages.2.content.0.tool_use_id: Field required.")]
    [InlineData("[" + User + """,{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}},{"type":"tool_use","id":"t1","name":"g","input":{}}]}]""", "messages.1.content.1.id: Duplicate tool_use id t1.")]
    public void Pairs_every_tool_use_with_a_tool_result_in_the_next_turn(string messages, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWithMessages(messages));
    }

    [Theory]
    [InlineData("[" + User + "," + UsesT1 + """,{"role":"user","content":{"type":"text","text":"a"}}]""", "messages.2.content: Must be a string or an array of content blocks.")]
    [InlineData("[" + User + "," + UsesT1 + """,{"role":"assistant"}]""", "messages.2.content: Field required.")]
    [InlineData("[" + User + "," + UsesT1 + """,{"role":"user","content":[{"type":"text"}]}]""", "messages.2.content.0.text: Field required.")]
    [InlineData("[" + User + "," + UsesT1 + """,{"role":"user","content":[{"type":"tool_result","tool_use_id":"t9"},{"type":"video"}]}]""", "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: t9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.")]
    [InlineData("[" + User + "," + UsesT1 + """,{"role":"assistant","content":[{"type":"video"}]}]""", "messages.2: " + Missing + "t1" + MissingEnd)]
    public void Checks_a_message_in_order_content_then_its_blocks_then_the_pairing(string messages, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWithMessages(messages));
    }
}
