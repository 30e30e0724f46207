namespace Translator.LoadDriver;

/// <summary>A translator process the driver keeps running for every run: one build, one upstream protocol.</summary>
internal sealed record RunningTranslator(TranslatorBuild Build, UpstreamWire Wire, ServerProcess Process)
{
    /// <summary>How the report and stderr name it: <c>jit chat</c>, <c>aot responses</c>.</summary>
    public string Name => $"{Build.Name} {Wire.Protocol}";
}
