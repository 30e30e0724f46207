using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>What an assistant turn becomes upstream, in the order <see cref="MessageLayout"/> lays it out.</summary>
internal interface IAssistantTurnWriter
{
    /// <summary>A tool call the model made.</summary>
    /// <param name="callId">Its id as the upstream knows it.</param>
    void ToolCall(ContentBlock toolUse, string callId);

    /// <summary>
    /// An assistant message: where the protocol keeps the turn's items in order, the text since the
    /// last item; where it does not, the whole turn's text (null when there is none), which carries
    /// the calls written before it.
    /// </summary>
    void Message(string? text);

    /// <summary>Reasoning of an earlier turn, handed back (only where the protocol keeps items in order).</summary>
    void Reasoning(ContentBlock thinking, string itemId, string encryptedContent);

    /// <summary>A hosted web search of an earlier turn, replayed (only where the protocol keeps items in order).</summary>
    void WebSearchCall(ContentBlock serverToolUse);
}
