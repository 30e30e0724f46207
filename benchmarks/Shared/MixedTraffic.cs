using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Translator.Traffic;

/// <summary>
/// The soak's client side, shared by the test suite (in process, against the scripted upstream)
/// and the load driver (against the real translator process): requests of five kinds in turn at a
/// fixed concurrency, each checked for the answer it must get. Each upstream answers the models
/// named here the same way: a plain answer, a 50-word stream, a streamed tool call, a 429 that is
/// not retried, and a stream the client leaves after its first text.
/// </summary>
public static class MixedTraffic
{
    public const int Concurrency = 64;

    public const string PlainAnswer = "Hello! How can I help you today?";

    public const int StreamWords = 50;

    /// <summary>The model names, one per kind, that the upstreams answer by.</summary>
    public static readonly string[] Models = ["soak-text", "soak-stream", "soak-tools", "soak-429", "hold-60000"];

    /// <summary>Runs <paramref name="count"/> requests, the kinds in turn; returns what went unexpectedly.</summary>
    public static async Task<IReadOnlyCollection<string>> RunAsync(HttpClient http, int count)
    {
        var unexpected = new ConcurrentQueue<string>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var model = Models[i % Models.Length];
                try
                {
                    if (await OneAsync(http, model) is { } problem)
                    {
                        unexpected.Enqueue($"{model} #{i}: {problem}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                {
                    unexpected.Enqueue($"{model} #{i}: {e.GetType().Name} {e.Message}");
                }
            }
        }));
        return unexpected;
    }

    /// <summary>One request; null when it went as it should.</summary>
    private static async Task<string?> OneAsync(HttpClient http, string model)
    {
        var stream = model is not ("soak-text" or "soak-429");
        var body = $$$"""{"model":"{{{model}}}","max_tokens":100,"stream":{{{(stream ? "true" : "false")}}},"tools":[{"name":"get_time","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Go"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (model == "soak-429")
        {
            var error = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.TooManyRequests && error.Contains("rate_limit_error") ? null : $"{response.StatusCode} {error}";
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        if (model.StartsWith("hold-", StringComparison.Ordinal))
        {
            // Read up to the first text, then go away mid-stream (the client must close its
            // connection when it abandons a response: MaxResponseDrainSize = 0).
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line && !line.Contains("text_delta", StringComparison.Ordinal))
            {
            }

            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        var ok = model switch
        {
            "soak-text" => text.Contains(PlainAnswer),
            "soak-stream" => text.Contains($"word{StreamWords - 1}") && text.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", StringComparison.Ordinal),
            _ => text.Contains("\"stop_reason\":\"tool_use\"") && text.Contains("Paris"),
        };
        return ok ? null : text;
    }
}
