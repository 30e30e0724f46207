using System.Text;
using Translator.Api.Forwarding;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Forwarding;

/// <summary>
/// The Claude route records a passed-through stream's model, stop reason and usage from its events
/// as they go by, however the bytes are split across reads.
/// </summary>
public sealed class AnthropicStreamWatcherTests
{
    public static TheoryData<int> ReadSizes => [1, 7, 64, 100_000];

    [Theory]
    [MemberData(nameof(ReadSizes))]
    public void Reads_model_stop_reason_and_usage_from_a_recorded_stream_split_anyhow(int readSize)
    {
        var bytes = Encoding.UTF8.GetBytes(RecordedFixtures.Text("anthropic-stream-thinking-text.sse"));
        using var watcher = new AnthropicStreamWatcher(maxLineBytes: 1024 * 1024);

        for (var at = 0; at < bytes.Length; at += readSize)
        {
            watcher.Observe(bytes.AsSpan(at, Math.Min(readSize, bytes.Length - at)));
        }

        Assert.Equal("claude-sonnet-4-20250514", watcher.Model);
        Assert.Equal("end_turn", watcher.StopReason);
        Assert.Equal(43, watcher.Usage!.InputTokens);
        Assert.Equal(LastOutputTokens("anthropic-stream-thinking-text.sse"), watcher.Usage.OutputTokens);
        Assert.True(watcher.ContentStarted);
        Assert.True(watcher.AtLineStart);
        Assert.Null(watcher.Error);
    }

    [Fact]
    public void An_error_event_is_read_as_the_calls_error_and_a_cut_inside_a_line_is_seen()
    {
        using var watcher = new AnthropicStreamWatcher(maxLineBytes: 1024);

        watcher.Observe("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\nevent: ping\ndata: {\"ty"u8);

        Assert.Equal("overloaded_error", watcher.Error!.Type);
        Assert.Equal("Overloaded", watcher.Error.Message);
        Assert.False(watcher.AtLineStart);
    }

    [Fact]
    public void A_line_longer_than_the_limit_goes_unread_and_the_next_ones_are_read()
    {
        using var watcher = new AnthropicStreamWatcher(maxLineBytes: 64);
        var padding = new string('x', 100);

        watcher.Observe(Encoding.UTF8.GetBytes($"event: message_delta\ndata: {{\"type\":\"message_delta\",\"pad\":\"{padding[..20]}"));
        watcher.Observe(Encoding.UTF8.GetBytes($"{padding}\",\"delta\":{{\"stop_reason\":\"max_tokens\"}}}}\n\n"));
        watcher.Observe("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":5}}\n\n"u8);

        Assert.Equal("end_turn", watcher.StopReason);
        Assert.Equal(5, watcher.Usage!.OutputTokens);
    }

    private static long LastOutputTokens(string fixture) =>
        RecordedFixtures.DataPayloads(fixture)
            .Select(p => System.Text.Json.JsonDocument.Parse(p).RootElement)
            .Last(e => e.GetProperty("type").GetString() == "message_delta")
            .GetProperty("usage").GetProperty("output_tokens").GetInt64();
}
