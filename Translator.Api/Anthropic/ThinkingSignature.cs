using System.IO.Hashing;
using System.Text;

namespace Translator.Api.Anthropic;

/// <summary>
/// The signature of a thinking block whose upstream gave no encrypted reasoning to carry (Chat
/// Completions never does): <c>ccx1t.</c> and a hash of the thinking's UTF-8 text. Anthropic signs
/// every thinking block and clients keep the signature (Claude Code shows omitted thinking by it);
/// this one carries nothing back upstream, so a block that returns with it is dropped like any
/// thinking the upstream cannot take.
/// </summary>
internal static class ThinkingSignature
{
    private const string Prefix = "ccx1t.";

    private static ReadOnlySpan<byte> Utf8Prefix => "ccx1t."u8;

    public static string ForText(string thinking) => ForHash(XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(thinking)));

    /// <summary>The signature's length in UTF-8 bytes: the prefix and 32 hex digits.</summary>
    public const int Length = 6 + 32;

    public static string ForHash(UInt128 hash) => Prefix + hash.ToString("x32", null);

    /// <summary>Writes the signature of <paramref name="hash"/> as UTF-8, without allocating (<see cref="Length"/> bytes).</summary>
    public static void Write(UInt128 hash, Span<byte> destination)
    {
        Utf8Prefix.CopyTo(destination);
        hash.TryFormat(destination[Utf8Prefix.Length..], out _, "x32", null);
    }
}
