using Translator.Api.Anthropic;
using Translator.Api.Upstreams;

namespace Translator.Api.Tokens;

/// <summary>A user turn's tokens, laid out as the protocol sends it (<see cref="MessageLayout"/>).</summary>
internal struct UserTurnTokens(TokenCounter counter, CancellationToken cancellationToken) : IUserTurnWriter
{
    private long _toolResults;
    private long _userParts;
    private bool _hasUserMessage;

    /// <summary>The tool results, and the user message if the turn left anything for it.</summary>
    public readonly long Total => _toolResults + (_hasUserMessage ? MessageFraming.PerMessage + counter.Count("user", cancellationToken) + _userParts : 0);

    public void ToolResult(ContentBlock result, string callId, string text, IReadOnlyList<ContentBlock> media)
    {
        _toolResults += MessageFraming.PerMessage + counter.Count("tool", cancellationToken) + counter.Count(callId, cancellationToken) + counter.Count(text, cancellationToken);
        foreach (var item in media)
        {
            _toolResults += Part(item);
        }
    }

    public void UserText(string text)
    {
        _hasUserMessage = true;
        _userParts += counter.Count(text, cancellationToken);
    }

    public void UserPart(ContentBlock block)
    {
        _hasUserMessage = true;
        _userParts += Part(block);
    }

    private readonly long Part(ContentBlock block) => block switch
    {
        { Type: "text" } => counter.Count(block.Text!, cancellationToken),
        { Type: "image", Source.Type: "base64" } => MediaTokens.Image(block.Source.Data!),
        { Type: "image" } => MediaTokens.UnknownImage,
        { Type: "search_result" } => counter.Count(AnthropicContent.SearchResultText(block), cancellationToken),
        { Type: "document" } when InputMedia.DocumentText(block) is { } text => counter.Count(text, cancellationToken),
        { Type: "document", Source.Type: "base64" } => MediaTokens.Pdf(block.Source.Data!),
        { Type: "document" } => MediaTokens.PdfPage,
        _ => 0,
    };
}
