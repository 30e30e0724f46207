using System.IO.Hashing;
using System.Runtime.InteropServices;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;

namespace Translator.Api.Tokens;

/// <summary>
/// Counts the input tokens of an Anthropic request with GPT-5's tokenizer (o200k_base), as the
/// upstream model will read it in the protocol that carries it: its messages laid out as
/// <see cref="MessageLayout"/> lays them out for the translators, framed as the OpenAI Cookbook frames
/// them (<see cref="MessageFraming"/>), with the tool definitions (<see cref="ToolDefinitionTokens"/>)
/// and media (<see cref="MediaTokens"/>) priced by their own formulas.
/// </summary>
internal sealed class TokenCounter
{
    // The vocabulary (about 5 MB, one copy per process) is loaded by the first count: count_tokens,
    // or a stream's message_start estimate, which overlaps the upstream call. Plain requests never need it.
    private static readonly Lazy<O200kEncoding> Vocabulary = new(O200kEncoding.Load);

    private readonly TokenMemo _memo = new();
    private readonly ToolDefinitionTokens _tools;
    private readonly Action<CancellationToken>? _checkpointProbe;

    /// <param name="checkpointProbe">Sees every <see cref="CountCheckpoints"/> passed: for tests only.</param>
    public TokenCounter(Action<CancellationToken>? checkpointProbe = null)
    {
        _checkpointProbe = checkpointProbe;
        _tools = new ToolDefinitionTokens(this, _memo);
    }

    /// <summary>The tokens of a text; the request's cancellation stops a long count (it throws <see cref="OperationCanceledException"/>).</summary>
    public int Count(string text, CancellationToken cancellationToken = default)
    {
        var checkpoints = new CountCheckpoints(cancellationToken, _checkpointProbe);
        if (text.Length < TokenMemo.MinTextLength)
        {
            return text.Length == 0 ? 0 : Vocabulary.Value.CountTokens(text, checkpoints);
        }

        return (int)_memo.Remember(XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text.AsSpan())), (text, checkpoints), static s => Vocabulary.Value.CountTokens(s.text, s.checkpoints));
    }

    /// <summary>
    /// The input tokens of a request as the upstream model will read it: the system prompt, every
    /// message as <paramref name="layout"/> (the protocol's) lays it out, and the tool definitions,
    /// with the tool names and strict schemas OpenAI's limits change (<see cref="OutputPlan"/>) as they are sent.
    /// </summary>
    /// <param name="plan">The request's <see cref="OutputPlan"/>, made once per request by its caller.</param>
    public long Count(MessagesRequest request, OutputPlan plan, MessageLayout layout, CancellationToken cancellationToken = default)
    {
        long total = MessageFraming.ReplyPriming;
        if (BillingLine.Strip(request.System) is { } system && CountJoined(system, cancellationToken) is > 0 and var systemTokens)
        {
            total += MessageFraming.PerMessage + Count("system", cancellationToken) + systemTokens;
        }

        foreach (var message in request.Messages!)
        {
            var content = message.Content!;
            total += (message.Role, content.Blocks) switch
            {
                ("system", _) => MessageFraming.PerMessage + Count(layout.SystemRole, cancellationToken) + CountJoined(content, cancellationToken),
                (var role, null) => MessageFraming.PerMessage + Count(role!, cancellationToken) + Count(content.Text!, cancellationToken),
                ("assistant", { } blocks) => CountAssistant(blocks, layout, plan, cancellationToken),
                (_, { } blocks) => CountUser(blocks, layout, cancellationToken),
            };
        }

        if (LoadedTools.Of(request) is { Count: > 0 } tools)
        {
            total += _tools.Count(tools, plan, cancellationToken);
        }

        return total;
    }

    /// <summary>
    /// Text blocks as the upstream reads them, joined by blank lines (a system prompt): remembered by
    /// a hash of the blocks, so that a prompt resent every turn is not joined into a new string each time.
    /// </summary>
    private long CountJoined(MessageContent content, CancellationToken cancellationToken)
    {
        if (content.Blocks is not { Count: > 1 } blocks)
        {
            return Count(AnthropicContent.JoinText(content), cancellationToken);
        }

        var hash = new XxHash128();
        hash.Append("joined"u8);
        foreach (var block in blocks)
        {
            TokenMemo.AppendPart(hash, MemoryMarshal.AsBytes(block.Text.AsSpan()));
        }

        return _memo.Remember(hash.GetCurrentHashAsUInt128(), content, joined => Count(AnthropicContent.JoinText(joined), cancellationToken));
    }

    private long CountAssistant(IReadOnlyList<ContentBlock> blocks, MessageLayout layout, OutputPlan plan, CancellationToken cancellationToken)
    {
        var turn = new AssistantTurnTokens(this, plan, cancellationToken);
        layout.LayOutAssistant(blocks, ref turn);
        return turn.Total;
    }

    private long CountUser(IReadOnlyList<ContentBlock> blocks, MessageLayout layout, CancellationToken cancellationToken)
    {
        var turn = new UserTurnTokens(this, cancellationToken);
        layout.LayOutUser(blocks, ref turn);
        return turn.Total;
    }
}
