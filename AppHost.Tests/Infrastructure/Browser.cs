using Microsoft.Playwright;

namespace AppHost.Tests.Infrastructure;

/// <summary>Headless Chromium from the system's package (<c>./test.sh</c> installs it): no browser download.</summary>
internal static class Browser
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions Options() => new()
    {
        ExecutablePath = File.Exists(ExecutablePath)
            ? ExecutablePath
            : throw new FileNotFoundException($"Chromium is not at {ExecutablePath}: run ./test.sh, which installs it, or `sudo apt-get install chromium`, or set CHROMIUM_PATH."),
        Headless = true,
        // No sandbox as root in CI; no background networking, which this machine's closed network refuses.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    };
}
