namespace Translator.LoadDriver;

/// <summary>
/// A process's memory at one moment, in MB (NaN where the kernel does not report a field): the
/// resident set, its peak since the last reset, and its parts.
/// </summary>
/// <param name="Rss">VmRSS.</param>
/// <param name="PeakRss">VmHWM.</param>
/// <param name="Anonymous">RssAnon: heaps, stacks, JIT code.</param>
/// <param name="MappedFiles">RssFile: the runtime and assemblies.</param>
/// <param name="SharedMemory">RssShmem: the runtime's double-mapped code heap.</param>
internal sealed record MemorySample(double Rss, double PeakRss, double Anonymous, double MappedFiles, double SharedMemory);
