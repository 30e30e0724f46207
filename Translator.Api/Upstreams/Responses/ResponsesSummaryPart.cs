namespace Translator.Api.Upstreams.Responses;

/// <summary>A part of a reasoning summary: <c>{"type":"summary_text","text"}</c>.</summary>
internal sealed record ResponsesSummaryPart(string Type, string Text)
{
    public static ResponsesSummaryPart Of(string text) => new("summary_text", text);
}
