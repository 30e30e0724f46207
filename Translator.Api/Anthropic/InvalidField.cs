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
    /// <summary>
    /// Set when Anthropic names the problem by the whole list alone (<c>messages: ...</c>), not by the
    /// path to what is wrong: the paths of the places inside are then not put in front.
    /// </summary>
    public bool NamedByList { get; private init; }

    /// <summary>The value the check was given is itself wrong.</summary>
    public static InvalidField Here(string message) => new("", message);

    /// <summary>Wrong somewhere inside a list that Anthropic names alone; the list's own check turns it into <see cref="Here"/>.</summary>
    public static InvalidField ByList(string message) => new("", message) { NamedByList = true };

    public InvalidField Within(string field) => NamedByList ? this : this with { Path = Path.Length == 0 ? field : $"{field}.{Path}" };

    public InvalidField Within(int index) => Within(index.ToString(CultureInfo.InvariantCulture));

    /// <summary>A client's value as an error message quotes it: cut short, since it may be anything.</summary>
    public static string Quote(string? value) => value is null ? "null" : $"'{Truncated(value)}'";

    private static string Truncated(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
