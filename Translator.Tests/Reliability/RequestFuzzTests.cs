using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Translator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Translator.Tests.Reliability;

/// <summary>
/// The project's own fuzzing campaign: seeded structural mutations of the recorded requests (Claude
/// Code's turns and the SDK's), against both protocols, streamed and not. Each gets a 2xx in a valid
/// Anthropic shape or a 4xx in Anthropic's envelope; never a 5xx, never a request the real API would
/// refuse, never an error in the log, and an answer within the client's five-minute timeout (a hang fails; no speed is asserted).
/// <c>FUZZ_SEED</c> replays a campaign (the seed is in every failure), <c>FUZZ_CASES</c> sets its size.
/// </summary>
public sealed class RequestFuzzTests(RequestFuzzTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<RequestFuzzTests.Fixture>
{
    private static readonly string[] Seeds =
    [
        "claude-code-2.1.328-request-first-turn.json", "claude-code-2.1.328-request-tool-result-turn.json",
        "claude-code-2.1.332-request-first-turn.json", "claude-code-2.1.332-request-tool-result-turn.json",
        "claude-code-2.1.332-request-toolsearch-turn.json", "claude-code-2.1.332-request-websearch.json",
        "anthropic-request-thinking-tool-result-roundtrip.json", "anthropic-request-thinking-tools.json",
    ];

    /// <summary>Warnings and above only: the log collector would otherwise hold every request's records.</summary>
    public sealed class Fixture : DialectFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    [Fact]
    public async Task Every_mutation_of_the_recorded_requests_gets_an_anthropic_answer_or_an_anthropic_4xx_in_bounded_time()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 20261205;
        var cases = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), out var n) ? n : 2_000;
        var upstream = fixture.ResetUpstream();
        upstream.RecordRequests = false;
        upstream.Responder = Answer;
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        try
        {
            foreach (var dialect in new[] { UpstreamDialect.Chat, UpstreamDialect.Responses })
            {
                fixture.AppFor(dialect).Logs.Clear();
                using var http = fixture.AppFor(dialect).CreateHttpClient();
                // A case that pins a core (a quadratic path, a hang) fails here instead of holding the run; no speed is asserted.
                http.Timeout = TimeSpan.FromMinutes(5);
                // Each case has its own generator, so a few at a time replay the same as one at a time.
                await Parallel.ForAsync(0, cases / 2, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                {
                    var random = new Random(HashCode.Combine(seed, dialect.Protocol, i));
                    var log = new StringBuilder();
                    var stream = random.Next(2) == 0;
                    var body = JsonMutations.Mutate(RecordedFixtures.RequestBody(Seeds[random.Next(Seeds.Length)], stream), random, log);
                    var status = await CheckAsync(http, body, failures, $"FUZZ_SEED={seed} {dialect} case {i} ({(stream ? "streamed" : "not streamed")}): {log}");
                    statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
                });

                foreach (var error in fixture.AppFor(dialect).Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error).Take(5))
                {
                    failures.Enqueue($"{dialect}: logged {error.Message} {error.Exception}");
                }
            }
        }
        finally
        {
            upstream.Responder = null;
            upstream.RecordRequests = true;
        }

        output.WriteLine($"seed {seed}, {cases} cases: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Value} × {p.Key}")));
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        upstream.AssertNoViolations();
    }

    /// <summary>Sends one mutant and checks what came back; the status, for the tally.</summary>
    private static async Task<int> CheckAsync(HttpClient http, byte[] body, ConcurrentQueue<string> failures, string name)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        try
        {
            using var response = await http.PostAsync("/v1/messages", content);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (ShapeProblem(status, response.Content.Headers.ContentType?.MediaType, text) is { } problem)
            {
                failures.Enqueue($"{name}: {status} {problem}: {(text.Length <= 300 ? text : text[..300] + "…")}");
            }

            return status;
        }
        catch (HttpRequestException e)
        {
            failures.Enqueue($"{name}: the request failed: {e.Message} {e.InnerException?.Message}");
            return 0;
        }
    }

    /// <summary>What is wrong with an answer, or null when it is a valid Anthropic answer or 4xx.</summary>
    private static string? ShapeProblem(int status, string? mediaType, string text)
    {
        try
        {
            if (status is >= 400 and < 500)
            {
                var root = JsonDocument.Parse(text).RootElement;
                return root.GetProperty("type").GetString() == "error" && root.GetProperty("error").GetProperty("type").GetString() is { Length: > 0 } ? null : "not the envelope";
            }

            if (status is < 200 or >= 300)
            {
                return "neither 2xx nor 4xx";
            }

            if (mediaType == "text/event-stream")
            {
                AnthropicEvents.AssertGrammar(AnthropicEvents.Parse(text));
                return null;
            }

            var message = JsonDocument.Parse(text).RootElement;
            return message.GetProperty("type").GetString() == "message" && message.GetProperty("role").GetString() == "assistant"
                && message.GetProperty("content").ValueKind == JsonValueKind.Array && message.GetProperty("usage").GetProperty("output_tokens").ValueKind == JsonValueKind.Number
                ? null
                : "not a message";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or Xunit.Sdk.XunitException)
        {
            return e.GetType().Name + " " + e.Message.Split('\n')[0];
        }
    }

    /// <summary>A short answer in the protocol and mode the translator asked for.</summary>
    private static UpstreamReply Answer(JsonElement request)
    {
        var dialect = request.TryGetProperty("input", out _) ? UpstreamDialect.Responses : UpstreamDialect.Chat;
        var answer = new Answer("ok", Input: 5, Output: 1);
        return request.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True ? dialect.Stream(answer) : dialect.Complete(answer);
    }
}
