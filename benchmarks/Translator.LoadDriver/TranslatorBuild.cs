namespace Translator.LoadDriver;

/// <summary>
/// One build of the translator the driver runs: the JIT build's <c>Translator.Api.dll</c> (started
/// with <c>dotnet</c>) or a native executable (the Native AOT publish output, started as it is).
/// </summary>
/// <param name="Name">What the report calls it (<c>jit</c>, <c>aot</c>, or what <c>--translator NAME=PATH</c> said).</param>
/// <param name="Path">The .dll or the executable.</param>
/// <param name="Environment">Environment for this build alone (<c>--env-for NAME KEY=VALUE</c>): two runs of one build with different settings, side by side.</param>
internal sealed record TranslatorBuild(string Name, string Path, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The translator built beside the driver (its project reference): the JIT build, as before.</summary>
    public static TranslatorBuild BesideTheDriver { get; } = new("jit", System.IO.Path.Combine(AppContext.BaseDirectory, "Translator.Api.dll"), new Dictionary<string, string>());

    public bool IsNative => !Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>NAME=PATH</c>, or a bare path named <c>jit</c> for a .dll and <c>aot</c> for an executable.</summary>
    public static TranslatorBuild Parse(string argument, IReadOnlyDictionary<string, string> environment)
    {
        var (name, path) = argument.Split('=', 2) is [var n, var p] ? (n, p) : (null, argument);
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"No translator at '{path}'.", nameof(argument));
        }

        return new TranslatorBuild(name ?? (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? "jit" : "aot"), path, environment);
    }

    /// <summary>
    /// The size of the folder the build is in, as published (MB), without the debug symbols (.pdb,
    /// .dbg: separate files, not needed to run); null for the build beside the driver, whose folder
    /// also holds the driver and everything it references.
    /// </summary>
    public double? PublishFolderMegabytes()
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (string.Equals(System.IO.Path.TrimEndingDirectorySeparator(folder), System.IO.Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.Ordinal))
        {
            return null;
        }

        return new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => f.Extension is not (".pdb" or ".dbg"))
            .Sum(f => f.Length) / (1024.0 * 1024.0);
    }
}
