using Microsoft.Playwright;

namespace AppHost.Tests.Infrastructure;

/// <summary>Headless Chromium from Debian's package (<c>.ci/run</c> installs it): no browser download.</summary>
internal static class Browser
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions Options() => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        // No sandbox as root in CI; no background networking, which this machine's closed network refuses.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    };
}
