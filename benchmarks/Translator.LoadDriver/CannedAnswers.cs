namespace Translator.LoadDriver;

/// <summary>The fast upstream's answers in one protocol's wire format, as bytes ready to write.</summary>
/// <param name="Completion">A complete (non-streamed) answer: "Hello! How can I help you today?".</param>
/// <param name="Stream">A streamed answer of <see cref="FastUpstream.StreamChunks"/> words, one write per element; the first carries the first word.</param>
/// <param name="ToolStream">A streamed call of get_time with {"city":"Paris"}, in one write.</param>
/// <param name="CompletionOf">A complete answer of the given text.</param>
/// <param name="StreamOf">A streamed answer of the given text in one event line.</param>
internal sealed record CannedAnswers(byte[] Completion, byte[][] Stream, byte[] ToolStream, Func<string, byte[]> CompletionOf, Func<string, byte[]> StreamOf);
