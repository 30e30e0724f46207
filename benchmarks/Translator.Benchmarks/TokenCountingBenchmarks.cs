using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Translator.Api.Anthropic;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;

namespace Translator.Benchmarks;

/// <summary>
/// o200k_base counting per kind of text: one long word (a single piece of the pattern's split, all
/// of it merged pair by pair), whitespace and punctuation (the split itself), real source code, and
/// Claude Code's recorded first turn as the counter reads it. Divide by the size for time per MB.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TokenCountingBenchmarks
{
    private const int Megabyte = 1_000_000;

    private readonly O200kEncoding _encoding = O200kEncoding.Load();
    private string _word100K = "";
    private string _word1M = "";
    private string _spaces = "";
    private string _spacedPunctuation = "";
    private string _sourceCode = "";
    private MessagesRequest _firstTurn = null!;

    [GlobalSetup]
    public void Setup()
    {
        _word100K = Workloads.Word(Megabyte / 10);
        _word1M = Workloads.Word(Megabyte);
        _spaces = new string(' ', Megabyte);
        _spacedPunctuation = string.Concat(Enumerable.Repeat(" !", Megabyte / 2));
        _sourceCode = Workloads.SourceCode(Megabyte);
        var firstTurn = Workloads.RecordedRequest("claude-code-2.1.332-request-first-turn.json").ToJsonString();
        _firstTurn = JsonSerializer.Deserialize(firstTurn, AnthropicJsonContext.Default.MessagesRequest)!;
        Console.WriteLine($"// first turn: {firstTurn.Length} characters of JSON, {new TokenCounter().Count(_firstTurn, OutputPlan.For(_firstTurn), MessageLayout.Chat)} tokens; source code: {_encoding.CountTokens(_sourceCode)} tokens a MB");
    }

    [Benchmark]
    public int Word100KB() => _encoding.CountTokens(_word100K);

    [Benchmark]
    public int Word1MB() => _encoding.CountTokens(_word1M);

    /// <summary>One piece of a million spaces.</summary>
    [Benchmark]
    public int Spaces1MB() => _encoding.CountTokens(_spaces);

    /// <summary>Half a million pieces of two characters: the pattern's split, nearly all of the time.</summary>
    [Benchmark]
    public int SpacedPunctuation1MB() => _encoding.CountTokens(_spacedPunctuation);

    [Benchmark]
    public int SourceCode1MB() => _encoding.CountTokens(_sourceCode);

    /// <summary>A counter that has not seen the conversation, as for a new session's message_start.</summary>
    [Benchmark]
    public long ClaudeCodeFirstTurn() => new TokenCounter().Count(_firstTurn, OutputPlan.For(_firstTurn), MessageLayout.Chat);
}
