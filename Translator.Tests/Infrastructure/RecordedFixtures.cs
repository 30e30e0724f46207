using System.Text.Json;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// The recorded wire data in <c>Translator.Tests/Fixtures</c> (copied from the project's shared recordings, with their
/// <c>SOURCES.md</c>), copied beside the test assembly so that a fresh clone tests on its own.
/// </summary>
public static class RecordedFixtures
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string PathOf(string name) => Path.Combine(Directory.Value, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static JsonElement Json(string name) => JsonDocument.Parse(Text(name)).RootElement.Clone();

    /// <summary>A recorded request's body: the <c>body</c> of a recording with headers, or the whole file.</summary>
    public static string RequestBody(string name)
    {
        var json = Json(name);
        return (json.TryGetProperty("body", out var body) ? body : json).GetRawText();
    }

    /// <summary>A recorded request's body, streamed or not as the test needs.</summary>
    public static string RequestBody(string name, bool stream)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(RequestBody(name))!.AsObject();
        body["stream"] = stream;
        return body.ToJsonString();
    }

    /// <summary>The data payloads of an SSE file, or the lines of a <c>.jsonl</c> file.</summary>
    public static IReadOnlyList<string> DataPayloads(string name)
    {
        var lines = Text(name).Split('\n');
        return name.EndsWith(".jsonl", StringComparison.Ordinal)
            ? lines.Where(l => l.Trim().Length > 0).ToList()
            : lines.Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].TrimStart()).ToList();
    }

    private static string Locate()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        return System.IO.Directory.Exists(directory)
            ? directory
            : throw new DirectoryNotFoundException($"The recorded fixtures were not copied beside the tests ({directory}); build Translator.Tests again.");
    }
}
