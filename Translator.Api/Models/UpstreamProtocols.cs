namespace Translator.Api.Models;

/// <summary>The configuration names of <see cref="UpstreamProtocol"/>.</summary>
internal static class UpstreamProtocols
{
    public static bool TryParse(string? name, out UpstreamProtocol protocol)
    {
        (var known, protocol) = name?.ToLowerInvariant() switch
        {
            "chat" => (true, UpstreamProtocol.Chat),
            "responses" => (true, UpstreamProtocol.Responses),
            _ => (false, UpstreamProtocol.Chat),
        };
        return known;
    }

    public static string Name(UpstreamProtocol protocol) => protocol == UpstreamProtocol.Responses ? "responses" : "chat";
}
