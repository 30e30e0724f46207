namespace Translator.Api.Configuration;

/// <summary>What a key under <c>Translator</c> holds, for the start-up check of unknown settings.</summary>
internal enum SettingShape
{
    /// <summary>A single value: a string, number, flag or time span.</summary>
    Value,

    /// <summary>Keys of its own, each declared.</summary>
    Section,

    /// <summary>A dictionary: the user names its entries, each a value.</summary>
    Map,

    /// <summary>A list: its entries are numbered from 0, each a value.</summary>
    List,
}
