using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1, inside the test process, that answers from a script
/// and is as strict as the real API: a request that breaks <see cref="ChatWireRules"/> gets the
/// 400 the real API would give, and is recorded as a violation that fails the test.
/// </summary>
public sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<UpstreamReply> _replies = new();
    private readonly ConcurrentQueue<UpstreamReply> _otherReplies = new();
    private readonly ConcurrentQueue<UpstreamReply> _anthropicReplies = new();

    private ScriptedUpstream(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every model call's body (chat completions or responses) received, in order.</summary>
    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    /// <summary>Headers of every chat request, in order.</summary>
    public ConcurrentQueue<Dictionary<string, string>> RequestHeaders { get; } = new();

    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Requests to any other route (what a passthrough forwards), in order.</summary>
    public ConcurrentQueue<RecordedRequest> OtherRequests { get; } = new();

    public List<string> Models { get; } = ["gpt-5.5", "gpt-5.4", "gpt-5.1"];

    /// <summary>Every call of the Anthropic endpoint (<c>/v1/messages</c>, <c>/v1/messages/count_tokens</c>) received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> AnthropicRequests { get; } = new();

    /// <summary>The key CLIProxyAPI demands on its Anthropic endpoint: the translator's upstream key (<see cref="TranslatorApp"/>'s).</summary>
    public string ApiKey { get; set; } = "upstream-secret-key";

    public JsonElement LastRequest => Requests.Last();

    /// <summary>Keep every request body and headers (off for soak tests, where they would be the leak).</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>Answers model calls when nothing is scripted (for corpus and soak tests); null means none.</summary>
    public Func<JsonElement, UpstreamReply>? Responder { get; set; }

    /// <summary>Answers calls of the Anthropic endpoint (not count_tokens) when nothing is scripted, as <see cref="Responder"/> does model calls.</summary>
    public Func<JsonElement, UpstreamReply>? AnthropicResponder { get; set; }

    public static async Task<ScriptedUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new ScriptedUpstream(app);

        // Amp's stand-in: native Amp builds hold a WebSocket to Amp's actors.
        app.UseWebSockets();

        app.MapPost("/v1/chat/completions", context => upstream.HandleModelCallAsync(context, ChatWireRules.Check));
        app.MapPost("/v1/responses", context => upstream.HandleModelCallAsync(context, ResponsesWireRules.Check));
        app.MapPost("/v1/messages", context => upstream.HandleAnthropicAsync(context, countTokens: false));
        app.MapPost("/v1/messages/count_tokens", context => upstream.HandleAnthropicAsync(context, countTokens: true));
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = upstream.Models.Select(id => new { id, @object = "model", owned_by = "openai" }) }));
        app.Map("/{**path}", upstream.HandleOtherAsync);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        upstream.BaseUrl = address + "/v1";
        return upstream;
    }

    public T Enqueue<T>(T reply) where T : UpstreamReply
    {
        _replies.Enqueue(reply);
        return reply;
    }

    /// <summary>The next answer for any route but chat completions and models.</summary>
    public T EnqueueOther<T>(T reply) where T : UpstreamReply
    {
        _otherReplies.Enqueue(reply);
        return reply;
    }

    /// <summary>The next answer of the Anthropic endpoint (the Claude route).</summary>
    public T EnqueueAnthropic<T>(T reply) where T : UpstreamReply
    {
        _anthropicReplies.Enqueue(reply);
        return reply;
    }

    /// <summary>Forgets the previous test's script and records.</summary>
    public void Reset()
    {
        _replies.Clear();
        _otherReplies.Clear();
        _anthropicReplies.Clear();
        AnthropicRequests.Clear();
        OtherRequests.Clear();
        Requests.Clear();
        RequestHeaders.Clear();
        Violations.Clear();
    }

    public void AssertNoViolations() => Assert.True(Violations.IsEmpty, "The upstream received requests the real API would reject:\n" + string.Join("\n", Violations));

    /// <summary>A model call in either protocol: recorded, held to that protocol's rules, answered from the script.</summary>
    private async Task HandleModelCallAsync(HttpContext context, Func<JsonElement, List<string>> rules)
    {
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();
        }
        catch (JsonException e)
        {
            Violations.Enqueue("request body is not JSON: " + e.Message);
            await Results.BadRequest().ExecuteAsync(context);
            return;
        }

        if (RecordRequests)
        {
            Requests.Enqueue(body);
            RequestHeaders.Enqueue(HeadersOf(context));
        }

        var violations = rules(body);
        if (violations.Count > 0)
        {
            foreach (var violation in violations)
            {
                Violations.Enqueue(violation);
            }

            await UpstreamReply.Error(400, violations[0], "invalid_request").ServeAsync(context);
            return;
        }

        if (!_replies.TryDequeue(out var reply) && Responder is not null)
        {
            reply = Responder(body);
        }

        if (reply is null)
        {
            Violations.Enqueue("the upstream was called more often than the test scripted");
            await UpstreamReply.Error(500, "no scripted reply").ServeAsync(context);
            return;
        }

        // The real API answers in the form asked for: a stream only to "stream": true.
        var streamed = body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        if (reply.IsStreamedAnswer is { } isStreamed && isStreamed != streamed)
        {
            Violations.Enqueue($"the test scripted {(isStreamed ? "a stream" : "a complete answer")} for a request with \"stream\": {(streamed ? "true" : "false")}");
        }

        await reply.ServeAsync(context);
    }

    /// <summary>
    /// CLIProxyAPI's Anthropic endpoint: its key check, then the Messages API's rules (<see cref="AnthropicWireRules"/>),
    /// then the script. The request is recorded as it came (its headers and bytes).
    /// </summary>
    private async Task HandleAnthropicAsync(HttpContext context, bool countTokens)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        AnthropicRequests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, HeadersOf(context), text));

        if (AnthropicWireRules.KeyRefusal(context.Request.Headers, ApiKey) is { } refusal)
        {
            Violations.Enqueue("the Anthropic endpoint was called without the upstream key: " + refusal);
            await UpstreamReply.Json(refusal, 401).ServeAsync(context);
            return;
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException e)
        {
            Violations.Enqueue("Anthropic request body is not JSON: " + e.Message);
            await AnthropicReplies.Error(400, "invalid_request_error", "The request body is not valid JSON.").ServeAsync(context);
            return;
        }

        if (AnthropicWireRules.Check(context.Request.Headers, body, countTokens) is { Count: > 0 } violations)
        {
            foreach (var violation in violations)
            {
                Violations.Enqueue(violation);
            }

            await AnthropicReplies.Error(400, "invalid_request_error", violations[0]).ServeAsync(context);
            return;
        }

        if (!_anthropicReplies.TryDequeue(out var reply) && !countTokens && AnthropicResponder is not null)
        {
            reply = AnthropicResponder(body);
        }

        if (reply is null)
        {
            Violations.Enqueue("the Anthropic endpoint was called more often than the test scripted");
            await AnthropicReplies.Error(500, "api_error", "no scripted reply").ServeAsync(context);
            return;
        }

        var streamed = body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        if (!countTokens && reply.IsStreamedAnswer is { } isStreamed && isStreamed != streamed)
        {
            Violations.Enqueue($"the test scripted {(isStreamed ? "a stream" : "a complete answer")} for an Anthropic request with \"stream\": {(streamed ? "true" : "false")}");
        }

        await reply.ServeAsync(context);
    }

    private async Task HandleOtherAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            await EchoWebSocketAsync(context);
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        RecordOther(context, body);

        var reply = _otherReplies.TryDequeue(out var scripted) ? scripted : UpstreamReply.Error(404, $"no route {context.Request.Path}", "not_found");
        await reply.ServeAsync(context);
    }

    /// <summary>Records the upgrade request, then sends every message back until the client closes.</summary>
    private async Task EchoWebSocketAsync(HttpContext context)
    {
        RecordOther(context, "");

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
        }
    }

    private void RecordOther(HttpContext context, string body) =>
        OtherRequests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, HeadersOf(context), body));

    private static Dictionary<string, string> HeadersOf(HttpContext context) =>
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request the scripted upstream received on a route it does not model.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, Dictionary<string, string> Headers, string Body);
