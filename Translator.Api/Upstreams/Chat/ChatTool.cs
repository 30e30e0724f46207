namespace Translator.Api.Upstreams.Chat;

internal sealed record ChatTool(ChatFunctionDefinition Function)
{
    public string Type => "function";
}
