namespace Translator.Api.Anthropic;

/// <summary>The character rules Anthropic applies to tool ids and tool names.</summary>
internal static class ToolIdentifiers
{
    /// <summary><c>^[a-zA-Z0-9_-]+$</c></summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>^[a-zA-Z0-9_-]{1,128}$</c></summary>
    public static bool IsValidName(string name) => name.Length <= 128 && IsValid(name);
}
