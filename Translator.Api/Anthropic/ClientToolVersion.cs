using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>One version of one of Anthropic's client tools: its type, the name it must have, its input schema and how it is described.</summary>
internal sealed record ClientToolVersion(string Type, string Name, Func<ToolDefinition, JsonElement> Schema, Func<ToolDefinition, string> Describe);
