namespace Translator.Api.Anthropic;

/// <summary>
/// A JSON value that is a string or objects: Anthropic's message content (a string or blocks),
/// OpenAI's message content and tool output (a string or parts) and tool choice (a mode or one
/// named function). <see cref="StringOrObjectsConverter{TSelf,TObject}"/> reads and writes them
/// all; each type says only which shapes it takes.
/// </summary>
/// <typeparam name="TSelf">The type itself.</typeparam>
/// <typeparam name="TObject">The objects it holds when it is not a string.</typeparam>
internal interface IStringOrObjects<TSelf, TObject>
    where TSelf : class, IStringOrObjects<TSelf, TObject>
{
    /// <summary>What a value of another shape is told, as a <see cref="System.Text.Json.JsonException"/>.</summary>
    static abstract string ExpectedShape { get; }

    /// <summary>Whether an array of objects is a value of the type.</summary>
    static virtual bool TakesArray => true;

    /// <summary>Whether one object, not in an array, is a value of the type.</summary>
    static virtual bool TakesSingleObject => false;

    /// <summary>Set when the value is a string.</summary>
    string? Text { get; }

    /// <summary>Set when the value is objects.</summary>
    IReadOnlyList<TObject>? Objects { get; }

    /// <summary>The one object of <see cref="Objects"/> is written alone, not in an array.</summary>
    bool IsSingleObject { get; }

    static abstract TSelf FromText(string text);

    static abstract TSelf FromObjects(IReadOnlyList<TObject> objects, bool isSingleObject);
}
