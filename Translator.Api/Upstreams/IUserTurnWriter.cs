using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>What a user turn becomes upstream, in the order <see cref="MessageLayout"/> lays it out.</summary>
internal interface IUserTurnWriter
{
    /// <summary>A tool result, a message or item of its own.</summary>
    /// <param name="callId">The call it answers, as the upstream knows it.</param>
    /// <param name="text">Its text (<see cref="AnthropicContent.SplitToolResult"/>).</param>
    /// <param name="media">The images and PDFs that go with it; empty where they follow in the user message.</param>
    void ToolResult(ContentBlock result, string callId, string text, IReadOnlyList<ContentBlock> media);

    /// <summary>A text of the user message that no block holds (the label before a tool's media).</summary>
    void UserText(string text);

    /// <summary>A part of the user message: a text, image or document block of the turn, or one a tool returned.</summary>
    void UserPart(ContentBlock block);
}
