using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Translator.Benchmarks;

/// <summary>
/// Realistic inputs: the recorded Claude Code request with its redacted texts expanded back to
/// their recorded lengths (about 50 KB, 12 tools, a long system prompt), and a 500-chunk streamed
/// answer with text and two tool calls whose arguments arrive in fragments.
/// </summary>
internal static partial class Workloads
{
    public static byte[] ClaudeCodeRequest(bool stream)
    {
        // "<text of 9193 characters>" and "... <3225 characters>" stand for texts of that length;
        // they are expanded in the file's own text, before serialization would escape the brackets.
        var body = RecordedRequest("claude-code-2.1.328-request-tool-result-turn.json");
        body["stream"] = stream;
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>A recorded request's body, its redacted texts expanded to their recorded lengths.</summary>
    public static JsonObject RecordedRequest(string fixture)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));
        text = Placeholder().Replace(text, m => Prose(int.Parse(m.Groups["n"].Value)));
        return JsonNode.Parse(text)!["body"]!.AsObject();
    }

    /// <summary>A model's answer of about 4 KB of prose.</summary>
    public static string Answer() => Prose(4000);

    public static string ChatCompletionJson() => """
        {"id":"chatcmpl-bench","object":"chat.completion","created":1763000000,"model":"gpt-5.1-2025-11-13",
         "choices":[{"index":0,"message":{"role":"assistant","content":"I'll run the command and then look at the output to decide what to do next.",
           "tool_calls":[{"id":"call_a1","type":"function","function":{"name":"Bash","arguments":"{\"command\":\"echo hi there\",\"description\":\"say hi\"}"}},
                         {"id":"call_b2","type":"function","function":{"name":"Read","arguments":"{\"file_path\":\"/work/src/Program.cs\",\"limit\":200}"}}]},
           "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":14210,"completion_tokens":183,"total_tokens":14393,"prompt_tokens_details":{"cached_tokens":12800},"completion_tokens_details":{"reasoning_tokens":64}}}
        """;

    /// <summary>500 chunk payloads (without <c>data: </c>), then the finish and usage chunks.</summary>
    public static List<byte[]> StreamChunks()
    {
        var chunks = new List<string>();
        var words = Prose(4000).Split(' ');
        for (var i = 0; i < 380; i++)
        {
            chunks.Add(Chunk($$"""{"content":{{JsonSerializer.Serialize(words[i % words.Length] + " ")}}}"""));
        }

        chunks.Add(Chunk("""{"tool_calls":[{"index":0,"id":"call_a1","type":"function","function":{"name":"Bash","arguments":""}}]}"""));
        for (var i = 0; i < 59; i++)
        {
            chunks.Add(Chunk(ArgumentsDelta(0, i == 0 ? "{\"command\":\"" : i == 58 ? "\"}" : "echo ")));
        }

        chunks.Add(Chunk("""{"tool_calls":[{"index":1,"id":"call_b2","type":"function","function":{"name":"Read","arguments":""}}]}"""));
        for (var i = 0; i < 59; i++)
        {
            chunks.Add(Chunk(ArgumentsDelta(1, i == 0 ? "{\"file_path\":\"" : i == 58 ? "\"}" : "src/")));
        }

        chunks.Add("""{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""");
        chunks.Add("""{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[],"usage":{"prompt_tokens":14210,"completion_tokens":520,"total_tokens":14730,"prompt_tokens_details":{"cached_tokens":12800}}}""");
        return [.. chunks.Select(Encoding.UTF8.GetBytes)];
    }

    private static string ArgumentsDelta(int index, string fragment) =>
        new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = fragment } }) }.ToJsonString();

    private static string Chunk(string delta) =>
        $$"""{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","service_tier":"default","system_fingerprint":"fp_bench","choices":[{"index":0,"delta":{{delta}},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"x1y2"}""";

    /// <summary>
    /// Real source code: the translator's own C# files (linked beside the benchmarks at build time),
    /// in path order, repeated up to <paramref name="length"/> characters.
    /// </summary>
    public static string SourceCode(int length)
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Source"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        var sources = string.Concat(files.Select(File.ReadAllText));
        var builder = new StringBuilder(length + sources.Length);
        while (builder.Length < length)
        {
            builder.Append(sources);
        }

        return builder.ToString(0, length);
    }

    /// <summary>One word: lowercase letters drawn from a seeded generator, so every run counts the same text.</summary>
    public static string Word(int length, int seed = 28)
    {
        var random = new Random(seed);
        return string.Create(length, random, static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + random.Next(26));
            }
        });
    }

    public static string Prose(int length)
    {
        const string Text = "The tool runs the command in a shell, captures its output and returns it to the model, which decides what to do next. ";
        var builder = new StringBuilder(length + Text.Length);
        while (builder.Length < length)
        {
            builder.Append(Text);
        }

        return builder.ToString(0, length);
    }

    [GeneratedRegex(@"(\.\.\. )?<(text of )?(?<n>\d+) characters>")]
    private static partial Regex Placeholder();
}
