namespace Translator.Api.Upstreams.Chat;

/// <summary>An inline file (a PDF document) as a <c>data:</c> URL.</summary>
internal sealed record ChatFile(string Filename, string FileData);
