using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AppHost.Tests.Infrastructure;

/// <summary>
/// An OTLP/gRPC endpoint on loopback (HTTP/2 without TLS, as the dashboard's is in development)
/// that keeps what each signal's Export call carried. The payloads are protobuf; the names in them
/// (service, span and metric names) are plain UTF-8 inside, which is what the tests look for.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _exports = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/opentelemetry.proto.collector.{signal}.v1.{service}/Export", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver._exports.GetOrAdd(signal, _ => new()).Enqueue(body.ToArray());

            // An empty Export*ServiceResponse: one uncompressed, zero-length gRPC message, status OK.
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5]);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return receiver;
    }

    /// <summary>Waits until an export of the signal (<c>trace</c>, <c>metrics</c>, <c>logs</c>) holds every one of the texts.</summary>
    public async Task<bool> WaitForAsync(string signal, TimeSpan timeout, params string[] texts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Received(signal).Any(payload => texts.All(payload.Contains)))
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    public IEnumerable<string> Received(string signal) =>
        _exports.TryGetValue(signal, out var payloads) ? payloads.Select(p => Encoding.UTF8.GetString(p)) : [];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
