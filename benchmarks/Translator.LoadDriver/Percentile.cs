namespace Translator.LoadDriver;

internal static class Percentile
{
    /// <summary>The value at <paramref name="p"/> (0 to 1) of sorted values, NaN when there are none.</summary>
    public static double Of(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
