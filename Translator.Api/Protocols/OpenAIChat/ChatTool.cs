namespace Translator.Api.Protocols.OpenAIChat;

internal sealed record ChatTool(ChatFunctionDefinition Function)
{
    public string Type => "function";
}
