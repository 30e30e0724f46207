namespace Translator.Api.Upstreams.Chat;

internal sealed record ChatStreamOptions(bool IncludeUsage);
