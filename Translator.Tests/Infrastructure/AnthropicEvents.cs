using System.Text;
using System.Text.Json;

namespace Translator.Tests.Infrastructure;

/// <summary>One Anthropic SSE event as a client reads it.</summary>
public sealed record AnthropicEvent(string Name, JsonElement Data)
{
    public int Index => Data.GetProperty("index").GetInt32();

    public string? DeltaType => Data.TryGetProperty("delta", out var d) && d.TryGetProperty("type", out var t) ? t.GetString() : null;

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The compact line of a delta event, for expectations.</summary>
    public static string Delta(int index, string deltaType, string value) => $"content_block_delta {index} {deltaType} {JsonSerializer.Serialize(value, Readable)}";

    /// <summary>A compact line for golden comparisons: <c>content_block_delta 0 text_delta "Hel"</c>.</summary>
    public override string ToString() => Name switch
    {
        "content_block_start" => $"content_block_start {Index} {Data.GetProperty("content_block").GetProperty("type").GetString()}",
        "content_block_delta" => $"content_block_delta {Index} {DeltaType} {DeltaValue()}",
        "content_block_stop" => $"content_block_stop {Index}",
        "message_delta" => $"message_delta {Data.GetProperty("delta").GetProperty("stop_reason").GetString()}",
        "error" => $"error {Data.GetProperty("error").GetProperty("type").GetString()}",
        _ => Name,
    };

    private string DeltaValue()
    {
        var delta = Data.GetProperty("delta");
        return DeltaType switch
        {
            "text_delta" => JsonSerializer.Serialize(delta.GetProperty("text").GetString(), Readable),
            "thinking_delta" => JsonSerializer.Serialize(delta.GetProperty("thinking").GetString(), Readable),
            "signature_delta" => JsonSerializer.Serialize(delta.GetProperty("signature").GetString(), Readable),
            "input_json_delta" => JsonSerializer.Serialize(delta.GetProperty("partial_json").GetString(), Readable),
            _ => delta.GetRawText(),
        };
    }
}

/// <summary>Reads Anthropic SSE text and checks it against the stream grammar the real API follows.</summary>
public static class AnthropicEvents
{
    public static List<AnthropicEvent> Parse(string sse)
    {
        var events = new List<AnthropicEvent>();
        foreach (var block in sse.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }

            Assert.NotNull(name);
            events.Add(new AnthropicEvent(name, JsonDocument.Parse(data.ToString()).RootElement.Clone()));
        }

        return events;
    }

    /// <summary>
    /// message_start first; blocks with contiguous indexes, each started, given deltas of its own
    /// kind and stopped before the next starts; then message_delta and message_stop — or an error
    /// event that ends the stream. Every data object's type equals its event name.
    /// </summary>
    public static void AssertGrammar(IReadOnlyList<AnthropicEvent> events)
    {
        Assert.NotEmpty(events);
        Assert.Equal("message_start", events[0].Name);
        var nextIndex = 0;
        string? openType = null;
        var ended = false;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            Assert.Equal(e.Name, e.Data.GetProperty("type").GetString());
            Assert.False(ended, $"event {i} ({e}) follows the end of the stream");
            switch (e.Name)
            {
                case "message_start":
                    Assert.Equal(0, i);
                    var message = e.Data.GetProperty("message");
                    Assert.Empty(message.GetProperty("content").EnumerateArray());
                    Assert.Equal(JsonValueKind.Null, message.GetProperty("stop_reason").ValueKind);
                    break;
                case "ping":
                    break;
                case "content_block_start":
                    Assert.Null(openType);
                    Assert.Equal(nextIndex++, e.Index);
                    openType = e.Data.GetProperty("content_block").GetProperty("type").GetString();
                    break;
                case "content_block_delta":
                    Assert.NotNull(openType);
                    Assert.Equal(nextIndex - 1, e.Index);
                    var allowed = openType switch
                    {
                        "text" => new[] { "text_delta", "citations_delta" },
                        "thinking" => ["thinking_delta", "signature_delta"],
                        "tool_use" or "server_tool_use" => ["input_json_delta"],
                        _ => [],
                    };
                    Assert.Contains(e.DeltaType, allowed);
                    break;
                case "content_block_stop":
                    Assert.NotNull(openType);
                    Assert.Equal(nextIndex - 1, e.Index);
                    openType = null;
                    break;
                case "message_delta":
                    Assert.Null(openType);
                    Assert.Equal("message_stop", events[i + 1].Name);
                    break;
                case "message_stop":
                case "error":
                    ended = true;
                    break;
                default:
                    Assert.Fail($"unknown event {e.Name}");
                    break;
            }
        }

        Assert.True(ended, "the stream ended without message_stop or error");
    }

    /// <summary>The events without pings, as compact lines.</summary>
    public static List<string> Lines(IEnumerable<AnthropicEvent> events) => events.Where(e => e.Name != "ping").Select(e => e.ToString()).ToList();
}
