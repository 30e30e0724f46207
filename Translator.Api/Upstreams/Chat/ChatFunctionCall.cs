namespace Translator.Api.Upstreams.Chat;

/// <summary>The name and the JSON text of the arguments of a function call.</summary>
internal sealed record ChatFunctionCall
{
    public string? Name { get; init; }
    public string? Arguments { get; init; }
}
