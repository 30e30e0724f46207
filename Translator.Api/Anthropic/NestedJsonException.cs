using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// A failure inside a value a converter read with a serializer call of its own (content blocks,
/// a block's source): that call knows only the path from the value (<c>$[0].source</c>), so the path
/// is kept here while the outer serializer sets <see cref="JsonException.Path"/> to where the value
/// stands; <see cref="FullPath"/> joins the two, and the client reads the whole path.
/// </summary>
internal sealed class NestedJsonException(string message, string? innerPath, Exception? innerException) : JsonException(message, innerException)
{
    /// <summary>The path from the value the converter read, starting with <c>$</c>.</summary>
    public string? InnerPath { get; } = innerPath;

    /// <summary>The path from the outermost value, as <see cref="JsonException.Path"/> would be without the converter.</summary>
    public string? FullPath => Join(Path, InnerPath);

    /// <summary>Reads with <paramref name="read"/>, rethrowing a failure with the path from the value read.</summary>
    public static T Wrap<T>(ref Utf8JsonReader reader, ReadValue<T> read)
    {
        try
        {
            return read(ref reader);
        }
        catch (JsonException e)
        {
            throw new NestedJsonException(e.Message, e is NestedJsonException nested ? nested.FullPath : e.Path, e.InnerException);
        }
    }

    private static string? Join(string? outer, string? inner) =>
        outer is null ? inner : inner is null ? outer : string.Concat(outer, inner.AsSpan(inner.StartsWith('$') ? 1 : 0));

    /// <summary>A read of one value from the reader.</summary>
    public delegate T ReadValue<out T>(ref Utf8JsonReader reader);
}
