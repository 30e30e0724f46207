using System.Text.Json;

namespace Translator.Api.Protocols.Anthropic;

internal sealed record ResponseToolUseBlock(string Id, string Name, JsonElement Input) : ResponseContentBlock;
