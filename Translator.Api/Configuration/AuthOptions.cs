namespace Translator.Api.Configuration;

/// <summary><c>Translator:Auth</c>: who may call the translator.</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// When set, every route but <c>/health</c> and <c>/alive</c> needs one of these keys in
    /// <c>x-api-key</c> or <c>Authorization: Bearer</c>.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Without keys the translator serves loopback clients only, unless this is true.</summary>
    public bool AllowAnonymousRemote { get; set; }

    /// <summary>The keys this class binds, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        SettingKey.List(nameof(ApiKeys)),
        SettingKey.Value(nameof(AllowAnonymousRemote)),
    ];
}
