using System.Buffers;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Chat;

/// <summary>
/// OpenAI chat chunk stream to Anthropic stream events. Feed it each chunk in order; it writes
/// zero or more events to the <see cref="AnthropicEventWriter"/>. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// Tool calls: OpenAI gives each call an index, sends its id and name once (not always in the
/// call's first chunk) and its arguments in fragments. A call's block opens once its id and name
/// are known, and its fragments are forwarded as they come. A call that starts while another is
/// still incomplete is held back and sent when the first is done, because Anthropic blocks
/// cannot interleave. Arguments are checked as they come (<see cref="JsonObjectTracker"/>): a call
/// whose arguments are not a JSON object ends the stream with an error instead of its
/// <c>content_block_stop</c>, as an Anthropic stream never closes a tool_use whose input does not
/// parse; only a call cut by the token limit is closed unfinished, the stop reason telling so.
/// </remarks>
internal sealed class ChatStreamTranslator(AnthropicEventWriter events, string messageId, string requestedModel, Usage inputEstimate, StreamTranslatorSettings? options = null)
    : StreamTranslator<ChatCompletionChunk>(events, messageId, requestedModel, inputEstimate, new ChatChunkParser(), options)
{
    private readonly List<ToolCallState> _toolCalls = [];
    private ToolCallState? _activeCall;
    private bool _refused;
    private Usage? _usage;

    protected override void Translate(ChatCompletionChunk chunk)
    {
        UpstreamModel ??= chunk.Model;

        // An error after the finish_reason (OpenRouter reports "Token limit reached" that way)
        // does not undo an answer that is complete; before it, the answer is lost.
        if (chunk.Error is { } streamError && FinishReason is null)
        {
            Fail(ChatErrorMap.FromStreamError(streamError));
            return;
        }

        if (chunk.HasChoice && FinishReason is null)
        {
            OnDelta(chunk);
            if (IsDone)
            {
                return;
            }

            if (chunk.FinishReason is { } finishReason)
            {
                FinishReason = finishReason;
                CloseAllBlocks();
                if (IsDone)
                {
                    return;
                }
            }
        }

        if (chunk.Usage is { } usage)
        {
            _usage = ChatUsageMap.ToAnthropic(usage);
        }

        // message_delta carries the final usage, which comes in a chunk of its own after the
        // finish_reason; it is held until then or until the stream ends.
        if (FinishReason is not null && _usage is not null)
        {
            End();
        }
    }

    protected override void CompleteOrFail()
    {
        if (FinishReason is null)
        {
            Fail(ApiError.BadGateway("The upstream stream ended before the answer was complete (no finish_reason)."));
            return;
        }

        End();
    }

    private void OnDelta(ChatCompletionChunk chunk)
    {
        if (chunk.Reasoning is { Length: > 0 } reasoning)
        {
            if (!CloseActiveCall())
            {
                return;
            }

            Events.ThinkingDelta(reasoning);
            Capture(reasoning);
        }

        if (chunk.Content is { Length: > 0 } text)
        {
            if (!CloseActiveCall())
            {
                return;
            }

            Text(text);
            if (IsDone)
            {
                return;
            }
        }
        else if (chunk.Refusal is { Length: > 0 } refusal)
        {
            if (!CloseActiveCall())
            {
                return;
            }

            _refused = true;
            Events.TextDelta(refusal);
        }

        if (!chunk.ToolCalls.IsEmpty)
        {
            foreach (var toolCall in chunk.ToolCalls)
            {
                OnToolCallDelta(toolCall, chunk.ArgumentsOf(toolCall));
                if (IsDone)
                {
                    return;
                }
            }

            Advance();
        }
    }

    private void OnToolCallDelta(ChatToolCallDelta delta, ReadOnlySpan<byte> arguments)
    {
        var call = FindCall(delta.Index);
        if (call is null)
        {
            call = new ToolCallState(delta.Index);
            _toolCalls.Add(call);
        }

        if (call.Id is null && delta.Id is { Length: > 0 } id)
        {
            call.Id = id;
        }

        if (call.Name is null && delta.Name is { Length: > 0 } name)
        {
            call.Name = name;
        }

        if (arguments.IsEmpty)
        {
            return;
        }

        if (call.IsClosed)
        {
            Fail(ApiError.BadGateway($"The upstream sent more arguments for tool call {call.Index} after its block had to be closed."));
            return;
        }

        // Checked before forwarding: a client never sees the fragment that makes the input unparsable.
        call.Tracker.Feed(arguments);
        if (call.Tracker.HasFailed)
        {
            Fail(ToolArguments.NotAnObjectInStream(call.Name));
            return;
        }

        if (call == _activeCall)
        {
            Events.InputJsonDelta(arguments);
        }
        else
        {
            (call.Pending ??= new ArrayBufferWriter<byte>()).Write(arguments);
        }
    }

    /// <summary>Opens the next call in index order once the open one is complete and the next is known.</summary>
    private void Advance()
    {
        while (true)
        {
            if (_activeCall is { Tracker.IsComplete: false })
            {
                return;
            }

            var next = _toolCalls.Find(c => !c.IsStarted);
            if (next is not { Id: not null, Name: not null })
            {
                return;
            }

            if (!CloseActiveCall())
            {
                return;
            }

            StartCall(next);
        }
    }

    private void StartCall(ToolCallState call)
    {
        Events.StartToolUse(ToolIdCodec.ToAnthropic(call.Id), call.Name ?? string.Empty);
        call.IsStarted = true;
        _activeCall = call;
        if (call.Pending is { WrittenCount: > 0 } pending)
        {
            Events.InputJsonDelta(pending.WrittenSpan);
            call.Pending = null;
        }
    }

    /// <summary>
    /// Closes the open call's block if its input is a JSON object, else fails the stream; false
    /// when the stream failed. Only a cut answer (<paramref name="cut"/>) closes a call whose
    /// arguments stopped short, as Anthropic does at max_tokens.
    /// </summary>
    private bool CloseActiveCall(bool cut = false)
    {
        if (_activeCall is not { } call)
        {
            return true;
        }

        if (!call.Tracker.IsWholeObject && !cut)
        {
            Fail(ToolArguments.NotAnObjectInStream(call.Name));
            return false;
        }

        // A call without arguments still needs a JSON object as its input.
        if (call.Tracker.IsBlank)
        {
            Events.InputJsonDelta("{}"u8);
        }

        Events.CloseBlock();
        call.IsClosed = true;
        _activeCall = null;
        return true;
    }

    private void CloseAllBlocks()
    {
        var cut = ChatStopReasonMap.FromFinishReason(FinishReason, hasToolUse: true) is StopReasons.MaxTokens or StopReasons.Refusal;
        if (!CloseActiveCall(cut))
        {
            return;
        }

        foreach (var call in _toolCalls)
        {
            if (!call.IsStarted)
            {
                StartCall(call);
                if (!CloseActiveCall(cut))
                {
                    return;
                }
            }
        }

        Events.CloseBlock();
    }

    private void End() =>
        End(_refused ? StopReasons.Refusal : ChatStopReasonMap.FromFinishReason(FinishReason, _toolCalls.Count > 0), _usage ?? InputEstimate);

    private ToolCallState? FindCall(int index)
    {
        foreach (var call in _toolCalls)
        {
            if (call.Index == index)
            {
                return call;
            }
        }

        return null;
    }

    private sealed class ToolCallState(int index)
    {
        public int Index { get; } = index;
        public string? Id { get; set; }
        public string? Name { get; set; }
        public ArrayBufferWriter<byte>? Pending { get; set; }
        public bool IsStarted { get; set; }
        public bool IsClosed { get; set; }
        public JsonObjectTracker Tracker;
    }
}
