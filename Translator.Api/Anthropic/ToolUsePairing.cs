namespace Translator.Api.Anthropic;

/// <summary>
/// Anthropic's rule that each <c>tool_use</c> of an assistant turn is answered by a <c>tool_result</c>
/// in the next user turn, and no other: the messages are fed to it in order. A <c>system</c> entry
/// between the turns does not count as a turn.
/// </summary>
internal sealed class ToolUsePairing
{
    // The last assistant turn's tool_use ids, until a user turn answers them; one pair of sets is reused for every turn.
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);
    private int _pendingFrom = -1;

    /// <summary>An assistant turn at this index of messages begins; refused, by its path from messages, while the previous one's tool uses are unanswered.</summary>
    public InvalidField? StartAssistantTurn(int message)
    {
        if (_pending.Count > 0)
        {
            return Unanswered(_pending);
        }

        _pendingFrom = message;
        return null;
    }

    /// <summary>A tool_use of the assistant turn; a repeated id is refused, by its path from the block.</summary>
    public InvalidField? Use(string id) => _pending.Add(id) ? null : new("id", $"Duplicate tool_use id {id}.");

    /// <summary>A tool_result of the user turn; refused, with the block's own path, unless it answers a pending tool_use for the first time.</summary>
    public InvalidField? Answer(string toolUseId)
    {
        if (!_pending.Contains(toolUseId))
        {
            // Anthropic's wording, lower case and all, as its 400 prints it (anthropics/claude-code#13460, #14643).
            return InvalidField.Here($"unexpected `tool_use_id` found in `tool_result` blocks: {toolUseId}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
        }

        return _answered.Add(toolUseId) ? null : InvalidField.Here($"Duplicate `tool_result` for tool_use_id {toolUseId}.");
    }

    /// <summary>The user turn ends; refused, by its path from messages, if it left a tool use unanswered.</summary>
    public InvalidField? EndUserTurn()
    {
        // Every answer was pending, so fewer answers than pending ids means some went unanswered.
        if (_answered.Count < _pending.Count)
        {
            return Unanswered(_pending.Except(_answered));
        }

        _pending.Clear();
        _answered.Clear();
        return null;
    }

    /// <summary>
    /// The conversation ends; a final assistant turn's tool uses are refused too (a prefill cannot
    /// end in a tool call, and no upstream takes calls without their results), named at that turn.
    /// </summary>
    public InvalidField? EndConversation() => _pending.Count > 0 ? Wording(_pending).Within(_pendingFrom) : null;

    /// <summary>
    /// Named at the message after the assistant turn, where the results should have been, in
    /// Anthropic's wording as its 400 prints it (anthropics/claude-code#5989 lists two ids).
    /// </summary>
    private InvalidField Unanswered(IEnumerable<string> ids) =>
        Wording(ids).Within(_pendingFrom + 1);

    private static InvalidField Wording(IEnumerable<string> ids) =>
        InvalidField.Here($"`tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", ids)}. Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
}
