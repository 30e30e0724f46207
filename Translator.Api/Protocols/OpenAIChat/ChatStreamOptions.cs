namespace Translator.Api.Protocols.OpenAIChat;

internal sealed record ChatStreamOptions(bool IncludeUsage);
