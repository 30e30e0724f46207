using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// Sees the server finish each request, whatever its client did: registered as a startup filter,
/// it is the outermost middleware, so it runs after the translator's own error handling.
/// </summary>
public sealed class RequestEnds : IStartupFilter
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<int>> _ends = new();

    /// <summary>Completes with the response's status once the server is done with the first request to <paramref name="path"/>.</summary>
    public Task<int> Of(string path) => End(path).Task;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                End(context.Request.Path).TrySetResult(context.Response.StatusCode);
            }
        });
        next(app);
    };

    private TaskCompletionSource<int> End(string path) => _ends.GetOrAdd(path, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}
