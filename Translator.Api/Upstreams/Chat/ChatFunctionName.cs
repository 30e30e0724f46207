namespace Translator.Api.Upstreams.Chat;

/// <summary>The function of a <see cref="ChatNamedToolChoice"/>.</summary>
internal sealed record ChatFunctionName(string Name);
