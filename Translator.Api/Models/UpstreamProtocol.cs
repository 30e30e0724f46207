namespace Translator.Api.Models;

/// <summary>The OpenAI protocol a request is sent upstream in.</summary>
internal enum UpstreamProtocol
{
    /// <summary><c>/chat/completions</c></summary>
    Chat,

    /// <summary><c>/responses</c></summary>
    Responses,
}
