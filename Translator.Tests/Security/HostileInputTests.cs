using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Security;

/// <summary>
/// A generated corpus of malformed and hostile requests, and seeded random mutations of the
/// recorded ones: each gets a 4xx in the Anthropic envelope (or, when still valid, a real answer);
/// the translator never answers 5xx itself, never throws unhandled, never sends the upstream a
/// request the real API would refuse, and its memory stays bounded. (Bodies over the size limit
/// are covered in <see cref="Apis.ErrorTests"/>: a server that refuses a large body mid-upload
/// races the client's writes, which no assertion here could pin down.)
/// </summary>
[Collection(MeasuresMemory.Name)]
public sealed class HostileInputTests(HostileInputTests.Fixture fixture) : IClassFixture<HostileInputTests.Fixture>
{
    public sealed class Fixture : TranslatorFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Translator:Limits:MaxRequestBodyBytes"] = "1048576",
        };
    }

    private const string Base = """
        {"model":"claude-sonnet-4-5","max_tokens":256,"temperature":0.5,"stop_sequences":["END"],
         "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
         "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
         "tool_choice":{"type":"auto","disable_parallel_tool_use":true},"thinking":{"type":"enabled","budget_tokens":2048},"metadata":{"user_id":"u1"},
         "messages":[{"role":"user","content":[{"type":"text","text":"Weather?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
           {"role":"assistant","content":[{"type":"thinking","thinking":"Check it.","signature":"sig"},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
           {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"sunny"}],"is_error":false}]}]}
        """;

    private static readonly string[] Replacements =
    [
        "null", "0", "-1", "1e309", "\"\"", "\"x\"", "true", "[]", "{}", "[null]", "{\"type\":\"x\"}",
        new string('[', 200) + new string(']', 200),
        JsonSerializer.Serialize(new string('a', 300_000)),
    ];

    [Fact]
    public async Task Answers_every_request_of_a_generated_hostile_corpus_with_a_4xx_or_a_real_answer()
    {
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count >= 500, $"the corpus has {corpus.Count} requests");

        await AssertSurvivesAsync(corpus);
    }

    [Fact]
    public async Task Survives_seeded_random_mutations_of_the_recorded_requests()
    {
        var random = new Random(20261124);
        var seeds = new[]
        {
            RecordedFixtures.Json("claude-code-2.1.328-request-first-turn.json").GetProperty("body").GetRawText(),
            RecordedFixtures.Json("claude-code-2.1.328-request-tool-result-turn.json").GetProperty("body").GetRawText(),
            RecordedFixtures.Text("anthropic-request-thinking-tool-result-roundtrip.json"),
            RecordedFixtures.Text("anthropic-request-thinking-tools.json"),
        }.Select(Encoding.UTF8.GetBytes).ToArray();

        var mutants = Enumerable.Range(0, 300).Select(i => (Name: $"mutation {i}", Body: ByteMutations.Mutate(seeds[random.Next(seeds.Length)], random))).ToList();

        await AssertSurvivesAsync(mutants);
    }

    private async Task AssertSurvivesAsync(IReadOnlyList<(string Name, byte[] Body)> cases)
    {
        var upstream = fixture.Upstream;
        upstream.Reset();
        upstream.Responder = body => body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True
            ? Stream(TextChunk("ok"), FinishChunk("stop"), UsageChunk(5, 1))
            : UpstreamReply.Json(Completion("ok"));
        using var http = fixture.App.CreateHttpClient();

        // Warm up first: the first streamed request loads the tokenizer's vocabulary, once.
        using (var warmUp = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(stream: true), Encoding.UTF8, "application/json")))
        {
            await warmUp.Content.ReadAsStringAsync();
        }

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var failures = new List<string>();

        foreach (var (name, body) in cases)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync("/v1/messages", content);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{name}: the request failed: {e.Message} {e.InnerException?.Message}");
                continue;
            }

            using var _ = response;
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                failures.Add($"{name}: {status} {Truncate(text)}");
            }
            else if (status >= 400 && !IsEnvelope(text))
            {
                failures.Add($"{name}: {status} without the Anthropic envelope: {Truncate(text)}");
            }
        }

        upstream.Responder = null;
        var errors = fixture.App.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error).Select(r => r.Message + " " + r.Exception);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20).Concat(errors.Take(5))));
        upstream.AssertNoViolations();
        Assert.DoesNotContain(fixture.App.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(memoryAfter - memoryBefore < 64 * 1024 * 1024, $"memory grew by {(memoryAfter - memoryBefore) / 1024 / 1024} MB");
    }

    /// <summary>Every value of the base request replaced by each hostile value, every property removed, truncations, and hand-made cases.</summary>
    private static IEnumerable<(string Name, byte[] Body)> Corpus()
    {
        var paths = new List<List<object>>();
        Collect(JsonNode.Parse(Base)!, [], paths);
        foreach (var path in paths)
        {
            foreach (var replacement in Replacements)
            {
                var document = JsonNode.Parse(Base)!;
                Set(document, path, JsonNode.Parse(replacement, documentOptions: new JsonDocumentOptions { MaxDepth = 512 }));
                yield return ($"{Describe(path)} = {Truncate(replacement)}", Encoding.UTF8.GetBytes(document.ToJsonString(new JsonSerializerOptions { MaxDepth = 512 })));
            }

            if (path[^1] is string)
            {
                var document = JsonNode.Parse(Base)!;
                Remove(document, path);
                yield return ($"without {Describe(path)}", Encoding.UTF8.GetBytes(document.ToJsonString()));
            }
        }

        var bytes = Encoding.UTF8.GetBytes(Base);
        for (var cut = 1; cut < bytes.Length; cut += bytes.Length / 25)
        {
            yield return ($"truncated at {cut}", bytes[..cut]);
        }

        string Replace(string from, string to) => Base.Replace(from, to, StringComparison.Ordinal);
        yield return ("NaN temperature", Encoding.UTF8.GetBytes(Replace("\"temperature\":0.5", "\"temperature\":NaN")));
        yield return ("Infinity max_tokens", Encoding.UTF8.GetBytes(Replace("\"max_tokens\":256", "\"max_tokens\":Infinity")));
        yield return ("duplicate model keys", Encoding.UTF8.GetBytes(Replace("\"model\":\"claude-sonnet-4-5\"", "\"model\":\"claude-sonnet-4-5\",\"model\":\"gpt-5.1\"")));
        yield return ("CRLF in the model", Encoding.UTF8.GetBytes(Replace("claude-sonnet-4-5", "claude\\r\\nX-Injected: yes")));
        yield return ("control characters in a tool id", Encoding.UTF8.GetBytes(Replace("toolu_1", "toolu_\\u0000\\u001b")));
        yield return ("tool_result without tool_use", Encoding.UTF8.GetBytes(Replace("\"tool_use_id\":\"toolu_1\"", "\"tool_use_id\":\"toolu_9\"")));
        yield return ("empty messages", Encoding.UTF8.GetBytes(Replace("\"messages\":[", "\"messages\":[],\"x\":[")));
        yield return ("unknown role", Encoding.UTF8.GetBytes(Replace("\"role\":\"assistant\"", "\"role\":\"tool\"")));
        yield return ("unknown block type", Encoding.UTF8.GetBytes(Replace("\"type\":\"image\"", "\"type\":\"video\"")));
        yield return ("invalid base64 image", Encoding.UTF8.GetBytes(Replace("iVBORw0KGgo=", "!!!not base64")));
        yield return ("10000-deep nesting", Encoding.UTF8.GetBytes(Replace("{\"city\":\"Paris\"}", new string('[', 10_000) + new string(']', 10_000))));
        var invalidUtf8 = Encoding.UTF8.GetBytes(Replace("Weather?", "Weather\u0001?"));
        var at = Array.IndexOf(invalidUtf8, (byte)1);
        invalidUtf8[at] = 0xFF;
        yield return ("invalid UTF-8", invalidUtf8);
        yield return ("empty body", []);
        yield return ("not JSON", "model=claude&max_tokens=1"u8.ToArray());
    }

    private static void Collect(JsonNode node, List<object> path, List<List<object>> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    List<object> next = [.. path, key];
                    paths.Add(next);
                    if (child is not null)
                    {
                        Collect(child, next, paths);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    List<object> next = [.. path, i];
                    paths.Add(next);
                    Collect(array[i]!, next, paths);
                }

                break;
        }
    }

    private static void Set(JsonNode root, List<object> path, JsonNode? value)
    {
        var parent = Navigate(root, path);
        if (path[^1] is string key)
        {
            parent.AsObject()[key] = value;
        }
        else
        {
            parent.AsArray()[(int)path[^1]] = value;
        }
    }

    private static void Remove(JsonNode root, List<object> path) => Navigate(root, path).AsObject().Remove((string)path[^1]);

    private static JsonNode Navigate(JsonNode root, List<object> path)
    {
        var node = root;
        foreach (var step in path.Take(path.Count - 1))
        {
            node = step is string key ? node[key]! : node[(int)step]!;
        }

        return node;
    }

    private static string Describe(List<object> path) => string.Join(".", path);

    private static bool IsEnvelope(string text)
    {
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            return root.GetProperty("type").GetString() == "error" && root.GetProperty("error").GetProperty("type").GetString() is { Length: > 0 };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
