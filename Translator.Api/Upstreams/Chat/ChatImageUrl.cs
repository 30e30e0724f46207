namespace Translator.Api.Upstreams.Chat;

/// <summary>An image as an http(s) URL or a <c>data:</c> URL.</summary>
internal sealed record ChatImageUrl(string Url);
