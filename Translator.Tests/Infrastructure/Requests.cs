using System.Text.Json;
using Anthropic.Models.Messages;

namespace Translator.Tests.Infrastructure;

/// <summary>Anthropic request bodies for the SDK, written as the JSON a client sends.</summary>
public static class Requests
{
    /// <summary>SDK parameters carrying exactly this JSON body.</summary>
    public static MessageCreateParams Params(string json) => Params(JsonDocument.Parse(json).RootElement);

    public static MessageCreateParams Params(JsonElement body)
    {
        var fields = body.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        return MessageCreateParams.FromRawUnchecked(new Dictionary<string, JsonElement>(), new Dictionary<string, JsonElement>(), fields);
    }

    /// <summary>SDK count_tokens parameters for a messages body, without the fields count_tokens does not take.</summary>
    public static MessageCountTokensParams CountParams(string json)
    {
        var fields = JsonDocument.Parse(json).RootElement.EnumerateObject()
            .Where(p => p.Name is not ("max_tokens" or "stream"))
            .ToDictionary(p => p.Name, p => p.Value.Clone());
        return MessageCountTokensParams.FromRawUnchecked(new Dictionary<string, JsonElement>(), new Dictionary<string, JsonElement>(), fields);
    }

    /// <summary>A one-turn request with the given user text.</summary>
    public static string Simple(string text = "Hello", string model = "claude-sonnet-4-5", bool stream = false) =>
        $$"""{"model":"{{model}}","max_tokens":1024,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":{{JsonSerializer.Serialize(text)}}}]}""";
}
