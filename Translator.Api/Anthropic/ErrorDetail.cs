namespace Translator.Api.Anthropic;

internal sealed record ErrorDetail(string Type, string Message);
