using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// What both OpenAI protocols take from an Anthropic image or document block as input: the image's
/// URL (a data URL when the image is inline), a text document as text, a PDF as a named data URL.
/// Each protocol only wraps these in its own parts.
/// </summary>
internal static class InputMedia
{
    public static string ImageUrl(ContentBlock image) =>
        image.Source!.Type == "url" ? image.Source.Url! : $"data:{image.Source.MediaType};base64,{image.Source.Data}";

    /// <summary>A plain-text document as text, its title first; null for a PDF.</summary>
    public static string? DocumentText(ContentBlock document) =>
        document.Source!.Type != "text" ? null
            : document.Title is { } title ? $"{title}\n\n{document.Source.Data}" : document.Source.Data!;

    /// <summary>OpenAI wants a file name; the document's title is the nearest thing.</summary>
    public static string PdfFileName(ContentBlock document) => document.Title is { } name ? $"{name}.pdf" : "document.pdf";

    public static string PdfDataUrl(ContentBlock document) => $"data:application/pdf;base64,{document.Source!.Data}";
}
