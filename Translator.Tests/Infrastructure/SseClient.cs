using System.Text;
using System.Text.Json;

namespace Translator.Tests.Infrastructure;

/// <summary>Reads an Anthropic event stream from a live HTTP response, one event at a time, as it arrives.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    public List<AnthropicEvent> Received { get; } = [];

    public static async Task<SseClient> PostAsync(HttpClient http, string body, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            throw new Xunit.Sdk.XunitException($"Expected an event stream, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return new SseClient(response, await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async Task<AnthropicEvent?> NextAsync(CancellationToken cancellationToken = default)
    {
        string? name = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is null)
                {
                    continue;
                }

                var e = new AnthropicEvent(name, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                Received.Add(e);
                return e;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }

        return null;
    }

    /// <summary>Reads until an event matches, with a time limit.</summary>
    public async Task<AnthropicEvent> NextMatchingAsync(Func<AnthropicEvent, bool> predicate, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (await NextAsync(limit.Token) is { } e)
        {
            if (predicate(e))
            {
                return e;
            }
        }

        throw new Xunit.Sdk.XunitException("The stream ended before the expected event. Received: " + string.Join(", ", Received));
    }

    public async Task<List<AnthropicEvent>> ReadToEndAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await NextAsync(limit.Token) is not null)
        {
        }

        return Received;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
