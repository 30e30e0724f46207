using System.Buffers;
using System.Text.Json;
using Translator.Api.Anthropic;

namespace Translator.Api.Forwarding;

/// <summary>
/// Reads, from an Anthropic event stream passed on untranslated, what the call's operation records:
/// the model and usage of <c>message_start</c>, the stop reason and usage of <c>message_delta</c>,
/// an <c>error</c> event, whether content began; and whether the bytes so far end at a line's start.
/// Only those few events are parsed; the rest are recognised by their <c>event:</c> line. A line
/// split across reads is carried over, up to the stream line limit; a longer one goes unread here.
/// </summary>
internal sealed class AnthropicStreamWatcher(int maxLineBytes) : IDisposable
{
    private byte[]? _carry;
    private int _carried;
    private bool _tooLong;
    private EventKind _event;

    private enum EventKind
    {
        Other,
        MessageStart,
        MessageDelta,
        ContentDelta,
        Error,
    }

    public string? Model { get; private set; }

    public string? StopReason { get; private set; }

    public Usage? Usage { get; private set; }

    /// <summary>The upstream's own error event (its type and message), which reached the client as it came.</summary>
    public ApiError? Error { get; private set; }

    public bool ContentStarted { get; private set; }

    /// <summary>Whether the bytes seen end a line: an event written now would not splice into one.</summary>
    public bool AtLineStart { get; private set; } = true;

    public void Observe(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOf((byte)'\n');
            if (end < 0)
            {
                Carry(data);
                AtLineStart = false;
                return;
            }

            if (_carried > 0 || _tooLong)
            {
                Carry(data[..end]);
                if (!_tooLong)
                {
                    Line(_carry.AsSpan(0, _carried));
                }

                _carried = 0;
                _tooLong = false;
            }
            else
            {
                Line(data[..end]);
            }

            data = data[(end + 1)..];
            AtLineStart = true;
        }
    }

    public void Dispose()
    {
        if (_carry is { } carry)
        {
            _carry = null;
            ArrayPool<byte>.Shared.Return(carry);
        }
    }

    private void Carry(ReadOnlySpan<byte> piece)
    {
        if (_tooLong)
        {
            return;
        }

        if (_carried + piece.Length > maxLineBytes)
        {
            _tooLong = true;
            _carried = 0;
            return;
        }

        if (_carry is null || _carry.Length < _carried + piece.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(4096, (_carried + piece.Length) * 2));
            _carry?.AsSpan(0, _carried).CopyTo(larger);
            if (_carry is not null)
            {
                ArrayPool<byte>.Shared.Return(_carry);
            }

            _carry = larger;
        }

        piece.CopyTo(_carry.AsSpan(_carried));
        _carried += piece.Length;
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        if (line.StartsWith("event:"u8))
        {
            _event = KindOf(line["event:".Length..].Trim((byte)' '));
        }
        else if (line.StartsWith("data:"u8))
        {
            Data(line["data:".Length..].TrimStart((byte)' '));
        }
        else if (line.IsEmpty)
        {
            _event = EventKind.Other;
        }
    }

    private static EventKind KindOf(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("message_start"u8) ? EventKind.MessageStart
        : name.SequenceEqual("message_delta"u8) ? EventKind.MessageDelta
        : name.SequenceEqual("content_block_delta"u8) ? EventKind.ContentDelta
        : name.SequenceEqual("error"u8) ? EventKind.Error
        : EventKind.Other;

    private void Data(ReadOnlySpan<byte> data)
    {
        switch (_event)
        {
            case EventKind.ContentDelta:
                ContentStarted = true;
                return;
            case EventKind.Other:
                return;
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            switch (_event)
            {
                case EventKind.MessageStart when root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object:
                    Model = message.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : Model;
                    Usage = UsageOf(message, Usage);
                    break;
                case EventKind.MessageDelta:
                    if (root.TryGetProperty("delta", out var delta) && delta.TryGetProperty("stop_reason", out var stop) && stop.ValueKind == JsonValueKind.String)
                    {
                        StopReason = stop.GetString();
                    }

                    Usage = UsageOf(root, Usage);
                    break;
                case EventKind.Error when root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object:
                    Error = ApiError.BadGateway(Text(error, "message") ?? "The upstream's stream ended with an error.") with { Type = Text(error, "type") ?? "api_error" };
                    break;
            }
        }
        catch (JsonException)
        {
            // The client gets the event as it came; the operation goes without what it would have said.
        }
    }

    /// <summary>The <c>usage</c> of <paramref name="holder"/> over what was known: <c>message_delta</c>'s is cumulative and may leave fields out.</summary>
    private static Usage? UsageOf(JsonElement holder, Usage? known) =>
        holder.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object ? Merge(usage, known) : known;

    /// <summary>An Anthropic <c>usage</c> object over what was known before it.</summary>
    public static Usage Merge(JsonElement usage, Usage? known)
    {
        known ??= new Usage();
        return known with
        {
            InputTokens = Number(usage, "input_tokens") ?? known.InputTokens,
            CacheCreationInputTokens = Number(usage, "cache_creation_input_tokens") ?? known.CacheCreationInputTokens,
            CacheReadInputTokens = Number(usage, "cache_read_input_tokens") ?? known.CacheReadInputTokens,
            OutputTokens = Number(usage, "output_tokens") ?? known.OutputTokens,
        };
    }

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
