using System.Text.Json;

namespace Translator.Api.Upstreams.Chat;

/// <summary>
/// Reads the data of each chat stream event into one reused <see cref="ChatCompletionChunk"/>
/// (null for <c>[DONE]</c>). The hot path of streaming, so it is a <see cref="Utf8JsonReader"/>
/// rather than the serializer: text is unescaped straight into the chunk's buffer. It is as strict
/// as the serializer about what it keeps (a wrong type is a <see cref="JsonException"/>) and, like
/// it, ignores fields it does not know. One parser per stream.
/// </summary>
internal sealed class ChatChunkParser : IStreamItemParser<ChatCompletionChunk>
{
    private readonly ChatCompletionChunk _chunk = new();

    /// <summary>Chat streams name no events: only the data counts.</summary>
    public ChatCompletionChunk? Parse(string eventType, ReadOnlySpan<byte> data) => Parse(data);

    public ChatCompletionChunk? Parse(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return null;
        }

        _chunk.Clear();

        // Some servers send empty data lines as keep-alives.
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return _chunk;
        }

        var reader = new Utf8JsonReader(data);
        reader.Read();
        if (reader.TokenType != JsonTokenType.Null)
        {
            ReadChunk(ref reader);
        }

        // Anything but whitespace after the value is malformed; the reader throws on it.
        reader.Read();
        return _chunk;
    }

    private void ReadChunk(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                if (_chunk.Model is null)
                {
                    _chunk.Model = ReadString(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                ReadChoices(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                _chunk.Usage = JsonSerializer.Deserialize(ref reader, OpenAIChatJsonContext.Default.ChatUsage);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                _chunk.Error = JsonSerializer.Deserialize(ref reader, OpenAIChatJsonContext.Default.ChatStreamError);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>Only the first choice is translated (the translator never asks for <c>n</c> &gt; 1).</summary>
    private void ReadChoices(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (first && reader.TokenType != JsonTokenType.Null)
            {
                ReadChoice(ref reader);
            }
            else
            {
                reader.Skip();
            }

            first = false;
        }
    }

    private void ReadChoice(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        _chunk.HasChoice = true;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                ReadDelta(ref reader);
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                _chunk.FinishReason = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadDelta(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                _chunk.ContentRange = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8))
            {
                reader.Read();
                if (ReadText(ref reader) is var reasoning && !Utf8TextBuffer.IsEmpty(reasoning))
                {
                    _chunk.ReasoningRange = reasoning;
                }
            }
            else if (reader.ValueTextEquals("reasoning"u8))
            {
                reader.Read();
                if (ReadText(ref reader) is var reasoning && Utf8TextBuffer.IsEmpty(_chunk.ReasoningRange))
                {
                    _chunk.ReasoningRange = reasoning;
                }
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                _chunk.RefusalRange = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                ReadToolCalls(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadToolCalls(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject);
            var index = 0;
            string? id = null, name = null;
            Range arguments = default;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
                        ? value
                        : throw new JsonException("A tool call's index is not an integer.");
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    reader.Read();
                    ReadFunction(ref reader, ref name, ref arguments);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            _chunk.AddToolCall(new ChatToolCallDelta(index, id, name, arguments));
        }
    }

    private void ReadFunction(ref Utf8JsonReader reader, ref string? name, ref Range arguments)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                arguments = ReadText(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private Range ReadText(ref Utf8JsonReader reader) => _chunk.ReadText(ref reader);

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
        {
            throw new JsonException($"Expected a string or null, found {reader.TokenType}.");
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException("A string is not valid UTF-8 or UTF-16.", e);
        }
    }

    /// <summary>Moves to the next property name of the object being read; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type}, found {reader.TokenType}.");
        }
    }
}
