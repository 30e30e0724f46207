using Microsoft.Extensions.Logging;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Configuration;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Translator:Upstream:BaseUrl", "localhost:8317", "Translator:Upstream:BaseUrl must be an absolute http or https URL")]
    [InlineData("Translator:Upstream:HeadersTimeout", "00:00:00", "Translator:Upstream:HeadersTimeout must be positive")]
    [InlineData("Translator:Models:Default", " ", "Translator:Models:Default must name the upstream model")]
    [InlineData("Translator:Models:Families:opus", "", "Translator:Models:Families:opus must name an upstream model")]
    [InlineData("Translator:Limits:MaxRequestBodyBytes", "0", "Translator:Limits:MaxRequestBodyBytes must be positive")]
    [InlineData("Translator:Streaming:PingInterval", "-00:00:01", "Translator:Streaming:PingInterval must be positive")]
    public void Refuses_to_start_with_a_wrong_setting_and_names_it(string key, string value, string expected)
    {
        var exception = Assert.ThrowsAny<Exception>(() => new TranslatorApp("http://127.0.0.1:9/v1", new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, Flatten(exception));
    }

    [Fact]
    public async Task Says_where_to_point_clients_and_warns_about_mapped_models_the_upstream_does_not_list()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Models.Remove("gpt-5.1-codex-mini");
        await using var app = new TranslatorApp(upstream.BaseUrl);

        var warning = await WaitForLogAsync(app, r => r.Level == LogLevel.Warning && r.Message.Contains("gpt-5.1-codex-mini"));
        var ready = app.Logs.GetSnapshot().Single(r => r.Message.Contains("ANTHROPIC_BASE_URL="));

        Assert.Contains("Translator:Models", warning.Message);
        Assert.Contains(app.BaseUrl, ready.Message);
        Assert.Contains(upstream.BaseUrl, ready.Message);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Message.Contains("gpt-5.1-codex ") || r.Message.Contains("model gpt-5.1,"));
    }

    private static async Task<Microsoft.Extensions.Logging.Testing.FakeLogRecord> WaitForLogAsync(TranslatorApp app, Func<Microsoft.Extensions.Logging.Testing.FakeLogRecord, bool> predicate)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (app.Logs.GetSnapshot().FirstOrDefault(predicate) is { } record)
            {
                return record;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The expected log record never appeared:\n" + string.Join("\n", app.Logs.GetSnapshot().Select(r => r.Message)));
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is null ? "" : "\n" + Flatten(exception.InnerException));
}
