namespace Translator.Api.Tokens;

/// <summary>
/// What images and PDFs cost the model: images by OpenAI's published high-detail formula, PDFs
/// estimated per page.
/// </summary>
internal static class MediaTokens
{
    /// <summary>An image whose size cannot be read (a URL, say) counts as 1024×1024.</summary>
    public static int UnknownImage => ImageTokens(1024, 1024);

    /// <summary>A PDF page: one page image (as 1024×1024) and about 500 tokens of text.</summary>
    public const int PdfPage = 765 + 500;

    /// <summary>OpenAI's high-detail image cost: fit in 2048², shortest side to 768, 170 per 512² tile plus 85.</summary>
    public static int ImageTokens(int width, int height)
    {
        double w = width, h = height;
        if (w > 2048 || h > 2048)
        {
            var fit = 2048 / Math.Max(w, h);
            (w, h) = (w * fit, h * fit);
        }

        if (Math.Min(w, h) > 768)
        {
            var shrink = 768 / Math.Min(w, h);
            (w, h) = (w * shrink, h * shrink);
        }

        return 85 + (170 * (int)(Math.Ceiling(w / 512) * Math.Ceiling(h / 512)));
    }

    /// <summary>A base64 image by the size its header gives.</summary>
    public static int Image(string base64)
    {
        // Only the header is needed: the first 64 KiB of the data cover every format's size field.
        const int HeaderChars = 64 * 1024 / 3 * 4;
        var data = base64.AsSpan(0, Math.Min(base64.Length, HeaderChars) / 4 * 4);
        var bytes = new byte[data.Length / 4 * 3];
        return Convert.TryFromBase64Chars(data, bytes, out var written) && ImageSize.TryRead(bytes.AsSpan(0, written), out var width, out var height)
            ? ImageTokens(width, height)
            : UnknownImage;
    }

    /// <summary>A base64 PDF by its pages, at least one.</summary>
    public static long Pdf(string base64) => Math.Max(1, CountPages(Convert.FromBase64String(base64))) * (long)PdfPage;

    /// <summary>Page objects (<c>/Type /Page</c>, not <c>/Pages</c>) in the PDF's bytes.</summary>
    private static int CountPages(ReadOnlySpan<byte> pdf)
    {
        var pages = 0;
        var marker = "/Type"u8;
        for (var at = pdf.IndexOf(marker); at >= 0; at = NextIndex(pdf, marker, at))
        {
            var rest = pdf[(at + marker.Length)..].TrimStart(" \r\n\t"u8);
            if (rest.StartsWith("/Page"u8) && !rest[5..].StartsWith("s"u8))
            {
                pages++;
            }
        }

        return pages;
    }

    private static int NextIndex(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle, int after)
    {
        var next = haystack[(after + 1)..].IndexOf(needle);
        return next < 0 ? -1 : after + 1 + next;
    }
}
