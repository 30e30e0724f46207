using System.Reflection;
using System.Reflection.Emit;

namespace Translator.Tests.Architecture;

/// <summary>
/// Which folder (namespace) of an assembly uses which, read from the compiled code: signatures,
/// base types and every type, method and field a method body names. Compiler-generated types
/// (lambdas, async state machines) count for the type that declares them.
/// </summary>
public static class FolderDependencies
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value);

    /// <summary>For each namespace, the namespaces it uses, with one example of each use.</summary>
    public static Dictionary<string, Dictionary<string, string>> Of(Assembly assembly, string rootNamespace)
    {
        var graph = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in assembly.GetTypes())
        {
            var from = Folder(type, assembly, rootNamespace);
            if (from is null)
            {
                continue;
            }

            var uses = graph.TryGetValue(from, out var known) ? known : graph[from] = [];
            foreach (var (used, where) in UsedTypes(type))
            {
                if (Folder(used, assembly, rootNamespace) is { } to && to != from)
                {
                    uses.TryAdd(to, $"{Outermost(type).Name}.{where} uses {used.Name}");
                }
            }
        }

        return graph;
    }

    /// <summary>A cycle of namespaces (first = last), or null.</summary>
    public static List<string>? FindCycle(Dictionary<string, Dictionary<string, string>> graph)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order())
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static string? Folder(Type type, Assembly assembly, string rootNamespace)
    {
        if (type.IsGenericParameter || type.Assembly != assembly)
        {
            return null;
        }

        var ns = Outermost(type).Namespace;
        return ns is not null && ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal) ? ns[(rootNamespace.Length + 1)..] : null;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static IEnumerable<(Type Type, string Where)> UsedTypes(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<(Type, string)>();
        void Add(Type? used, string where)
        {
            if (used is null)
            {
                return;
            }

            if (used.HasElementType)
            {
                Add(used.GetElementType(), where);
                return;
            }

            found.Add((used, where));
            if (used.IsGenericType && !used.IsGenericTypeDefinition)
            {
                foreach (var argument in used.GetGenericArguments())
                {
                    Add(argument, where);
                }
            }
        }

        Add(type.BaseType, "base");
        foreach (var implemented in type.GetInterfaces())
        {
            Add(implemented, "interface");
        }

        foreach (var field in type.GetFields(All))
        {
            Add(field.FieldType, field.Name);
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType, method.Name);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType, method.Name);
            }

            foreach (var local in method.GetMethodBody()?.LocalVariables ?? [])
            {
                Add(local.LocalType, method.Name);
            }

            foreach (var member in BodyMembers(method))
            {
                Add(member as Type ?? member.DeclaringType, method.Name);
                if (member is FieldInfo field)
                {
                    Add(field.FieldType, method.Name);
                }

                if (member is MethodInfo { IsGenericMethod: true } generic)
                {
                    foreach (var argument in generic.GetGenericArguments())
                    {
                        Add(argument, method.Name);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The types, methods and fields a method's IL names.</summary>
    private static IEnumerable<MemberInfo> BodyMembers(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            var size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };

            if (op.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try
                {
                    member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    // A token of a generic context this walk does not model; its type is named elsewhere too.
                }

                if (member is not null)
                {
                    yield return member;
                }
            }

            at += size;
        }
    }
}
