using System.Security.Cryptography;
using System.Text;

namespace Translator.Api.Upstreams;

/// <summary>
/// <c>metadata.user_id</c> as an OpenAI <c>user</c>, which may hold at most 64 characters.
/// Claude Code sends a JSON object as a string, well over that: a longer id becomes its SHA-256,
/// stable across requests, so per-user caching and abuse tracking still work.
/// </summary>
internal static class UserIdentifier
{
    private const int MaxLength = 64;

    public static string? From(string? userId)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }

        if (userId.Length <= MaxLength)
        {
            return userId;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
    }
}
