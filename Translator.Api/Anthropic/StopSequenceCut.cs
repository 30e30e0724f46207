using System.Text;

namespace Translator.Api.Anthropic;

/// <summary>
/// A complete answer cut at the first of the request's stop sequences, as a stream is cut by
/// <see cref="StopSequenceMatcher"/>: its text ends before the sequence, the blocks after it (which
/// the model would not have written) are dropped, and it stops with <c>stop_sequence</c>. Thinking
/// and tool calls are not matched. Usage stays the upstream's: it generated the whole answer.
/// </summary>
internal static class StopSequenceCut
{
    public static MessagesResponse Apply(MessagesResponse message, IReadOnlyList<string>? stopSequences)
    {
        if (StopSequenceMatcher.For(stopSequences) is not { } matcher)
        {
            return message;
        }

        for (var i = 0; i < message.Content.Count; i++)
        {
            if (message.Content[i] is not ResponseTextBlock text)
            {
                continue;
            }

            var before = matcher.Feed(Encoding.UTF8.GetBytes(text.Text));
            if (matcher.Matched is not { } sequence)
            {
                matcher.Flush();
                continue;
            }

            var kept = message.Content.Take(i).ToList();
            if (!before.IsEmpty)
            {
                kept.Add(text with { Text = Encoding.UTF8.GetString(before) });
            }

            return message with { Content = kept, StopReason = StopReasons.StopSequence, StopSequence = sequence };
        }

        return message;
    }
}
