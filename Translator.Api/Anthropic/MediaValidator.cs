namespace Translator.Api.Anthropic;

/// <summary>Image and document blocks: the sources an OpenAI upstream can read.</summary>
internal static class MediaValidator
{
    private static readonly string[] ImageMediaTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    /// <summary>An <c>image</c> or <c>document</c> block's first bad field, by its path from the block.</summary>
    public static InvalidField? Check(ContentBlock block)
    {
        if (block.Source is not { } source)
        {
            return new("source", "Field required.");
        }

        return (block.Type == "image" ? CheckImage(source) : CheckDocument(source))?.Within("source");
    }

    private static InvalidField? CheckImage(ContentSource source) => source.Type switch
    {
        "base64" when source.MediaType is null || !ImageMediaTypes.Contains(source.MediaType) =>
            new("media_type", $"Must be one of {string.Join(", ", ImageMediaTypes)}."),
        "base64" => RequireBase64(source.Data),
        "url" => Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : new("url", "Must be an absolute http or https URL."),
        _ => new("type", $"Unknown image source type {InvalidField.Quote(source.Type)}; expected 'base64' or 'url'."),
    };

    private static InvalidField? CheckDocument(ContentSource source) => source.Type switch
    {
        "base64" when source.MediaType != "application/pdf" => new("media_type", "Base64 documents must be 'application/pdf'."),
        "base64" => RequireBase64(source.Data),
        "text" => source.Data is null ? new("data", "Field required.") : null,
        _ => new("type", $"Document source {InvalidField.Quote(source.Type)} is not supported by an OpenAI upstream; send 'base64' (PDF) or 'text'."),
    };

    private static InvalidField? RequireBase64(string? data) =>
        string.IsNullOrEmpty(data) || !System.Buffers.Text.Base64.IsValid(data) ? new("data", "Must be non-empty, valid base64.") : null;
}
