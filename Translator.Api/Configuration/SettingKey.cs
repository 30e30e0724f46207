namespace Translator.Api.Configuration;

/// <summary>
/// One key an options class binds. Each options class lists its own, beside its properties, so that
/// the start-up check can refuse a key the binder would silently ignore (a misspelling leaves the
/// setting at its default) without reflecting over the options types, which trimming would break.
/// </summary>
internal sealed record SettingKey(string Name, SettingShape Shape, IReadOnlyList<SettingKey> Keys)
{
    public static SettingKey Value(string name) => new(name, SettingShape.Value, []);

    public static SettingKey Map(string name) => new(name, SettingShape.Map, []);

    /// <summary>Several plain values at once, for the options classes that bind many.</summary>
    public static IEnumerable<SettingKey> Values(params string[] names) => names.Select(Value);

    /// <summary>Several maps at once.</summary>
    public static IEnumerable<SettingKey> Maps(params string[] names) => names.Select(Map);

    public static SettingKey List(string name) => new(name, SettingShape.List, []);

    public static SettingKey Section(string name, IReadOnlyList<SettingKey> keys) => new(name, SettingShape.Section, keys);
}
