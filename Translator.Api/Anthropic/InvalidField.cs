using System.Globalization;

namespace Translator.Api.Anthropic;

/// <summary>
/// What a request validator found wrong: the field's path, relative to the value the check was
/// given, and why. Each caller puts in front the field or index under which it found that value, so
/// a path is only built for a request that is refused; <see cref="MessagesRequestValidator"/> turns
/// the whole path into the 400 (<c>messages.2.content.0.type: ...</c>).
/// </summary>
internal sealed record InvalidField(string Path, string Message)
{
    /// <summary>The value the check was given is itself wrong.</summary>
    public static InvalidField Here(string message) => new("", message);

    public InvalidField Within(string field) => this with { Path = Path.Length == 0 ? field : $"{field}.{Path}" };

    public InvalidField Within(int index) => Within(index.ToString(CultureInfo.InvariantCulture));

    /// <summary>A client's value as an error message quotes it: cut short, since it may be anything.</summary>
    public static string Quote(string? value) => value is null ? "null" : $"'{Truncated(value)}'";

    private static string Truncated(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
