using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Translator.Api.Extensions;
using Translator.Api.Hosting;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Configuration;

/// <summary>A start the translator cannot make ends with one line that names the cause, and exit code 1.</summary>
public sealed class FailedStartTests
{
    [Theory]
    [Trait("Category", BuiltTranslator.Category)]
    [InlineData("Translator__Upstream__Protocol", "banana", "Translator:Upstream:Protocol must be 'chat' or 'responses' (got 'banana').")]
    [InlineData("Translator__Upstream__HeadersTimeout", "soon", "Translator:Upstream:HeadersTimeout: \"soon\" is not a time span (e.g. 00:02:00).")]
    [InlineData("Translator__Upstream__BaseUrl", "not-a-url", "Translator:Upstream:BaseUrl must be an absolute http or https URL such as http://localhost:8317/v1 (got 'not-a-url').")]
    [InlineData("Translator__Models__Families__opus", "gpt-5.5,claude:", "Translator:Models:Families:opus has 'claude:', which is neither an upstream model, 'claude' nor 'claude:<name>' (got 'gpt-5.5,claude:').")]
    [InlineData("Translator__Upstream__Protcol", "chat", "Unknown setting Translator:Upstream:Protcol; did you mean Translator:Upstream:Protocol?")]
    public async Task The_built_app_refuses_a_wrong_setting_in_one_line_and_exits_with_1(string variable, string value, string expected)
    {
        var (exitCode, output, error) = await BuiltTranslator.RunToExitAsync("http://127.0.0.1:0", (variable, value));

        Assert.Equal(1, exitCode);
        Assert.Equal(expected, error.Trim());
        AssertNoStack(output + error);
    }

    [Fact]
    [Trait("Category", BuiltTranslator.Category)]
    public async Task The_built_app_says_in_one_line_that_its_port_is_in_use_and_exits_with_1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exitCode, output, error) = await BuiltTranslator.RunToExitAsync($"http://127.0.0.1:{port}");

        Assert.Equal(1, exitCode);
        Assert.Equal($"Port {port} is already in use: stop the other process or choose another with --urls", error.Trim());
        AssertNoStack(output + error);
    }

    [Theory]
    [InlineData("Translator:Upstream:HeadersTimeout", "soon", "Translator:Upstream:HeadersTimeout: \"soon\" is not a time span (e.g. 00:02:00).")]
    [InlineData("Translator:Upstream:ResponsesAvailable", "yes", "Translator:Upstream:ResponsesAvailable: \"yes\" is not true or false.")]
    [InlineData("Translator:Limits:MaxSseLineBytes", "99999999999", "Translator:Limits:MaxSseLineBytes: \"99999999999\" is not a whole number up to 2147483647.")]
    [InlineData("Translator:Limits:MaxRequestBodyBytes", "lots", "Translator:Limits:MaxRequestBodyBytes: \"lots\" is not a whole number.")]
    public async Task A_value_the_binder_cannot_convert_is_told_by_its_key_and_value(string key, string value, string expected)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0", [key] = value });
        builder.AddTranslator();
        await using var app = builder.Build();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Equal([expected], StartupFailure.Describe(exception, app.Configuration));
    }

    [Fact]
    public void A_failure_that_is_not_a_setting_or_a_port_keeps_its_exception()
    {
        var configuration = new ConfigurationBuilder().Build();

        Assert.Null(StartupFailure.Describe(new InvalidOperationException("Something else broke."), configuration));
        Assert.Null(StartupFailure.Describe(new AggregateException(new IOException("Disk full."), new InvalidOperationException("Failed to convert configuration value 'x' at 'A:B' to type 'System.Int32'.")), configuration));
    }

    private static void AssertNoStack(string output)
    {
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }
}
