using System.Text.Json;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>The JSON text of a function call's arguments as an Anthropic tool_use <c>input</c>.</summary>
internal static class ToolArguments
{
    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    /// <summary>False when the text is not a JSON object; a call with no arguments is <c>{}</c>, as Anthropic sends it.</summary>
    public static bool TryParse(string? arguments, out JsonElement input)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            input = EmptyObject;
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(arguments);
            input = document.RootElement.Clone();
            return input.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            input = default;
            return false;
        }
    }

    /// <summary>
    /// The error that ends a stream in place of the <c>content_block_stop</c> of a call whose
    /// arguments are not a JSON object: a client parses the input when the block closes. A Chat
    /// call's name may come after its first arguments.
    /// </summary>
    public static ApiError NotAnObjectInStream(string? toolName) =>
        ApiError.BadGateway($"The model's call of tool {toolName ?? "(not yet named)"} had arguments that are not a JSON object; the stream was ended.");
}
