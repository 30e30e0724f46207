namespace Translator.Api.Protocols.Anthropic;

internal sealed record ErrorDetail(string Type, string Message);
