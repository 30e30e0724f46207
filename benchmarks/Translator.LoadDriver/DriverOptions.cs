namespace Translator.LoadDriver;

/// <summary>The driver's command line: what to measure, how long, and where the report goes.</summary>
internal sealed record DriverOptions(
    int Runs,
    int Seconds,
    int OpenStreams,
    int SoakRequests,
    bool OneCall,
    int SettleSeconds,
    string? OnlyCases,
    string? MarkdownPath,
    IReadOnlyList<UpstreamWire> Wires,
    IReadOnlyDictionary<string, string> TranslatorEnvironment)
{
    /// <summary>
    /// <c>--runs N --seconds N --streams N --markdown PATH --soak N --protocols chat,responses</c>,
    /// <c>--one-call [--settle N] [--only TEXT]</c> (the memory one large call leaves behind N seconds after it, default 10;
    /// only the calls whose name holds TEXT) and
    /// <c>--env KEY=VALUE</c> (repeatable: extra environment for the translators, to compare settings).
    /// </summary>
    public static DriverOptions Parse(string[] args)
    {
        var environment = new Dictionary<string, string>();
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--env" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                environment[key] = value;
            }
        }

        var protocols = StringArg(args, "--protocols") ?? $"{UpstreamWire.Chat.Protocol},{UpstreamWire.Responses.Protocol}";
        return new DriverOptions(
            Runs: IntArg(args, "--runs", 5),
            Seconds: IntArg(args, "--seconds", 3),
            OpenStreams: IntArg(args, "--streams", 1000),
            SoakRequests: IntArg(args, "--soak", 0),
            OneCall: args.Contains("--one-call"),
            SettleSeconds: IntArg(args, "--settle", 10),
            OnlyCases: StringArg(args, "--only"),
            MarkdownPath: StringArg(args, "--markdown"),
            Wires: [.. protocols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(UpstreamWire.Named)],
            TranslatorEnvironment: environment);
    }

    private static int IntArg(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;

    private static string? StringArg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
