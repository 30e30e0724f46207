using System.IO.Hashing;
using System.Text;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// A tool's name as OpenAI takes it (<c>^[a-zA-Z0-9_-]{1,64}$</c>): as it is when it fits, else
/// its start and end around a hash of the whole (Claude Code's MCP tools are named
/// <c>mcp__&lt;server&gt;__&lt;tool&gt;</c> and pass 64 characters). The same name always gives the
/// same short one, so every turn sends the same tools and the prompt cache holds; the request's
/// tools say which client name a short one stands for (<see cref="OutputPlan"/>).
/// </summary>
internal static class UpstreamToolName
{
    private const int MaxLength = 64;
    private const int Head = 20;
    private const int Tail = 26;

    public static string For(string name)
    {
        if (name.Length <= MaxLength && ToolIdentifiers.IsValid(name))
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(name)));
        var readable = new StringBuilder(MaxLength);
        foreach (var c in name.Length <= Head + Tail ? name : string.Concat(name.AsSpan(0, Head), "_", name.AsSpan(name.Length - Tail)))
        {
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return $"{readable}_{hash}";
    }
}
