using System.Text;

namespace Translator.Tests.Infrastructure;

/// <summary>One scripted answer of the <see cref="ScriptedUpstream"/>, and what happened to it.</summary>
public abstract class UpstreamReply
{
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the translator closed the connection while this reply was being served.</summary>
    public Task Aborted => _aborted.Task;

    /// <summary>Completes when this reply has been served to the end (or was cut off).</summary>
    public Task Finished => _finished.Task;

    public static UpstreamReply Json(string body, int status = 200, params (string Name, string Value)[] headers) => new JsonReply(body, status, headers);

    public static UpstreamReply Error(int status, string message, string code = "error", params (string Name, string Value)[] headers) =>
        new JsonReply(
            new System.Text.Json.Nodes.JsonObject
            {
                ["error"] = new System.Text.Json.Nodes.JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = code },
            }.ToJsonString(),
            status,
            headers);

    /// <summary>
    /// Codex's quota-exhausted answer exactly as CLIProxyAPI passes it on (NOTES.md, "Quotas"): a 429
    /// without <c>retry-after</c>, the reset in the body; optionally with the Codex backend's
    /// <c>x-codex-primary-reset-after-seconds</c>. The same on the Chat and the Responses path.
    /// </summary>
    public static UpstreamReply CodexQuotaExhausted(DateTimeOffset now, TimeSpan resetsIn, string plan = "plus", bool primaryResetHeader = false) =>
        new JsonReply(
            CodexQuotaBody(now, resetsIn, plan),
            429,
            primaryResetHeader ? [("x-codex-primary-reset-after-seconds", ((long)resetsIn.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture))] : []);

    /// <summary>The body of <see cref="CodexQuotaExhausted"/>.</summary>
    public static string CodexQuotaBody(DateTimeOffset now, TimeSpan resetsIn, string plan = "plus") =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["error"] = new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "usage_limit_reached",
                ["message"] = "The usage limit has been reached",
                ["plan_type"] = plan,
                ["resets_at"] = (now + resetsIn).ToUnixTimeSeconds(),
                ["resets_in_seconds"] = (long)resetsIn.TotalSeconds,
            },
        }.ToJsonString();

    /// <summary>An SSE body written step by step: a data payload, raw text, a pause, or a wait on a gate.</summary>
    public static SseReply Sse(params SseStep[] steps) => new(steps);

    /// <summary>
    /// A body sent as the given writes, each flushed on its own (so that bytes split where the test
    /// says); with <paramref name="reset"/> the connection is then dropped instead of ending the body.
    /// </summary>
    public static UpstreamReply Raw(int status, string contentType, IReadOnlyList<byte[]> writes, bool reset = false) => new RawReply(status, contentType, writes, reset);

    /// <summary>Drops the connection before sending the status line.</summary>
    public static UpstreamReply ResetBeforeHeaders() => new ResetReply();

    /// <summary>Accepts the request and never answers until the caller goes away.</summary>
    public static UpstreamReply Hang() => new HangReply();

    /// <summary>Sends the headers and the start of a JSON body, then nothing more until the caller goes away.</summary>
    public static UpstreamReply Stall(string bodyStart) => new StallReply(bodyStart);

    internal async Task ServeAsync(HttpContext context)
    {
        using var registration = context.RequestAborted.Register(() => _aborted.TrySetResult());
        try
        {
            await ServeCoreAsync(context);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The translator went away; Aborted says so.
        }
        finally
        {
            _finished.TrySetResult();
        }
    }

    protected abstract Task ServeCoreAsync(HttpContext context);

    /// <summary>An answer as a stream (true) or whole (false); null for what is no answer (an error status, a hang).</summary>
    internal virtual bool? IsStreamedAnswer => null;

    private sealed class JsonReply(string body, int status, (string Name, string Value)[] headers) : UpstreamReply
    {
        internal override bool? IsStreamedAnswer => status == 200 ? false : null;

        protected override async Task ServeCoreAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(body, context.RequestAborted);
        }
    }

    private sealed class StallReply(string bodyStart) : UpstreamReply
    {
        protected override async Task ServeCoreAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(bodyStart, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
    }

    private sealed class RawReply(int status, string contentType, IReadOnlyList<byte[]> writes, bool reset) : UpstreamReply
    {
        protected override async Task ServeCoreAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            foreach (var write in writes)
            {
                await context.Response.Body.WriteAsync(write, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            if (reset)
            {
                context.Abort();
            }
        }
    }

    private sealed class ResetReply : UpstreamReply
    {
        protected override Task ServeCoreAsync(HttpContext context)
        {
            context.Abort();
            return Task.CompletedTask;
        }
    }

    private sealed class HangReply : UpstreamReply
    {
        protected override Task ServeCoreAsync(HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted);
    }
}

public sealed class SseReply(SseStep[] steps) : UpstreamReply
{
    public SseStep[] Steps => steps;

    internal override bool? IsStreamedAnswer => true;

    protected override async Task ServeCoreAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync(context.RequestAborted);
        foreach (var step in steps)
        {
            switch (step)
            {
                case SseStep.Write write:
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(write.Text), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    break;
                case SseStep.Pause pause:
                    await KeepAliveUntilAsync(context, Task.Delay(pause.Duration, context.RequestAborted));
                    break;
                case SseStep.WaitFor wait:
                    await KeepAliveUntilAsync(context, wait.Gate);
                    break;
                case SseStep.Silence { Gate: { } gate }:
                    await gate.WaitAsync(context.RequestAborted);
                    break;
                case SseStep.Silence silence:
                    await Task.Delay(silence.Duration ?? Timeout.InfiniteTimeSpan, context.RequestAborted);
                    break;
                case SseStep.Cut:
                    context.Abort();
                    return;
            }
        }
    }

    /// <summary>
    /// Waits, sending SSE comments as real upstreams do. Kestrel notices that the translator closed
    /// the connection only when it writes; a Go server such as CLIProxyAPI notices at once.
    /// </summary>
    private static async Task KeepAliveUntilAsync(HttpContext context, Task done)
    {
        while (!done.IsCompleted)
        {
            await Task.WhenAny(done, Task.Delay(100, context.RequestAborted));
            context.RequestAborted.ThrowIfCancellationRequested();
            await context.Response.Body.WriteAsync(": keep-alive\n\n"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        await done;
    }
}

public abstract record SseStep
{
    /// <summary>One <c>data:</c> event.</summary>
    public static SseStep Data(string json) => new Write($"data: {json}\n\n");

    public static SseStep Raw(string text) => new Write(text);

    /// <summary>A named event, as the Responses API sends them; its name is the data's <c>type</c>.</summary>
    public static SseStep Event(string json) =>
        new Write($"event: {System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("type").GetString()}\ndata: {json}\n\n");

    public static SseStep Done { get; } = new Write("data: [DONE]\n\n");

    public static SseStep Delay(TimeSpan duration) => new Pause(duration);

    public static SseStep Until(Task gate) => new WaitFor(gate);

    /// <summary>Drops the connection without ending the body.</summary>
    public static SseStep Drop { get; } = new Cut();

    /// <summary>Sends nothing more, not even keep-alive comments, until the caller goes away: a stuck upstream.</summary>
    public static SseStep Stuck { get; } = new Silence(null);

    /// <summary>Sends nothing, not even keep-alive comments, until <paramref name="gate"/> completes.</summary>
    public static SseStep QuietUntil(Task gate) => new Silence(null, gate);

    public sealed record Write(string Text) : SseStep;

    public sealed record Pause(TimeSpan Duration) : SseStep;

    public sealed record WaitFor(Task Gate) : SseStep;

    public sealed record Cut : SseStep;

    public sealed record Silence(TimeSpan? Duration, Task? Gate = null) : SseStep;
}
