using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Translator.Api.Tokens;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Tokens;

/// <summary>
/// Our compact o200k_base counter against Microsoft.ML.Tokenizers' (the reference, kept as a test
/// dependency): equal counts over every string of every recorded fixture and over generated text.
/// </summary>
public sealed class O200kEncodingTests
{
    private static readonly Lazy<O200kEncoding> Ours = new(O200kEncoding.Load);
    private static readonly Lazy<Tokenizer> Reference = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    [Fact]
    public void Counts_every_string_of_the_recorded_fixtures_as_the_reference_does()
    {
        var strings = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(RecordedFixtures.PathOf("SOURCES.md"))!))
        {
            var text = File.ReadAllText(file);
            strings.Add(text);
            if (file.EndsWith(".json", StringComparison.Ordinal))
            {
                CollectStrings(JsonDocument.Parse(text).RootElement, strings);
            }
        }

        Assert.True(strings.Count > 500, $"only {strings.Count} strings");
        AssertSameCounts(strings);
    }

    [Fact]
    public void Counts_generated_text_of_every_kind_as_the_reference_does()
    {
        // Letters of several scripts and cases, digits, punctuation, whitespace runs, emoji,
        // contractions and special tokens, in random mixtures. (No lone surrogates: the JSON reader
        // refuses them, so no string that is counted can hold one.)
        string[] atoms =
        [
            "a", "Z", "é", "ß", "İ", "ı", "ж", "Ж", "中", "文", "日本", "한", "ع", "ह", "ि", "́", "ǅ", "ʰ",
            "0", "7", "١", "½", "'s", "'T", "'re", "'LL", "'d", "n't",
            ".", ",", "!", "?", "/", "\\", "{", "}", "\"", "-", "_", "=>", "...", "#", "@",
            " ", "  ", "\t", "\n", "\r\n", "\n\n\n", "   \n", " \u00a0", "\u3000",
            "😀", "🚀", "👨‍👩‍👧", "<|endoftext|>", "<|endofprompt|>", "<|end", "\u0000",
        ];
        var random = new Random(20261124);
        var strings = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var builder = new StringBuilder();
            for (var n = random.Next(1, 40); n > 0; n--)
            {
                builder.Append(atoms[random.Next(atoms.Length)]);
            }

            strings.Add(builder.ToString());
        }

        strings.Add(new string('x', 5000));
        strings.Add(string.Concat(Enumerable.Repeat("ab1 ", 2000)));
        strings.Add(new string(' ', 3000) + "end");
        strings.Add(string.Concat(Enumerable.Range(0, 3000).Select(i => (char)('a' + (i * 7 % 26)))));
        strings.Add(Convert.ToBase64String(Enumerable.Range(0, 6000).Select(i => (byte)(i * 31)).ToArray()));
        AssertSameCounts(strings);
    }

    [Fact]
    public void Counts_long_pieces_as_the_reference_does()
    {
        // Each of these is one piece of the pattern's split, or many long ones: what the heap merges.
        var random = new Random(20261201);
        string[] texts =
        [
            Letters(random, "abcdefghijklmnopqrstuvwxyz", 100_000),
            Letters(random, "ACGT", 20_000),
            Letters(random, "abcdefghijklmnopqrstuvwxyzàéîõüßøæçñжзийклмнопрстαβγδεζηθλμπσω", 20_000),
            string.Concat(Enumerable.Repeat("😀", 10_000)),
            Letters(random, "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开", 10_000),
            Convert.ToBase64String(RandomBytes(random, 75_000)),
            Convert.ToHexStringLower(RandomBytes(random, 50_000)),
            MinifiedScript(random, 100_000),
            new string('x', 30_000),
            new string(' ', 30_000) + "x",
            string.Concat(Enumerable.Repeat("-=", 15_000)),
        ];

        // On a reference of their own: once the reference has cached more pieces than its cache holds
        // (8,192), as after the base64 text, it counts the special tokens of later texts as plain
        // text (Microsoft.ML.Tokenizers 2.0.1), and the generated texts hold many.
        AssertSameCounts([.. texts], TiktokenTokenizer.CreateForEncoding("o200k_base"));
    }

    [Fact]
    public void Counts_pieces_of_every_length_around_where_the_scan_gives_way_to_the_heap_as_the_reference_does()
    {
        var random = new Random(20261202);
        var strings = Enumerable.Range(1, 300).Select(length => Letters(random, "abcdefghijklmnopqrstuvwxyz", length))
            .Concat(Enumerable.Range(1, 120).Select(length => Letters(random, "àéîõüжзийαβγδ中文日本", length)))
            .ToList();

        AssertSameCounts(strings);
    }

    [Fact]
    public void A_single_long_word_stops_in_the_middle_of_its_merge_when_its_request_is_cancelled()
    {
        // One piece: the checkpoint before it, then one every few thousand merges. The second is inside the merge.
        var word = Letters(new Random(20261203), "abcdefghijklmnopqrstuvwxyz", 100_000);

        Assert.Equal(2, CheckpointsPassedWhenCancelledAt(2, word));
    }

    [Fact]
    public void A_text_of_many_pieces_stops_at_the_next_piece_when_its_request_is_cancelled()
    {
        var text = string.Concat(Enumerable.Repeat("The tool runs the command. ", 10_000));

        Assert.Equal(1000, CheckpointsPassedWhenCancelledAt(1000, text));
    }

    /// <summary>Counts <paramref name="text"/>, its request cancelled at checkpoint <paramref name="at"/>: it must throw; returns the checkpoints it passed.</summary>
    private static int CheckpointsPassedWhenCancelledAt(int at, string text)
    {
        using var cancellation = new CancellationTokenSource();
        var passed = 0;
        var checkpoints = new CountCheckpoints(cancellation.Token, _ =>
        {
            if (++passed == at)
            {
                cancellation.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() => Ours.Value.CountTokens(text, checkpoints));
        return passed;
    }

    private static string Letters(Random random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>One line of minified JavaScript: short names, operators and literals, no spaces.</summary>
    private static string MinifiedScript(Random random, int length)
    {
        string[] parts = ["function ", "return ", "var ", "(", ")", "{", "}", ";", ",", "=", "==", "&&", "||", "!", "?", ":", ".", "[", "]", "+", "*", "\"x\"", "0", "1", "42", "null", "this", "=>"];
        var builder = new StringBuilder(length + 16);
        while (builder.Length < length)
        {
            builder.Append(random.Next(3) == 0 ? Letters(random, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$", random.Next(1, 4)) : parts[random.Next(parts.Length)]);
        }

        return builder.ToString();
    }

    private static void AssertSameCounts(List<string> strings, Tokenizer? reference = null)
    {
        reference ??= Reference.Value;
        var mismatches = strings
            .Select(s => (Text: s, Ours: Ours.Value.CountTokens(s), Reference: reference.CountTokens(s)))
            .Where(c => c.Ours != c.Reference)
            .Take(5)
            .Select(c => $"{c.Ours} != {c.Reference} for {JsonSerializer.Serialize(c.Text.Length > 200 ? c.Text[..200] : c.Text)}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static void CollectStrings(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    strings.Add(property.Name);
                    CollectStrings(property.Value, strings);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectStrings(item, strings);
                }

                break;
        }
    }
}
