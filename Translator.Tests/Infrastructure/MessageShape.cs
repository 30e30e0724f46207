using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;

namespace Translator.Tests.Infrastructure;

public static class MessageShape
{
    /// <summary>What a client can observe of a message, without its random id.</summary>
    public static string Of(Message message)
    {
        var shape = new StringBuilder();
        foreach (var block in message.Content)
        {
            if (block.TryPickText(out var text))
            {
                shape.AppendLine($"text {text.Text}");
            }
            else if (block.TryPickThinking(out var thinking))
            {
                shape.AppendLine($"thinking {thinking.Thinking} signature[{thinking.Signature}]");
            }
            else if (block.TryPickToolUse(out var tool))
            {
                shape.AppendLine($"tool_use {tool.ID} {tool.Name} {JsonSerializer.Serialize(tool.Input)}");
            }
            else
            {
                shape.AppendLine($"other {block.Json}");
            }
        }

        shape.AppendLine($"stop {message.StopReason?.Raw()} {message.StopSequence}");
        shape.AppendLine($"usage {message.Usage.InputTokens} {message.Usage.CacheReadInputTokens} {message.Usage.CacheCreationInputTokens} {message.Usage.OutputTokens}");
        return shape.ToString();
    }
}
