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
    IReadOnlyList<TranslatorBuild> Builds,
    IReadOnlyList<int> Concurrencies,
    IReadOnlyDictionary<string, string> TranslatorEnvironment)
{
    /// <summary>
    /// <c>--runs N --seconds N --streams N --markdown PATH --soak N --protocols chat,responses</c>,
    /// <c>--one-call [--settle N] [--only TEXT]</c> (the memory one large call leaves behind N seconds after it, default 10;
    /// only the calls whose name holds TEXT) and
    /// <c>--env KEY=VALUE</c> (repeatable: extra environment for the translators, to compare settings),
    /// <c>--translator [NAME=]PATH</c> (repeatable: the builds to measure side by side, each a
    /// <c>Translator.Api.dll</c> or a native executable; default the build beside the driver) and
    /// <c>--env-for NAME KEY=VALUE</c> (repeatable: environment for the build named NAME alone) and
    /// <c>--concurrency 1,32,256</c> (the closed-loop concurrencies).
    /// </summary>
    public static DriverOptions Parse(string[] args)
    {
        var environment = new Dictionary<string, string>();
        var builds = new List<string>();
        var buildEnvironments = new Dictionary<string, Dictionary<string, string>>();
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--env-for" && i + 2 < args.Length && args[i + 2].Split('=', 2) is [var buildKey, var buildValue])
            {
                buildEnvironments.TryAdd(args[i + 1], []);
                buildEnvironments[args[i + 1]][buildKey] = buildValue;
            }

            if (args[i] == "--env" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                environment[key] = value;
            }

            if (args[i] == "--translator")
            {
                builds.Add(args[i + 1]);
            }
        }

        // The load runs compare the translated call with the same call sent direct, through nginx and
        // through the passthrough: a complete answer from the upstream. As shipped, the translator
        // streams it from the upstream and assembles it (AlwaysStream): another upstream call, 50
        // chunks instead of one body; `--env Translator__Upstream__AlwaysStream=true` measures that.
        // The soak and the one-call memory run the translator as shipped.
        if (!args.Contains("--soak") && !args.Contains("--one-call"))
        {
            environment.TryAdd(CompleteUpstreamAnswers.Key, CompleteUpstreamAnswers.Value);
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
            Builds: builds.Count > 0
                ? [.. builds.Select(b => TranslatorBuild.Parse(b, buildEnvironments.GetValueOrDefault(b.Split('=', 2)[0]) ?? []))]
                : [TranslatorBuild.BesideTheDriver],
            Concurrencies: [.. (StringArg(args, "--concurrency") ?? "1,32,256").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)],
            TranslatorEnvironment: environment);
    }

    /// <summary>The setting that has the translator ask the upstream for a complete answer when its client does.</summary>
    public static KeyValuePair<string, string> CompleteUpstreamAnswers { get; } = new("Translator__Upstream__AlwaysStream", "false");

    private static int IntArg(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;

    private static string? StringArg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
