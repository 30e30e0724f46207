using YamlDotNet.RepresentationModel;

namespace AppHost.Tests.Infrastructure;

/// <summary>YAML as the tests read it: parsed by YamlDotNet, walked by key.</summary>
internal static class Yaml
{
    public static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlNode At(this YamlNode node, params string[] keys) =>
        keys.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    public static string Text(this YamlNode node, params string[] keys) => ((YamlScalarNode)node.At(keys)).Value!;

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, params string[] keys) => [.. ((YamlSequenceNode)node.At(keys)).Children];
}
