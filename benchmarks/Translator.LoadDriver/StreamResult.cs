namespace Translator.LoadDriver;

/// <summary>One client reading one stream after another: the median times to the first and the last body byte.</summary>
internal sealed record StreamResult(double FirstByteP50Milliseconds, double LastByteP50Milliseconds);
