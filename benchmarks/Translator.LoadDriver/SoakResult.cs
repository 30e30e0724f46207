namespace Translator.LoadDriver;

/// <summary>What the soak saw: what went wrong, and the translator's memory and descriptors over the run.</summary>
/// <param name="Unexpected">Each request that did not get the answer it must get, described.</param>
/// <param name="RssAfterEachFifthMegabytes">Read after each fifth of the requests: flat means it levels off, not just ends low.</param>
internal sealed record SoakResult(
    int Requests,
    int WarmUpRequests,
    IReadOnlyList<string> Unexpected,
    TimeSpan Duration,
    double RssAfterWarmUpMegabytes,
    IReadOnlyList<double> RssAfterEachFifthMegabytes,
    double RssAtEndMegabytes,
    int DescriptorsAfterWarmUp,
    int DescriptorsAtEnd)
{
    public bool Passed => Unexpected.Count == 0;
}
