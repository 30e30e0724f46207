using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Translator.Api.Anthropic;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;

namespace Translator.Benchmarks;

/// <summary>The pure paths the translator adds to every request, on Claude Code-sized inputs.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class TranslationBenchmarks
{
    private byte[] _request = [];
    private byte[] _completion = [];
    private List<byte[]> _chunks = [];
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private readonly TokenCounter _tokens = new();
    private MessagesRequest _parsed = null!;
    private string _answer = "";
    private int _turn;

    [GlobalSetup]
    public void Setup()
    {
        _request = Workloads.ClaudeCodeRequest(stream: true);
        _completion = System.Text.Encoding.UTF8.GetBytes(Workloads.ChatCompletionJson());
        _chunks = Workloads.StreamChunks();
        _parsed = JsonSerializer.Deserialize(_request, AnthropicJsonContext.Default.MessagesRequest)!;
        _answer = Workloads.Answer();
        _tokens.Count(_parsed, OutputPlan.For(_parsed), MessageLayout.Chat);
        Console.WriteLine($"// request: {_request.Length} bytes, {_parsed.Tools!.Count} tools; stream: {_chunks.Count} chunks");
    }

    /// <summary>
    /// The baseline: what any JSON-aware proxy pays for the same request, parsing it and writing it
    /// back out, without translating anything.
    /// </summary>
    [Benchmark(Baseline = true)]
    public long RequestJsonRoundTrip()
    {
        using var document = JsonDocument.Parse(_request);
        _output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_output);
        document.WriteTo(writer);
        writer.Flush();
        return writer.BytesCommitted;
    }

    /// <summary>Parse, validate, translate and serialize a Claude Code request.</summary>
    [Benchmark]
    public int Request()
    {
        var request = JsonSerializer.Deserialize(_request, AnthropicJsonContext.Default.MessagesRequest)!;
        if (MessagesRequestValidator.Validate(request, requireMaxTokens: true) is not null)
        {
            throw new InvalidOperationException("The workload is not a valid request.");
        }

        var plan = Planning.For(request, "gpt-5.1");
        var chat = ChatRequestTranslator.Translate(plan.Request, (UpstreamTarget)plan.Targets[0]);
        return JsonSerializer.SerializeToUtf8Bytes(chat, OpenAIChatJson.ChatCompletionRequest).Length;
    }

    /// <summary>The message_start input estimate, counted while the request is in flight: a conversation seen for the first time.</summary>
    [Benchmark]
    public long CountTokens() => new TokenCounter().Count(_parsed, OutputPlan.For(_parsed), MessageLayout.Chat);

    /// <summary>
    /// The same estimate for the conversation's next turn, by the counter that counted this one:
    /// the model's answer (about 4 KB, new text every invocation) and the user's next message
    /// appended; building that request is part of the time.
    /// </summary>
    [Benchmark]
    public long CountTokensNextTurn()
    {
        var nextTurn = _parsed with
        {
            Messages =
            [
                .. _parsed.Messages!,
                new InputMessage { Role = "assistant", Content = new MessageContent($"Turn {++_turn}. {_answer}") },
                new InputMessage { Role = "user", Content = new MessageContent("Good. Now run the tests and fix what fails.") },
            ],
        };
        return _tokens.Count(nextTurn, OutputPlan.For(nextTurn), MessageLayout.Chat);
    }

    /// <summary>Parse a tool-calling completion, translate and serialize it.</summary>
    [Benchmark]
    public int Response()
    {
        var completion = JsonSerializer.Deserialize(_completion, OpenAIChatJsonContext.Default.ChatCompletion)!;
        var message = ChatResponseTranslator.Translate(completion, "claude-opus-5-5", ClientProfile.Anthropic, out _)!;
        return JsonSerializer.SerializeToUtf8Bytes(message, AnthropicJson.MessagesResponse).Length;
    }

    /// <summary>A whole 500-chunk stream: parse each chunk and write its events. Divide by 500 for per-chunk cost.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public int Stream500Chunks()
    {
        _output.ResetWrittenCount();
        var translator = new ChatStreamTranslator(new AnthropicEventWriter(_output), "msg_bench", "claude-opus-5-5", new Usage { InputTokens = 14000 });
        translator.Start();
        foreach (var chunk in _chunks)
        {
            translator.Feed("", chunk);
        }

        translator.OnUpstreamEnd();
        return _output.WrittenCount;
    }
}
