using System.Buffers;
using System.Text;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Upstreams;

/// <summary>
/// Seeded random mutations of recorded upstream streams, through the hand-written readers and the
/// translators as the stream loop drives them: whatever arrives, the only failure is a JSON error
/// (which the loop turns into <c>event: error</c>), and what was written is a valid Anthropic stream.
/// </summary>
public sealed class StreamMutationTests
{
    private const int Rounds = 300;

    public static TheoryData<string> ChatStreams =>
    [
        "openai-chat-stream-text-usage.sse", "openai-chat-stream-tool-call-fragments.sse", "openai-chat-stream-parallel-tool-calls.sse",
        "deepseek-chat-stream-reasoning-content.sse", "deepseek-chat-stream-reasoning-tool-call.jsonl", "openrouter-chat-stream-length-midstream-error.sse",
    ];

    public static TheoryData<string> ResponsesStreams =>
    [
        "openai-responses-stream-gpt5-function-call.sse", "openai-responses-stream-codex-reasoning-summary-function-call.jsonl", "openai-responses-stream-error-failed.jsonl",
    ];

    [Theory]
    [MemberData(nameof(ChatStreams))]
    public void A_mutated_chat_stream_ends_in_valid_events_or_a_json_error(string fixture)
    {
        AssertSurvives(fixture, output => new ChatStreamTranslator(new AnthropicEventWriter(output), "msg_fuzz", "claude-sonnet-4-5", new Usage { InputTokens = 1 }));
    }

    [Theory]
    [MemberData(nameof(ResponsesStreams))]
    public void A_mutated_responses_stream_ends_in_valid_events_or_a_json_error(string fixture)
    {
        AssertSurvives(fixture, output => new ResponsesStreamTranslator(new AnthropicEventWriter(output), "msg_fuzz", "claude-sonnet-4-5", new Usage { InputTokens = 1 }));
    }

    private static void AssertSurvives(string fixture, Func<IBufferWriter<byte>, StreamTranslator> create)
    {
        var payloads = RecordedFixtures.DataPayloads(fixture).Select(Encoding.UTF8.GetBytes).ToList();
        var random = new Random(20261124 + fixture.Length);
        for (var round = 0; round < Rounds; round++)
        {
            var mutated = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(payloads.Count)).ToHashSet();
            var stream = payloads.Select((payload, i) => mutated.Contains(i) ? ByteMutations.Mutate(payload, random) : payload).ToList();
            var output = new ArrayBufferWriter<byte>();
            var translator = create(output);

            translator.Start();
            foreach (var data in stream)
            {
                try
                {
                    translator.Feed("", data);
                }
                catch (JsonException)
                {
                    translator.Fail(ApiError.BadGateway("The upstream sent a stream chunk that is not valid JSON."));
                    break;
                }
            }

            translator.OnUpstreamEnd();
            var events = AnthropicEvents.Parse(Encoding.UTF8.GetString(output.WrittenSpan));
            AnthropicEvents.AssertGrammar(events);
            Assert.Contains(events[^1].Name, new[] { "message_stop", "error" });
        }
    }
}
