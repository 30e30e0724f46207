namespace Translator.LoadDriver;

/// <summary>One way to send the request: where, what, and which process serves it (for its CPU time).</summary>
internal sealed record RequestTarget(string Url, string Body, ServerProcess Server);
