using System.Buffers.Text;
using System.Text;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// Keeps tool call ids valid for Anthropic (<c>^[a-zA-Z0-9_-]+$</c>) without keeping state:
/// an upstream id that already fits is used as is; any other is encoded reversibly (base64url,
/// whose alphabet fits the rule), so the id the client sends back on the next turn decodes to
/// the upstream's own.
/// </summary>
internal static class ToolIdCodec
{
    private const string EncodedPrefix = "toolu_enc_";

    public static string ToAnthropic(string? upstreamId)
    {
        if (string.IsNullOrEmpty(upstreamId))
        {
            return Ids.NewToolUseId();
        }

        if (ToolIdentifiers.IsValid(upstreamId) && !upstreamId.StartsWith(EncodedPrefix, StringComparison.Ordinal))
        {
            return upstreamId;
        }

        return EncodedPrefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(upstreamId));
    }

    public static string ToUpstream(string anthropicId)
    {
        if (anthropicId.StartsWith(EncodedPrefix, StringComparison.Ordinal)
            && Base64Url.IsValid(anthropicId.AsSpan(EncodedPrefix.Length)))
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(anthropicId.AsSpan(EncodedPrefix.Length)));
        }

        return anthropicId;
    }
}
