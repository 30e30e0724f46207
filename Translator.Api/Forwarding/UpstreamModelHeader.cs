namespace Translator.Api.Forwarding;

/// <summary>The <c>x-upstream-model</c> response header: which upstream model answered.</summary>
internal static class UpstreamModelHeader
{
    public const string Name = "x-upstream-model";

    /// <summary>Sets the header when the name is plain printable ASCII; a header is never built from anything else.</summary>
    public static void Set(HttpResponse response, string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return;
        }

        foreach (var c in model)
        {
            if (c is < ' ' or > '~')
            {
                return;
            }
        }

        response.Headers[Name] = model;
    }
}
