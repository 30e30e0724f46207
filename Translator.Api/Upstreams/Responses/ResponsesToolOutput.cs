using System.Text.Json.Serialization;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>The output of a function call: a string, or content parts (text and images).</summary>
[JsonConverter(typeof(StringOrObjectsConverter<ResponsesToolOutput, ResponsesContentPart>))]
internal sealed record ResponsesToolOutput : IStringOrObjects<ResponsesToolOutput, ResponsesContentPart>
{
    public ResponsesToolOutput(string text) => Text = text;

    public ResponsesToolOutput(IReadOnlyList<ResponsesContentPart> parts) => Parts = parts;

    public static string ExpectedShape => "Expected a string or content parts.";

    public string? Text { get; }

    public IReadOnlyList<ResponsesContentPart>? Parts { get; }

    IReadOnlyList<ResponsesContentPart>? IStringOrObjects<ResponsesToolOutput, ResponsesContentPart>.Objects => Parts;

    bool IStringOrObjects<ResponsesToolOutput, ResponsesContentPart>.IsSingleObject => false;

    public static ResponsesToolOutput FromText(string text) => new(text);

    public static ResponsesToolOutput FromObjects(IReadOnlyList<ResponsesContentPart> objects, bool isSingleObject) => new(objects);
}
