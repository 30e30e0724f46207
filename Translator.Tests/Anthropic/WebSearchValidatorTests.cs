namespace Translator.Tests.Anthropic;

/// <summary>The web_search tool a request declares, and the searches an assistant turn carries back.</summary>
public sealed class WebSearchValidatorTests
{
    private const string ResultsRule = "Must be a web_search_result (with a url) or, alone, a web_search_tool_result_error (with an error_code).";
    private const string Search = """{"type":"server_tool_use","id":"srvtoolu_01","name":"web_search","input":{"query":"dotnet"}}""";
    private const string Found = """{"type":"web_search_result","url":"https://dot.net","title":".NET","encrypted_content":"abc"}""";

    [Theory]
    [InlineData("""{"type":"web_search_20250305","name":"web_search"}""")]
    [InlineData("""{"type":"web_search_20260209","name":"web_search","max_uses":1}""")]
    [InlineData("""{"type":"web_search_20260318","name":"web_search","allowed_domains":["dot.net","learn.microsoft.com"]}""")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","blocked_domains":["example.com"],"allowed_domains":[]}""")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","user_location":{"type":"approximate","city":"Oslo","country":"NO"}}""")]
    public void Accepts_a_web_search_tool(string tool)
    {
        Assert.Null(MinimalRequest.ErrorWith($$$"""{"tools":[{{{tool}}}],"tool_choice":{"type":"tool","name":"web_search"}}"""));
    }

    [Theory]
    [InlineData("""{"type":"web_search_20250305","name":"search"}""", "tools.0.name: Must be 'web_search'.")]
    [InlineData("""{"type":"web_search_20250305"}""", "tools.0.name: Must be 'web_search'.")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","max_uses":0}""", "tools.0.max_uses: Must be greater than or equal to 1.")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","allowed_domains":["a.com"],"blocked_domains":["b.com"]}""", "tools.0: Use either allowed_domains or blocked_domains, not both.")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","allowed_domains":["https://a.com"]}""", "tools.0.allowed_domains: Domains are names such as example.com, without a scheme.")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","blocked_domains":["b.com"," "]}""", "tools.0.blocked_domains: Domains are names such as example.com, without a scheme.")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","allowed_domains":[""],"blocked_domains":["https://b.com"]}""", "tools.0: Use either allowed_domains or blocked_domains, not both.")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","user_location":{"type":"exact"}}""", "tools.0.user_location.type: Must be 'approximate'.")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","max_uses":0,"user_location":{"type":"exact"}}""", "tools.0.max_uses: Must be greater than or equal to 1.")]
    public void Refuses_a_bad_web_search_tool_by_its_path(string tool, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWith($$"""{"tools":[{{tool}}]}"""));
    }

    [Theory]
    [InlineData("""[{"type":"web_search_20250305","name":"web_search"},{"type":"web_search_20260209","name":"web_search"}]""")]
    [InlineData("""[{"type":"web_search_20250305","name":"web_search"},{"name":"web_search","input_schema":{"type":"object"}}]""")]
    public void Names_the_second_web_search_tool_as_a_duplicate(string tools)
    {
        Assert.Equal("tools.1.name: Tool names must be unique; web_search appears twice.", MinimalRequest.ErrorWith($$$"""{"tools":{{{tools}}}}"""));
    }

    [Theory]
    [InlineData("[" + Search + ",{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_01\",\"content\":[" + Found + "," + Found + "]},{\"type\":\"text\",\"text\":\"Found it.\"}]")]
    [InlineData("[" + Search + ",{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_01\",\"content\":[]}]")]
    [InlineData("[" + Search + """,{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01","content":{"type":"web_search_tool_result_error","error_code":"max_uses_exceeded"}}]""")]
    [InlineData("[" + Search + ",{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_01\",\"content\":" + Found + "}]")]
    public void Accepts_an_earlier_search_carried_back(string content)
    {
        Assert.Null(MinimalRequest.ErrorWithMessages($$$"""[{"role":"user","content":"Search"},{"role":"assistant","content":{{{content}}}},{"role":"user","content":"Thanks"}]"""));
    }

    [Theory]
    [InlineData("""{"type":"server_tool_use","name":"web_search","input":{}}""", "messages.1.content.0.id: Field required; must match ^srvtoolu_[a-zA-Z0-9_]+$.")]
    [InlineData("""{"type":"server_tool_use","id":"toolu_01","name":"web_search","input":{}}""", "messages.1.content.0.id: Field required; must match ^srvtoolu_[a-zA-Z0-9_]+$.")]
    [InlineData("""{"type":"server_tool_use","id":"srvtoolu_a b","name":"web_search","input":{}}""", "messages.1.content.0.id: Field required; must match ^srvtoolu_[a-zA-Z0-9_]+$.")]
    [InlineData("""{"type":"server_tool_use","id":"srvtoolu_01","name":"code_execution","input":{}}""", "messages.1.content.0.name: The only server tool an OpenAI upstream runs is web_search.")]
    [InlineData("""{"type":"server_tool_use","id":"srvtoolu_01","name":"web_search"}""", "messages.1.content.0.input: Field required; must be an object.")]
    [InlineData("""{"type":"server_tool_use","id":"srvtoolu_01","name":"web_search","input":"dotnet"}""", "messages.1.content.0.input: Field required; must be an object.")]
    [InlineData("""{"type":"web_search_tool_result","content":[]}""", "messages.1.content.0.tool_use_id: Field required.")]
    [InlineData("""{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01"}""", "messages.1.content.0.content: Field required; must be a list of web_search_result blocks or a web_search_tool_result_error.")]
    [InlineData("""{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01","content":"results"}""", "messages.1.content.0.content: Field required; must be a list of web_search_result blocks or a web_search_tool_result_error.")]
    [InlineData("""{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01","content":[{"type":"web_search_result","url":"https://a"},{"type":"web_search_result"}]}""", "messages.1.content.0.content.1: " + ResultsRule)]
    [InlineData("""{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01","content":[null]}""", "messages.1.content.0.content.0: " + ResultsRule)]
    [InlineData("""{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01","content":[{"type":"web_search_tool_result_error","error_code":"unavailable"}]}""", "messages.1.content.0.content.0: " + ResultsRule)]
    [InlineData("""{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01","content":{"type":"web_search_tool_result_error"}}""", "messages.1.content.0.content: " + ResultsRule)]
    [InlineData("""{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01","content":{"type":"text","text":"a"}}""", "messages.1.content.0.content: " + ResultsRule)]
    public void Refuses_a_bad_search_block_by_its_path(string block, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWithMessages($$"""[{"role":"user","content":"Search"},{"role":"assistant","content":[{{block}}]}]"""));
    }
}
