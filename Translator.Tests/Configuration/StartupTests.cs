using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Translator.Api.Extensions;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Configuration;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Translator:Upstream:BaseUrl", "localhost:8317", "Translator:Upstream:BaseUrl must be an absolute http or https URL")]
    [InlineData("Translator:Upstream:HeadersTimeout", "00:00:00", "Translator:Upstream:HeadersTimeout must be positive")]
    [InlineData("Translator:Upstream:IdleTimeout", "-00:00:01", "Translator:Upstream:IdleTimeout must be positive")]
    [InlineData("Translator:Caching:Retention", "forever", "Translator:Caching:Retention must be 'in_memory' or '24h', or unset (got 'forever')")]
    [InlineData("Translator:Caching:Breakpoints", "always", "Translator:Caching:Breakpoints must be 'explicit' or 'implicit', or unset (got 'always')")]
    [InlineData("Translator:Models:Efforts:gpt-5.9", "low,extreme", "Translator:Models:Efforts:gpt-5.9 must list efforts among none, minimal, low, medium, high, xhigh, max (got 'low,extreme')")]
    [InlineData("Translator:Models:OutputLimit", "0", "Translator:Models:OutputLimit must be positive (got 0)")]
    [InlineData("Translator:Upstream:Protocol", "grpc", "Translator:Upstream:Protocol must be 'chat' or 'responses' (got 'grpc')")]
    [InlineData("Translator:Models:Default", " ", "Translator:Models:Default must list its targets: upstream models, 'claude' or 'claude:<name>', comma-separated.")]
    [InlineData("Translator:Models:Families:opus", "", "Translator:Models:Families:opus must list its targets")]
    [InlineData("Translator:Models:Families:opus", "gpt-5.5,,claude", "Translator:Models:Families:opus has an empty entry (got 'gpt-5.5,,claude').")]
    [InlineData("Translator:Models:Map:claude-opus-4-5", "gpt-5.5,claude:", "Translator:Models:Map:claude-opus-4-5 has 'claude:', which is neither an upstream model, 'claude' nor 'claude:<name>' (got 'gpt-5.5,claude:').")]
    [InlineData("Translator:Models:Default", "foo:bar", "Translator:Models:Default has 'foo:bar', which is neither")]
    [InlineData("Translator:Models:Families:haiku", "gpt-5.4,claude,gpt-5.4", "Translator:Models:Families:haiku lists 'gpt-5.4' twice; a request tries each target once (got 'gpt-5.4,claude,gpt-5.4').")]
    [InlineData("Translator:Limits:MaxRequestBodyBytes", "0", "Translator:Limits:MaxRequestBodyBytes must be positive")]
    [InlineData("Translator:Limits:MaxSseLineBytes", "100", "Translator:Limits:MaxSseLineBytes must be at least 1024")]
    [InlineData("Translator:Limits:MaxUpstreamResponseBytes", "0", "Translator:Limits:MaxUpstreamResponseBytes must be at least 1024")]
    [InlineData("Translator:Streaming:PingInterval", "-00:00:01", "Translator:Streaming:PingInterval must be positive")]
    [InlineData("Translator:PublicUrl", "localhost:8318", "Translator:PublicUrl must be an absolute http or https URL such as http://localhost:8318, or unset (got 'localhost:8318')")]
    [InlineData("Translator:Upstream:PublicBaseUrl", "cliproxyapi/v1", "Translator:Upstream:PublicBaseUrl must be an absolute http or https URL such as http://localhost:8317/v1, or unset (got 'cliproxyapi/v1')")]
    public async Task Refuses_to_start_with_a_wrong_setting_and_names_it(string key, string value, string expected)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0", [key] = value });
        builder.AddTranslator();
        await using var app = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(expected, exception.Message);
    }

    [Fact]
    [Trait("Category", BuiltTranslator.Category)]
    public async Task Started_from_another_folder_the_built_app_logs_no_key_from_a_query_string()
    {
        // No appsettings.json in the working directory: the safe log levels must come from the app itself.
        var elsewhere = Directory.CreateTempSubdirectory("translator-cwd-");
        string log;
        try
        {
            await using var app = await BuiltTranslator.StartAsync(new Dictionary<string, string> { ["Translator__Upstream__BaseUrl"] = "http://127.0.0.1:9/v1" }, elsewhere.FullName);
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models?key=sk-query-secret-0451&beta=true");
            request.Headers.Add("anthropic-version", "2023-06-01");
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
            using var unknown = await http.GetAsync("/nowhere?key=sk-query-secret-0451");
            await app.DisposeAsync();
            log = app.Output;
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }

        Assert.Contains("Now listening on", log);
        Assert.DoesNotContain("sk-query-secret-0451", log);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("Information", true)]
    public async Task Keeps_the_request_log_at_warning_unless_configuration_says_otherwise(string? configured, bool logsRequests)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        if (configured is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = configured });
        }

        builder.AddTranslator();
        await using var app = builder.Build();

        var requestLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

        Assert.Equal(logsRequests, requestLog.IsEnabled(LogLevel.Information));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Says_where_to_point_clients_and_warns_about_mapped_models_the_upstream_does_not_list(bool publicUrlsSet)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Models.Remove("gpt-5.4");
        upstream.Models.AddRange(["gpt-5.3-codex", "gpt-5.4-mini"]);
        // As the AppHost sets them: where its proxy publishes the translator, and CLIProxyAPI's published address.
        var settings = publicUrlsSet
            ? new Dictionary<string, string?> { ["Translator:PublicUrl"] = "http://localhost:8318/", ["Translator:Upstream:PublicBaseUrl"] = "http://localhost:8317/v1" }
            : [];
        await using var app = new TranslatorApp(upstream.BaseUrl, settings);
        var (address, upstreamUrl) = publicUrlsSet ? ("http://localhost:8318", "http://localhost:8317/v1") : (app.BaseUrl, upstream.BaseUrl);

        var warning = await WaitForLogAsync(app, r => r.Level == LogLevel.Warning && r.Message.Contains("model gpt-5.4,"));
        var ready = app.Logs.GetSnapshot().Single(r => r.Message.Contains("ANTHROPIC_BASE_URL="));

        Assert.Contains("Translator:Models", warning.Message);
        Assert.Contains("gpt-5.5 would serve instead", warning.Message);
        Assert.Contains($"GET {upstreamUrl}/models", warning.Message);
        Assert.Contains($"ANTHROPIC_BASE_URL={address},", ready.Message);
        Assert.Contains($"Upstream: {upstreamUrl} ", ready.Message);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Message.Contains("model gpt-5.5,"));
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
}
