using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace AppHost.Tests.Infrastructure;

/// <summary>Where the build put what the tests run, and free loopback ports.</summary>
internal static class Paths
{
    /// <summary>The CLIProxyAPI stand-in's executable (CliProxyApi.StandIn, built with the tests).</summary>
    public static string StandIn => Metadata("CliProxyApiStandIn");

    public static string AppHostProject => Metadata("AppHostProject");

    /// <summary>A file of the AppHost's folder, by its path there (<c>cliproxyapi/Dockerfile</c>).</summary>
    public static string AppHostFile(string relativePath) => Path.Combine(Path.GetDirectoryName(AppHostProject)!, relativePath);

    public static string Configuration => typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    /// <summary>Where the tests leave what a person may want to look at (screenshots): TestResults/ at the repository's root.</summary>
    public static string Artifacts => Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(AppHostProject))!, "TestResults", "apphost")).FullName;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A new folder under this test process's own scratch folder, which goes away with the process.</summary>
    public static DirectoryInfo TempDirectory(string prefix) => Scratch.Value.CreateSubdirectory(prefix + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>
    /// Every folder the runs write (logins, rendered configs holding their test keys, manifests) lives
    /// under one per process, removed when the test process exits instead of piling up in /tmp.
    /// </summary>
    private static readonly Lazy<DirectoryInfo> Scratch = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("claudecodex-apphost-tests-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        return root;
    });

    private static void DeleteQuietly(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process of the last run may still hold a file; the OS cleans /tmp in the end.
        }
    }

    /// <summary>A Codex login in CLIProxyAPI's auth folder, as <c>--codex-device-login</c> leaves one.</summary>
    /// <param name="expired">
    /// When its access token expired (CLIProxyAPI's <c>expired</c> field). The stand-in cannot refresh
    /// a token, so a past time makes a login Codex refuses, as one whose refresh failed.
    /// </param>
    public static string AuthDirWithLogin(DateTimeOffset? expired = null)
    {
        var directory = TempDirectory("cliproxyapi-auth-").FullName;
        var login = new Dictionary<string, string> { ["type"] = "codex", ["email"] = "test@example.com" };
        if (expired is { } at)
        {
            login["expired"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        File.WriteAllText(Path.Combine(directory, "codex-test@example.com-plus.json"), System.Text.Json.JsonSerializer.Serialize(login));
        return directory;
    }

    private static string Metadata(string key) => Path.GetFullPath(typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);
}
