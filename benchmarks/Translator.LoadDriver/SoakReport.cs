using System.Text;
using Translator.Traffic;

namespace Translator.LoadDriver;

/// <summary>The soak's result as a markdown table, and the first ten unexpected results.</summary>
internal static class SoakReport
{
    public static string Render(SoakResult soak, RunningTranslator translator)
    {
        var report = new StringBuilder();
        report.AppendLine($"Build **{translator.Build.Name}** (`{translator.Build.Path}`), upstream protocol **{translator.Wire.Protocol}** (`Translator:Upstream:Protocol={translator.Wire.Protocol}`):");
        report.AppendLine();
        report.AppendLine($"Soak: {soak.Requests} mixed requests ({string.Join(", ", MixedTraffic.Models)}) at concurrency {MixedTraffic.Concurrency}, after {soak.WarmUpRequests} to warm up; {Environment.ProcessorCount} cores; .NET {Environment.Version}.");
        report.AppendLine();
        report.AppendLine("| soak | value |");
        report.AppendLine("|---|---:|");
        report.AppendLine($"| requests | {soak.Requests} |");
        report.AppendLine($"| unexpected results | {soak.Unexpected.Count} |");
        report.AppendLine($"| duration s | {soak.Duration.TotalSeconds:0.0} |");
        report.AppendLine($"| requests/s | {soak.Requests / soak.Duration.TotalSeconds:0} |");
        report.AppendLine($"| translator RSS after warm-up MB | {soak.RssAfterWarmUpMegabytes:0.0} |");
        report.AppendLine($"| translator RSS after each fifth MB | {string.Join(" / ", soak.RssAfterEachFifthMegabytes.Select(r => r.ToString("0.0")))} |");
        report.AppendLine($"| translator RSS at the end MB | {soak.RssAtEndMegabytes:0.0} |");
        report.AppendLine($"| RSS change | {(soak.RssAtEndMegabytes - soak.RssAfterWarmUpMegabytes) * 100.0 / soak.RssAfterWarmUpMegabytes:+0.0;-0.0}% |");
        report.AppendLine($"| translator open descriptors after warm-up | {soak.DescriptorsAfterWarmUp} |");
        report.AppendLine($"| translator open descriptors at the end | {soak.DescriptorsAtEnd} |");
        foreach (var problem in soak.Unexpected.Take(10))
        {
            report.AppendLine($"- {problem}");
        }

        return report.ToString();
    }
}
