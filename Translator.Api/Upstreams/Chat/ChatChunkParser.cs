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
            if (Property(ref reader, "model"u8))
            {
                if (_chunk.Model is null)
                {
                    _chunk.Model = ReadString(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (Property(ref reader, "choices"u8))
            {
                ReadChoices(ref reader);
            }
            else if (Property(ref reader, "usage"u8))
            {
                _chunk.Usage = JsonSerializer.Deserialize(ref reader, OpenAIChatJsonContext.Default.ChatUsage);
            }
            else if (Property(ref reader, "error"u8))
            {
                _chunk.Error = JsonSerializer.Deserialize(ref reader, OpenAIChatJsonContext.Default.ChatStreamError);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    /// <summary>Only the first choice is translated (the translator never asks for <c>n</c> &gt; 1).</summary>
    private void ReadChoices(ref Utf8JsonReader reader)
    {
        if (!Starts(ref reader, JsonTokenType.StartArray))
        {
            return;
        }

        var first = true;
        while (NextElement(ref reader))
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
            if (Property(ref reader, "delta"u8))
            {
                if (Starts(ref reader, JsonTokenType.StartObject))
                {
                    ReadDelta(ref reader);
                }
            }
            else if (Property(ref reader, "finish_reason"u8))
            {
                _chunk.FinishReason = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private void ReadDelta(ref Utf8JsonReader reader)
    {
        while (NextProperty(ref reader))
        {
            if (Property(ref reader, "content"u8))
            {
                _chunk.ContentRange = ReadText(ref reader);
            }
            else if (Property(ref reader, "reasoning_content"u8))
            {
                if (ReadText(ref reader) is var reasoning && !Utf8TextBuffer.IsEmpty(reasoning))
                {
                    _chunk.ReasoningRange = reasoning;
                }
            }
            else if (Property(ref reader, "reasoning"u8))
            {
                if (ReadText(ref reader) is var reasoning && Utf8TextBuffer.IsEmpty(_chunk.ReasoningRange))
                {
                    _chunk.ReasoningRange = reasoning;
                }
            }
            else if (Property(ref reader, "refusal"u8))
            {
                _chunk.RefusalRange = ReadText(ref reader);
            }
            else if (Property(ref reader, "tool_calls"u8))
            {
                if (Starts(ref reader, JsonTokenType.StartArray))
                {
                    ReadToolCalls(ref reader);
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private void ReadToolCalls(ref Utf8JsonReader reader)
    {
        while (NextElement(ref reader))
        {
            Expect(ref reader, JsonTokenType.StartObject);
            var index = 0;
            string? id = null, name = null;
            Range arguments = default;
            while (NextProperty(ref reader))
            {
                if (Property(ref reader, "index"u8))
                {
                    index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
                        ? value
                        : throw new JsonException("A tool call's index is not an integer.");
                }
                else if (Property(ref reader, "id"u8))
                {
                    id = ReadString(ref reader);
                }
                else if (Property(ref reader, "function"u8))
                {
                    ReadFunction(ref reader, ref name, ref arguments);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            _chunk.AddToolCall(new ChatToolCallDelta(index, id, name, arguments));
        }
    }

    private void ReadFunction(ref Utf8JsonReader reader, ref string? name, ref Range arguments)
    {
        if (!Starts(ref reader, JsonTokenType.StartObject))
        {
            return;
        }

        while (NextProperty(ref reader))
        {
            if (Property(ref reader, "name"u8))
            {
                name = ReadString(ref reader);
            }
            else if (Property(ref reader, "arguments"u8))
            {
                arguments = ReadText(ref reader);
            }
            else
            {
                SkipValue(ref reader);
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

    /// <summary>Whether the reader is at the property <paramref name="name"/>; if so, it moves on to its value.</summary>
    private static bool Property(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueTextEquals(name))
        {
            return false;
        }

        reader.Read();
        return true;
    }

    /// <summary>Skips the value of the property the reader is at: one the chunk does not keep.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Whether the value is an object or array to read (false for null); any other value is malformed.</summary>
    private static bool Starts(ref Utf8JsonReader reader, JsonTokenType start)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        Expect(ref reader, start);
        return true;
    }

    /// <summary>Moves to the next element of the array being read; false at its end.</summary>
    private static bool NextElement(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType != JsonTokenType.EndArray;

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
