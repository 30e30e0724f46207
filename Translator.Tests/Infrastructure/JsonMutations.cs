using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// Seeded structural edits of a JSON request, for fuzzing that must replay exactly: members deleted,
/// values retyped, members and elements duplicated (keys too), objects and arrays reordered, strings
/// given lone surrogates, NUL, bidi controls, emoji, or grown to megabytes.
/// </summary>
public static class JsonMutations
{
    /// <summary>Marks text that <see cref="Write"/> turns into what a JSON node cannot hold: lone surrogates, a repeated key.</summary>
    private const char Marker = '\u0001';

    private static readonly string[] Inserts =
    [
        Marker + "H", Marker + "L", "\0", "\u202E", "\u200F", "\u2066", "😀", "👩‍👩‍👧", "\uFEFF", "\uFFFF", "e\u0301", "\u0085", "\u2028",
    ];

    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e300", "9223372036854775808", "\"\"", "\"x\"", "[]", "{}", "[1,\"a\",null]", "{\"type\":\"x\"}",
        "{\"type\":\"text\",\"text\":\"hi\"}",
    ];

    /// <summary>One to four edits of <paramref name="seed"/>; what was done goes to <paramref name="log"/>.</summary>
    public static byte[] Mutate(string seed, Random random, StringBuilder log)
    {
        var root = JsonNode.Parse(seed)!;
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var node = nodes[random.Next(nodes.Count)];
            log.Append(Edit(root, node, random)).Append("; ");
        }

        return Write(root, relaxed: random.Next(2) == 0);
    }

    private static string Edit(JsonNode root, JsonNode node, Random random)
    {
        var path = node.GetPath();
        switch (random.Next(7))
        {
            case 0 when node.Parent is not null:
                Remove(node);
                return $"removed {path}";
            case 1 when node.Parent is not null:
                var value = Values[random.Next(Values.Length)];
                Replace(node, JsonNode.Parse(value));
                return $"{path} = {value}";
            case 2 when node.Parent is JsonArray array:
                array.Insert(array.IndexOf(node), node.DeepClone());
                return $"duplicated {path}";
            case 2 when node.Parent is JsonObject parent:
                parent[Marker + "K" + node.GetPropertyName()] = node.DeepClone();
                return $"repeated the key of {path}";
            case 3 when node is JsonObject or JsonArray:
                Shuffle(node, random);
                return $"reordered {path}";
            case 4 when node is JsonValue v && v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                var insert = Inserts[random.Next(Inserts.Length)];
                var at = random.Next(text.Length + 1);
                Replace(node, JsonValue.Create(text[..at] + insert + text[at..]));
                return $"inserted U+{(int)insert[0]:X4}… into {path} at {at}";
            case 5 when node.Parent is not null && random.Next(20) == 0:
                var length = random.Next(3 * 1024 * 1024);
                Replace(node, JsonValue.Create(Large(length, random)));
                return $"{path} = a string of {length} characters";
            default:
                return root == node ? "nothing" : $"kept {path}";
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            Collect(child, nodes);
        }
    }

    private static void Remove(JsonNode node)
    {
        if (node.Parent is JsonObject obj)
        {
            obj.Remove(node.GetPropertyName());
        }
        else
        {
            ((JsonArray)node.Parent!).Remove(node);
        }
    }

    private static void Replace(JsonNode node, JsonNode? value)
    {
        if (node.Parent is JsonObject obj)
        {
            obj[node.GetPropertyName()] = value;
        }
        else if (node.Parent is JsonArray array)
        {
            array[array.IndexOf(node)] = value;
        }
    }

    private static void Shuffle(JsonNode node, Random random)
    {
        if (node is JsonObject obj)
        {
            var members = obj.ToList();
            obj.Clear();
            foreach (var (name, value) in members.OrderBy(_ => random.Next()))
            {
                obj[name] = value;
            }
        }
        else if (node is JsonArray array)
        {
            var elements = array.ToList();
            array.Clear();
            foreach (var element in elements.OrderBy(_ => random.Next()))
            {
                array.Add(element);
            }
        }
    }

    /// <summary>Words of mixed scripts, as a pasted log or file would be.</summary>
    private static string Large(int length, Random random)
    {
        const string Alphabet = "abcdefghij klmnop qrstuv wxyz 0123456789 éüß жщ 中文 العربية\n\t{}\"\\";
        return string.Create(length, random.Next(), static (span, seed) =>
        {
            var generator = new Random(seed);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[generator.Next(Alphabet.Length)];
            }
        });
    }

    /// <summary>The JSON text, escaped (the default) or with UTF-8 left as is; markers become lone surrogates and repeated keys.</summary>
    private static byte[] Write(JsonNode root, bool relaxed)
    {
        var json = root.ToJsonString(new JsonSerializerOptions { Encoder = relaxed ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default });
        return Encoding.UTF8.GetBytes(json
            .Replace("\\u0001H", "\\uD83D", StringComparison.Ordinal)
            .Replace("\\u0001L", "\\uDE00", StringComparison.Ordinal)
            .Replace("\\u0001K", "", StringComparison.Ordinal));
    }
}
