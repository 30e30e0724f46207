namespace Translator.Api.Anthropic;

/// <summary>One capability: <c>{supported}</c>.</summary>
internal sealed record Capability(bool Supported)
{
    public static readonly Capability Yes = new(true);
    public static readonly Capability No = new(false);
}
