using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Translator.Api.Tokens;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// Counting a request's tokens is linear in its size, and a request may be 32 MB: a client that
/// leaves stops the count (count_tokens, and a stream's message_start estimate), not only the upstream call.
/// </summary>
public sealed class CountingCancellationTests
{
    [Theory]
    [InlineData("/v1/messages/count_tokens")]
    [InlineData("/v1/messages")]
    public async Task A_client_that_leaves_while_its_one_word_request_is_counted_stops_the_count(string path)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Enqueue(UpstreamReply.Hang());
        var counting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var passed = 0;
        var counter = new TokenCounter(token =>
        {
            if (Interlocked.Increment(ref passed) == 1)
            {
                counting.SetResult();

                // The count is held at its first checkpoint until the client has gone; a count
                // that was not given the request's token is not held, and runs to its end.
                if (token.CanBeCanceled)
                {
                    token.WaitHandle.WaitOne();
                }
            }
        });
        var ends = new RequestEnds();
        await using var app = new TranslatorApp(upstream.BaseUrl, services: services => services.AddSingleton(counter).AddSingleton<IStartupFilter>(ends));
        var http = app.CreateHttpClient();
        using var leaving = new CancellationTokenSource();

        // A million letters in one word: one piece, hundreds of checkpoints for a count that runs to its end.
        var body = Requests.Simple(new string('w', 1_000_000), stream: true);
        var posting = http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), leaving.Token);
        await counting.Task;
        leaving.Cancel();
        http.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => posting);
        await ends.Of(path);

        Assert.Equal(1, Volatile.Read(ref passed));
    }
}
