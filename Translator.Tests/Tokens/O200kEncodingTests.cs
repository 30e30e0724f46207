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

    private static void AssertSameCounts(List<string> strings)
    {
        var mismatches = strings
            .Select(s => (Text: s, Ours: Ours.Value.CountTokens(s), Reference: Reference.Value.CountTokens(s)))
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
