using System.Text;

namespace Translator.Api.Anthropic;

/// <summary>
/// Ends an answer at the client's <c>max_tokens</c> when the upstream was asked for more: OpenAI
/// refuses fewer than 16 output tokens, so a smaller limit (Claude Code's model probe sends 1) goes
/// upstream raised and the translator cuts what comes back, counting the answer's text and tool
/// input with the upstream's tokenizer. Fed in the answer's order, it passes what still fits.
/// </summary>
/// <param name="count">The tokens of a text.</param>
internal sealed class MaxTokensCut(long maxTokens, Func<string, int> count)
{
    private readonly StringBuilder _passed = new();

    /// <summary>The limit was reached: nothing more of the answer is passed.</summary>
    public bool Reached { get; private set; }

    public long MaxTokens => maxTokens;

    /// <summary>The part of <paramref name="text"/> that still fits (all of it, a prefix, or nothing).</summary>
    public string Take(string text)
    {
        if (Reached)
        {
            return string.Empty;
        }

        var before = _passed.Length;
        if (count(_passed.Append(text).ToString()) <= maxTokens)
        {
            return text;
        }

        Reached = true;
        _passed.Length = before;
        var fits = LongestFittingPrefix(text);
        return text[..fits];
    }

    /// <summary>A binary search on prefix length (a longer prefix never has fewer tokens); it never ends inside a surrogate pair.</summary>
    private int LongestFittingPrefix(string text)
    {
        var passed = _passed.ToString();
        int low = 0, high = text.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (count(string.Concat(passed, text.AsSpan(0, middle))) <= maxTokens)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low > 0 && char.IsHighSurrogate(text[low - 1]) ? low - 1 : low;
    }
}
