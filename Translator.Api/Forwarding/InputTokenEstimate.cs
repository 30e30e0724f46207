namespace Translator.Api.Forwarding;

/// <summary>
/// The input-token figure of <c>message_start</c>, sent before the upstream has counted anything.
/// The authoritative count arrives in <c>message_delta</c>; this only has to be in the right range.
/// </summary>
internal static class InputTokenEstimate
{
    // JSON request bodies run at roughly four bytes per token.
    private const int BytesPerToken = 4;

    public static long FromBodyLength(long? bodyBytes) => bodyBytes is > 0 ? bodyBytes.Value / BytesPerToken : 0;
}
