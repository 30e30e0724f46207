using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// How a request's turns are laid out upstream, written once for both request translators and the
/// token counter, so that what is counted is what is sent. In a user turn, the tool results answer
/// the previous assistant turn, so they come first, one tool message (Chat) or
/// <c>function_call_output</c> (Responses) each, holding the result's text; the rest of the turn
/// follows as one user message. The media a tool returned (images, PDFs) go where the protocol
/// takes them: a Chat tool message takes text parts only, so there they follow in the user message
/// after a label naming the call; a Responses <c>function_call_output</c> takes input_image and
/// input_file parts, so there they stay with the output. An assistant turn is one Chat message, its
/// texts joined by blank lines and carrying its tool calls; in Responses, its items keep the turn's
/// order (reasoning, searches, calls, and the text between them as messages of their own).
/// </summary>
internal sealed class MessageLayout
{
    private MessageLayout(string systemRole, bool toolMediaInOutput, bool itemsInOrder)
    {
        SystemRole = systemRole;
        ToolMediaInOutput = toolMediaInOutput;
        ItemsInOrder = itemsInOrder;
    }

    /// <summary>Chat Completions: a tool's media follow in the user message; an assistant turn is one message.</summary>
    public static MessageLayout Chat { get; } = new("system", toolMediaInOutput: false, itemsInOrder: false);

    /// <summary>Responses: a tool's media go with its output; an assistant turn's items keep their order.</summary>
    public static MessageLayout Responses { get; } = new("developer", toolMediaInOutput: true, itemsInOrder: true);

    /// <summary>The role of a system message within the conversation (Responses takes <c>developer</c> there).</summary>
    public string SystemRole { get; }

    /// <summary>Whether a tool result's media go with its output rather than in the user message after it.</summary>
    public bool ToolMediaInOutput { get; }

    /// <summary>
    /// Whether an assistant turn's items keep their order, its reasoning and searches handed back,
    /// rather than becoming one message (Chat Completions has no input for prior reasoning or searches).
    /// </summary>
    public bool ItemsInOrder { get; }

    /// <summary>Lays an assistant turn's blocks out: its tool calls and messages, and where kept, its reasoning and searches.</summary>
    public void LayOutAssistant<TWriter>(IReadOnlyList<ContentBlock> blocks, ref TWriter writer)
        where TWriter : struct, IAssistantTurnWriter
    {
        var text = default(TurnText);
        var hasCalls = false;
        foreach (var block in blocks)
        {
            switch (block.Type)
            {
                case "text" when block.Text is { Length: > 0 }:
                    text.Append(block.Text);
                    break;
                case "thinking" when ItemsInOrder && ReasoningSignature.TryDecode(block.Signature, out var itemId, out var encrypted):
                    Flush(ref text, ref writer);
                    writer.Reasoning(block, itemId, encrypted);
                    break;
                case WebSearch.ServerToolUse when ItemsInOrder:
                    Flush(ref text, ref writer);
                    writer.WebSearchCall(block);
                    break;
                case "tool_use":
                    if (ItemsInOrder)
                    {
                        Flush(ref text, ref writer);
                    }

                    hasCalls = true;
                    writer.ToolCall(block, ToolIdCodec.ToUpstream(block.Id!));
                    break;
            }
        }

        if (ItemsInOrder)
        {
            Flush(ref text, ref writer);
        }
        else if (hasCalls || !text.IsEmpty)
        {
            writer.Message(text.Take());
        }
    }

    /// <summary>Lays a user turn's blocks out: every tool result first, then the parts of the user message.</summary>
    public void LayOutUser<TWriter>(IReadOnlyList<ContentBlock> blocks, ref TWriter writer)
        where TWriter : struct, IUserTurnWriter
    {
        foreach (var block in blocks)
        {
            if (block.Type != "tool_result")
            {
                continue;
            }

            var (text, media) = AnthropicContent.SplitToolResult(block);
            media.RemoveAll(static item => !IsMessagePart(item));
            writer.ToolResult(block, ToolIdCodec.ToUpstream(block.ToolUseId!), text, ToolMediaInOutput ? media : Array.Empty<ContentBlock>());
            if (!ToolMediaInOutput && media.Count > 0)
            {
                writer.UserText($"Attachments returned by tool call {block.ToolUseId}:");
                foreach (var item in media)
                {
                    writer.UserPart(item);
                }
            }
        }

        foreach (var block in blocks)
        {
            if (IsMessagePart(block))
            {
                writer.UserPart(block);
            }
        }
    }

    private static void Flush<TWriter>(ref TurnText text, ref TWriter writer)
        where TWriter : struct, IAssistantTurnWriter
    {
        if (text.Take() is { } message)
        {
            writer.Message(message);
        }
    }

    /// <summary>Whether a block becomes a content part of a message (an empty text does not).</summary>
    private static bool IsMessagePart(ContentBlock block) => block.Type is "image" or "document" or "search_result" || block is { Type: "text", Text.Length: > 0 };
}
