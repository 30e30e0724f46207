using System.Text.Json;
using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>
/// A request content block of any type (<c>text</c>, <c>image</c>, <c>document</c>, <c>search_result</c>,
/// <c>tool_use</c>, <c>tool_result</c>, <c>thinking</c>, <c>redacted_thinking</c>).
/// </summary>
/// <remarks>
/// One flat record rather than a polymorphic hierarchy: the serializer then never fails on an
/// unknown <c>type</c>, and the translator reports it as a 400 naming the block's path.
/// </remarks>
internal sealed record ContentBlock
{
    public string? Type { get; init; }

    /// <summary>text</summary>
    public string? Text { get; init; }

    /// <summary>image, document; search_result (a string)</summary>
    [JsonConverter(typeof(ContentSourceConverter))]
    public ContentSource? Source { get; init; }

    /// <summary>document, search_result</summary>
    public string? Title { get; init; }

    /// <summary>document, search_result: <c>{"enabled": true}</c> asks for citations, which an OpenAI upstream does not give.</summary>
    public JsonElement? Citations { get; init; }

    /// <summary>tool_use</summary>
    public string? Id { get; init; }

    /// <summary>tool_use</summary>
    public string? Name { get; init; }

    /// <summary>tool_use: any JSON value, forwarded as the call's arguments text.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>tool_result</summary>
    public string? ToolUseId { get; init; }

    /// <summary>tool_reference (inside a tool_result): the deferred tool that a tool search loaded.</summary>
    public string? ToolName { get; init; }

    /// <summary>web_search_result: the page found.</summary>
    public string? Url { get; init; }

    /// <summary>web_search_result: Anthropic's opaque form of the page.</summary>
    public string? EncryptedContent { get; init; }

    /// <summary>web_search_tool_result_error (the content of a failed search's result): why.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>tool_result: a string or text/image blocks; search_result: its text blocks.</summary>
    public MessageContent? Content { get; init; }

    /// <summary>tool_result</summary>
    public bool? IsError { get; init; }

    /// <summary>thinking</summary>
    public string? Thinking { get; init; }

    /// <summary>thinking</summary>
    public string? Signature { get; init; }

    /// <summary>redacted_thinking</summary>
    public string? Data { get; init; }

    /// <summary>Any block: a cache breakpoint at the end of this block.</summary>
    public CacheControl? CacheControl { get; init; }
}
