using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Responses;

/// <summary>The output of a function call: a string, or content parts (text and images).</summary>
[JsonConverter(typeof(ResponsesToolOutputConverter))]
internal sealed record ResponsesToolOutput
{
    public ResponsesToolOutput(string text) => Text = text;

    public ResponsesToolOutput(IReadOnlyList<ResponsesContentPart> parts) => Parts = parts;

    public string? Text { get; }

    public IReadOnlyList<ResponsesContentPart>? Parts { get; }
}
