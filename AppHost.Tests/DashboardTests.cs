using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AppHost.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Playwright;

namespace AppHost.Tests;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium, headless, driven by Playwright): what a user
/// sees of one <c>/v1/messages</c> call. Screenshots go to TestResults/apphost/.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed partial class DashboardTests
{
    private static readonly TimeSpan TelemetryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Shows_the_trace_of_a_messages_call_with_the_translator_the_genai_span_and_the_cliproxyapi_hop()
    {
        await using var run = await AppHostRun.StartAsync(new AppHostSettings(Paths.StandIn, Paths.AuthDirWithLogin(), Dashboard: true));
        await run.WaitForHealthyAsync("translator");
        await run.WaitForAsync("aspire-dashboard", e => e.Snapshot.State?.Text == KnownResourceStates.Running);
        // The first calls warm the translator up (JIT); the last, whose trace the client starts (as a
        // traced client would, with traceparent), is the one looked for.
        var traceId = ActivityTraceId.CreateRandom();
        using (var http = run.App.CreateHttpClient("translator", "http"))
        {
            foreach (var id in new[] { ActivityTraceId.CreateRandom(), ActivityTraceId.CreateRandom(), traceId })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
                {
                    Content = new StringContent("""{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello"}]}""", Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("traceparent", $"00-{id.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
                request.Headers.Add("anthropic-version", "2023-06-01");
                using var response = await http.SendAsync(request);
                Assert.Contains(Messages.StandInGreeting, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(Browser.Options());
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 900 } });
        page.SetDefaultTimeout((float)TelemetryTimeout.TotalMilliseconds);

        // The login link the AppHost prints, then the resources page.
        await page.GotoAsync($"{run.DashboardUrl}/login?t={run.BrowserToken}");
        await page.GetByText("cliproxyapi").First.WaitForAsync();
        await page.GetByText("translator").First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.Artifacts, "dashboard-resources.png") });

        // Nothing is served over https (the launch profile is http), so the dashboard does not warn that no development certificate is trusted.
        Assert.Equal(0, await page.GetByText("development certificate").CountAsync());

        // The traces page lists the call; telemetry comes in batches, so the page is reloaded until it does.
        // Its row shows the trace's name and the start of its id.
        var trace = page.Locator("[role=row]", new() { HasText = traceId.ToHexString()[..7] }).GetByText("translator: POST /v1/messages").First;
        var deadline = DateTime.UtcNow + TelemetryTimeout;
        do
        {
            await page.GotoAsync($"{run.DashboardUrl}/traces");
            try
            {
                await trace.WaitForAsync(new() { Timeout = 5000 });
                break;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
        while (true);

        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.Artifacts, "dashboard-traces.png") });

        // Its detail: the translator's server span, the GenAI span with its duration, the hop to CLIProxyAPI.
        await trace.ClickAsync();
        var genAi = page.GetByText("chat claude-sonnet-4-5").First;
        await genAi.WaitForAsync();
        await page.GetByText("cliproxyapi").First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.Artifacts, "dashboard-trace.png"), FullPage = true });

        var text = await page.InnerTextAsync("body");
        Assert.Contains("POST /v1/messages", text, StringComparison.Ordinal);
        Assert.Contains("chat claude-sonnet-4-5", text, StringComparison.Ordinal);
        Assert.Contains("cliproxyapi", text, StringComparison.Ordinal);
        var genAiRow = await page.Locator("[role=row]", new() { HasText = "chat claude-sonnet-4-5" }).First.InnerTextAsync();
        Assert.Matches(Duration(), genAiRow);
    }

    [Fact]
    public async Task Offers_Log_in_to_Codex_on_cliproxyapis_row_and_by_name_in_its_menu_while_there_is_no_login()
    {
        await using var run = await AppHostRun.StartAsync(new AppHostSettings(Paths.StandIn, Paths.TempDirectory("cliproxyapi-auth-").FullName, Dashboard: true), untilStarted: false);
        await run.WaitForAsync("aspire-dashboard", e => e.Snapshot.State?.Text == KnownResourceStates.Running);
        await run.WaitForAsync("cliproxyapi", e => e.Snapshot.HealthReports.Any(r => r.Name == "cliproxyapi-codex-login" && r.Status == HealthStatus.Unhealthy));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(Browser.Options());
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 900 } });
        page.SetDefaultTimeout((float)TelemetryTimeout.TotalMilliseconds);
        await page.GotoAsync($"{run.DashboardUrl}/login?t={run.BrowserToken}");

        // On the row, a highlighted command is an icon button; its description, which starts with its name, is the tooltip.
        // The row is the one whose name cell is exactly the resource's: other rows can mention it (the translator waits for it).
        var row = page.Locator("[role=row]").Filter(new() { Has = page.GetByText("cliproxyapi", new() { Exact = true }) }).First;
        await WaitOrExplainAsync(page, row.Locator("[title^=\"Log in to Codex: \"]"), "dashboard-codex-login-missing.png");

        // In the row's "..." menu it is listed by its name.
        await row.GetByTitle("Actions", new() { Exact = true }).ClickAsync();
        var item = page.Locator("fluent-menu-item", new() { HasText = "Log in to Codex" });
        await item.WaitForAsync();
        Assert.Equal("Log in to Codex", (await item.InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.Artifacts, "dashboard-codex-login.png") });
        await page.Keyboard.PressAsync("Escape");

        // Its details: the health check's short reason, and how to log in.
        await row.GetByText("cliproxyapi", new() { Exact = true }).ClickAsync();
        await page.GetByText("No Codex login: press Log in to Codex").First.WaitForAsync();
        await page.GetByText("Codex login", new() { Exact = true }).WaitForAsync();
    }

    /// <summary>
    /// Waits for <paramref name="locator"/>; if it never comes, fails with what the page showed instead (every row's
    /// text and a screenshot in TestResults/apphost/), so a failure on a loaded CI machine can be read afterwards.
    /// </summary>
    private static async Task WaitOrExplainAsync(IPage page, ILocator locator, string screenshot)
    {
        try
        {
            await locator.WaitForAsync();
        }
        catch (TimeoutException e)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.Artifacts, screenshot), FullPage = true });
            var rows = await page.Locator("[role=row]").AllInnerTextsAsync();
            throw new TimeoutException($"{e.Message}{Environment.NewLine}The page's rows:{Environment.NewLine}{string.Join(Environment.NewLine, rows)}", e);
        }
    }

    [GeneratedRegex(@"\d+(\.\d+)?\s?(μs|ms|s)\b")]
    private static partial Regex Duration();
}
