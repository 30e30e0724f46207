namespace Translator.Api.Tokens;

/// <summary>
/// Where a count looks at its request's cancellation, so that a client who leaves stops it: before
/// each piece of text, and every <see cref="MergesBetween"/> merges of a long piece (a single
/// word of a megabyte is one piece). The probe sees each checkpoint passed; production sets none,
/// tests hold or cancel a count at a known point with it.
/// </summary>
internal readonly struct CountCheckpoints(CancellationToken cancellationToken, Action<CancellationToken>? probe = null)
{
    /// <summary>A few hundred microseconds of merging: often enough to stop promptly, rare enough to cost nothing.</summary>
    public const int MergesBetween = 4096;

    public void Pass()
    {
        probe?.Invoke(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
