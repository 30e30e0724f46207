using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Translator.Tests.Architecture;

/// <summary>The house rules of Translator.Api that a reviewer would otherwise have to remember.</summary>
public sealed class LayoutTests
{
    private static readonly Assembly Api = typeof(Program).Assembly;

    [Fact]
    public void Folders_use_each_other_in_one_direction_only()
    {
        var graph = FolderDependencies.Of(Api, "Translator.Api");

        var cycle = FolderDependencies.FindCycle(graph);

        Assert.True(cycle is null, cycle is null ? null : "Folders in a cycle: " + string.Join(" -> ", cycle)
            + "\n" + string.Join("\n", cycle.Zip(cycle.Skip(1), (from, to) => $"  {from} -> {to}: {graph[from][to]}")));
    }

    [Fact]
    public void Each_upstream_protocol_is_used_only_by_the_registration_and_its_own_folder()
    {
        var graph = FolderDependencies.Of(Api, "Translator.Api");

        var users = graph.Where(g => g.Value.Keys.Any(k => k is "Upstreams.Chat" or "Upstreams.Responses")).Select(g => g.Key).Order();

        Assert.Equal(["Extensions"], users);
    }

    [Fact]
    public void The_anthropic_side_depends_on_no_other_folder()
    {
        var graph = FolderDependencies.Of(Api, "Translator.Api");

        Assert.Empty(graph["Anthropic"].Keys);
    }

    [Fact]
    public void The_dependency_reader_sees_a_dependency_that_only_a_method_body_names()
    {
        // MessagesHandler names AnthropicEventWriter only inside a method body.
        var graph = FolderDependencies.Of(Api, "Translator.Api");

        Assert.Contains("Anthropic", graph["Forwarding"].Keys);
        Assert.Contains("Upstreams", graph["Models"].Keys);
    }

    [Fact]
    public void Every_log_message_has_an_event_id_of_its_own()
    {
        var ids = Api.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.NotEmpty(ids);
        var shared = ids.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");
        Assert.Empty(shared);
    }

    [Fact]
    public void No_source_file_is_longer_than_400_lines()
    {
        // Past about 400 lines a file holds more than one concern (STYLE.md, rule 6); generated code is in obj/.
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".tools"))
            .ToList();

        var tooLong = files.Select(f => (File: Path.GetRelativePath(root, f), Lines: File.ReadLines(f).Count())).Where(f => f.Lines > 400).Select(f => $"{f.File}: {f.Lines} lines");

        Assert.NotEmpty(files);
        Assert.Empty(tooLong);
    }

    /// <summary>The repository's folder, above the test output; tests that hold a checked-in file to the code read from it.</summary>
    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClaudeCodex.Aspire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository (ClaudeCodex.Aspire.sln) was not found above the test output.");
    }
}
