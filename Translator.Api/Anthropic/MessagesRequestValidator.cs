using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// Checks a parsed <see cref="MessagesRequest"/> the way Anthropic does, so that a translator can
/// assume well-formed input. The first problem found is reported as a 400 naming the field path
/// (<c>messages.2.content.0.type: ...</c>).
/// </summary>
internal static class MessagesRequestValidator
{
    private static readonly string[] Efforts = ["low", "medium", "high", "xhigh", "max"];
    private static readonly string[] ImageMediaTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    public static ApiError? Validate(MessagesRequest request, bool requireMaxTokens)
    {
        try
        {
            ValidateTopLevel(request, requireMaxTokens);
            ValidateSystem(request.System);
            ValidateMessages(request.Messages);
            ValidateTools(request);
            return null;
        }
        catch (InvalidRequestException e)
        {
            return ApiError.InvalidRequest(e.Message);
        }
    }

    private static void ValidateTopLevel(MessagesRequest request, bool requireMaxTokens)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw Invalid("model", "Field required.");
        }

        if (request.Model.Length > 256 || request.Model.Any(char.IsControl))
        {
            throw Invalid("model", "Must be a model name without control characters.");
        }

        if (requireMaxTokens && request.MaxTokens is null)
        {
            throw Invalid("max_tokens", "Field required.");
        }

        if (request.MaxTokens is < 1)
        {
            throw Invalid("max_tokens", "Must be greater than or equal to 1.");
        }

        if (request.Temperature is < 0 or > 1 || request.Temperature is { } t && !double.IsFinite(t))
        {
            throw Invalid("temperature", "Must be between 0 and 1.");
        }

        if (request.TopP is < 0 or > 1 || request.TopP is { } p && !double.IsFinite(p))
        {
            throw Invalid("top_p", "Must be between 0 and 1.");
        }

        if (request.StopSequences is { } stops)
        {
            for (var i = 0; i < stops.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(stops[i]))
                {
                    throw Invalid($"stop_sequences.{i}", "Each stop sequence must contain non-whitespace.");
                }
            }
        }

        if (request.Thinking is { } thinking)
        {
            switch (thinking.Type)
            {
                case "enabled":
                    if (thinking.BudgetTokens is null or < 1)
                    {
                        throw Invalid("thinking.budget_tokens", "Field required and must be positive when thinking is enabled.");
                    }

                    break;
                case "disabled" or "adaptive" or "auto":
                    break;
                default:
                    throw Invalid("thinking.type", $"Unknown thinking type {Quote(thinking.Type)}; expected 'enabled', 'disabled', 'adaptive' or 'auto'.");
            }

            if (thinking.Display is not (null or "summarized" or "omitted"))
            {
                throw Invalid("thinking.display", $"Unknown thinking display {Quote(thinking.Display)}; expected 'summarized' or 'omitted'.");
            }
        }

        if (request.OutputConfig?.Effort is { } effort && !Efforts.Contains(effort))
        {
            throw Invalid("output_config.effort", $"Unknown effort {Quote(effort)}; expected one of {string.Join(", ", Efforts)}.");
        }

        ValidateContextManagement(request.ContextManagement);
    }

    private static void ValidateContextManagement(ContextManagement? management)
    {
        var edits = management?.Edits ?? [];
        for (var i = 0; i < edits.Count; i++)
        {
            var path = $"context_management.edits.{i}";
            var edit = edits[i] ?? throw Invalid(path, "Must be an object.");
            switch (edit.Type)
            {
                case ContextEditor.ClearThinking:
                    if (i > 0)
                    {
                        throw Invalid($"{path}.type", "clear_thinking_20251015 must be the first edit.");
                    }

                    if (edit.Keep is { } keep && !(keep.ValueKind == JsonValueKind.String && keep.ValueEquals("all")) && !IsThreshold(keep, "thinking_turns"))
                    {
                        throw Invalid($"{path}.keep", "Must be \"all\" or {\"type\":\"thinking_turns\",\"value\":N}.");
                    }

                    break;
                case ContextEditor.ClearToolUses:
                    if (edit.Trigger is { } trigger && (trigger.Type is not ("input_tokens" or "tool_uses") || trigger.Value is null or < 1))
                    {
                        throw Invalid($"{path}.trigger", "Must be {\"type\":\"input_tokens\"|\"tool_uses\",\"value\":N} with N at least 1.");
                    }

                    if (edit.Keep is { } kept && !IsThreshold(kept, "tool_uses"))
                    {
                        throw Invalid($"{path}.keep", "Must be {\"type\":\"tool_uses\",\"value\":N}.");
                    }

                    if (edit.ClearAtLeast is { } least && (least.Type != "input_tokens" || least.Value is null or < 0))
                    {
                        throw Invalid($"{path}.clear_at_least", "Must be {\"type\":\"input_tokens\",\"value\":N}.");
                    }

                    if (edit.ClearToolInputs is { ValueKind: not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Array) })
                    {
                        throw Invalid($"{path}.clear_tool_inputs", "Must be a boolean or a list of tool names.");
                    }

                    break;
                case ContextEditor.Compact:
                    throw Invalid($"{path}.type", "Server-side compaction (compact_20260112) is not available through an OpenAI upstream: the translator cannot produce the compaction block it returns. Compact on the client (Claude Code's /compact, or its automatic compaction when the prompt is too long), or clear old tool results with clear_tool_uses_20250919.");
                default:
                    throw Invalid($"{path}.type", $"Unknown context edit {Quote(edit.Type)}; expected '{ContextEditor.ClearToolUses}' or '{ContextEditor.ClearThinking}'.");
            }
        }

        static bool IsThreshold(JsonElement value, string type) =>
            value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("type", out var kind) && kind.ValueKind == JsonValueKind.String && kind.ValueEquals(type)
            && value.TryGetProperty("value", out var count) && count.TryGetInt64(out var n) && n >= 0;
    }

    private static void ValidateSystem(MessageContent? system)
    {
        RequireList(system, "system");
        if (system?.Blocks is { } blocks)
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                if (blocks[i] is not { Type: "text", Text: not null })
                {
                    throw Invalid($"system.{i}", "System blocks must be text blocks with a 'text' field.");
                }
            }
        }
    }

    private static void ValidateMessages(IReadOnlyList<InputMessage>? messages)
    {
        if (messages is null)
        {
            throw Invalid("messages", "Field required.");
        }

        if (messages.Count == 0)
        {
            throw Invalid("messages", "At least one message is required.");
        }

        // tool_use ids of the last assistant turn that the next user turn must answer.
        HashSet<string>? pendingToolUses = null;
        var pendingFrom = -1;

        for (var m = 0; m < messages.Count; m++)
        {
            var message = messages[m] ?? throw Invalid($"messages.{m}", "Must be an object.");
            var path = $"messages.{m}";

            if (message.Content is null)
            {
                throw Invalid($"{path}.content", "Field required.");
            }

            RequireList(message.Content, $"{path}.content");

            switch (message.Role)
            {
                case "user":
                    var answered = ValidateUserContent(message.Content, path, pendingToolUses);
                    if (pendingToolUses is { Count: > 0 } && answered.Count < pendingToolUses.Count)
                    {
                        throw MissingToolResults(pendingFrom, pendingToolUses.Except(answered));
                    }

                    pendingToolUses = null;
                    break;
                case "assistant":
                    if (pendingToolUses is { Count: > 0 })
                    {
                        throw MissingToolResults(pendingFrom, pendingToolUses);
                    }

                    pendingToolUses = ValidateAssistantContent(message.Content, path);
                    pendingFrom = m;
                    break;
                case "system":
                    // Claude Code places a system entry between turns; it does not break a tool loop.
                    ValidateTextOnly(message.Content, path);
                    break;
                case null:
                    throw Invalid($"{path}.role", "Field required.");
                default:
                    throw Invalid($"{path}.role", $"Unknown role {Quote(message.Role)}; expected 'user', 'assistant' or 'system'.");
            }
        }
    }

    private static HashSet<string> ValidateUserContent(MessageContent content, string path, HashSet<string>? pendingToolUses)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        if (content.Blocks is not { } blocks)
        {
            return answered;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i] ?? throw Invalid($"{path}.content.{i}", "Must be an object.");
            var blockPath = $"{path}.content.{i}";
            switch (block.Type)
            {
                case "text":
                    RequireText(block, blockPath);
                    break;
                case "image":
                    ValidateImage(block, blockPath);
                    break;
                case "document":
                    ValidateDocument(block, blockPath);
                    break;
                case "tool_result":
                    if (string.IsNullOrEmpty(block.ToolUseId))
                    {
                        throw Invalid($"{blockPath}.tool_use_id", "Field required.");
                    }

                    if (pendingToolUses is null || !pendingToolUses.Contains(block.ToolUseId))
                    {
                        throw Invalid(blockPath, $"Unexpected `tool_use_id` found in `tool_result` blocks: {block.ToolUseId}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
                    }

                    if (!answered.Add(block.ToolUseId))
                    {
                        throw Invalid(blockPath, $"Duplicate `tool_result` for tool_use_id {block.ToolUseId}.");
                    }

                    RequireList(block.Content, $"{blockPath}.content");
                    if (block.Content?.Blocks is { } resultBlocks)
                    {
                        ValidateToolResultContent(resultBlocks, $"{blockPath}.content");
                    }

                    break;
                case "tool_use" or "thinking" or "redacted_thinking":
                    throw Invalid($"{blockPath}.type", $"'{block.Type}' blocks may only appear in assistant messages.");
                default:
                    throw UnknownBlockType(block.Type, blockPath);
            }
        }

        return answered;
    }

    private static HashSet<string> ValidateAssistantContent(MessageContent content, string path)
    {
        var toolUses = new HashSet<string>(StringComparer.Ordinal);
        if (content.Blocks is not { } blocks)
        {
            return toolUses;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i] ?? throw Invalid($"{path}.content.{i}", "Must be an object.");
            var blockPath = $"{path}.content.{i}";
            switch (block.Type)
            {
                case "text":
                    RequireText(block, blockPath);
                    break;
                case "tool_use":
                    if (string.IsNullOrEmpty(block.Id) || !ToolIdentifiers.IsValid(block.Id))
                    {
                        throw Invalid($"{blockPath}.id", "Field required; must match ^[a-zA-Z0-9_-]+$.");
                    }

                    if (string.IsNullOrEmpty(block.Name))
                    {
                        throw Invalid($"{blockPath}.name", "Field required.");
                    }

                    if (block.Input is not { ValueKind: JsonValueKind.Object })
                    {
                        throw Invalid($"{blockPath}.input", "Field required; must be an object.");
                    }

                    if (!toolUses.Add(block.Id))
                    {
                        throw Invalid($"{blockPath}.id", $"Duplicate tool_use id {block.Id}.");
                    }

                    break;
                case "thinking":
                    if (block.Thinking is null)
                    {
                        throw Invalid($"{blockPath}.thinking", "Field required.");
                    }

                    break;
                case "redacted_thinking":
                    if (block.Data is null)
                    {
                        throw Invalid($"{blockPath}.data", "Field required.");
                    }

                    break;
                case WebSearch.ServerToolUse:
                    if (block.Id is not { } serverId || !serverId.StartsWith(WebSearch.IdPrefix, StringComparison.Ordinal) || !ToolIdentifiers.IsValid(serverId))
                    {
                        throw Invalid($"{blockPath}.id", "Field required; must match ^srvtoolu_[a-zA-Z0-9_]+$.");
                    }

                    if (block.Name != WebSearch.ToolName)
                    {
                        throw Invalid($"{blockPath}.name", $"The only server tool an OpenAI upstream runs is {WebSearch.ToolName}.");
                    }

                    if (block.Input is not { ValueKind: JsonValueKind.Object })
                    {
                        throw Invalid($"{blockPath}.input", "Field required; must be an object.");
                    }

                    break;
                case WebSearch.ToolResult:
                    if (string.IsNullOrEmpty(block.ToolUseId))
                    {
                        throw Invalid($"{blockPath}.tool_use_id", "Field required.");
                    }

                    ValidateWebSearchResults(block.Content, $"{blockPath}.content");
                    break;
                case "tool_result" or "image" or "document":
                    throw Invalid($"{blockPath}.type", $"'{block.Type}' blocks may only appear in user messages.");
                default:
                    throw UnknownBlockType(block.Type, blockPath);
            }
        }

        return toolUses;
    }

    private static void ValidateWebSearchResults(MessageContent? content, string path)
    {
        if (content?.Blocks is not { } results)
        {
            throw Invalid(path, "Field required; must be a list of web_search_result blocks or a web_search_tool_result_error.");
        }

        for (var i = 0; i < results.Count; i++)
        {
            var itemPath = content.IsSingleObject ? path : $"{path}.{i}";
            switch (results[i])
            {
                case { Type: "web_search_result", Url.Length: > 0 }:
                    break;
                case { Type: "web_search_tool_result_error", ErrorCode.Length: > 0 } when content.IsSingleObject:
                    break;
                default:
                    throw Invalid(itemPath, "Must be a web_search_result (with a url) or, alone, a web_search_tool_result_error (with an error_code).");
            }
        }
    }

    /// <summary>Content given as one object instead of a string or a list is valid only as a failed search's result.</summary>
    private static void RequireList(MessageContent? content, string path)
    {
        if (content is { IsSingleObject: true })
        {
            throw Invalid(path, "Must be a string or an array of content blocks.");
        }
    }

    private static void ValidateToolResultContent(IReadOnlyList<ContentBlock> blocks, string path)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i] ?? throw Invalid($"{path}.{i}", "Must be an object.");
            switch (block.Type)
            {
                case "text":
                    RequireText(block, $"{path}.{i}");
                    break;
                case "image":
                    ValidateImage(block, $"{path}.{i}");
                    break;
                case "document":
                    ValidateDocument(block, $"{path}.{i}");
                    break;
                case "tool_reference":
                    // Which tool it names is checked with the tools (ValidateTools).
                    break;
                default:
                    throw Invalid($"{path}.{i}.type", $"Tool results may hold 'text', 'image', 'document' and 'tool_reference' blocks, not {Quote(block.Type)}.");
            }
        }
    }

    private static void ValidateTextOnly(MessageContent content, string path)
    {
        if (content.Blocks is { } blocks)
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                if (blocks[i]?.Type != "text")
                {
                    throw Invalid($"{path}.content.{i}.type", "System messages may only hold text blocks.");
                }

                RequireText(blocks[i], $"{path}.content.{i}");
            }
        }
    }

    private static void RequireText(ContentBlock block, string path)
    {
        if (block.Text is null)
        {
            throw Invalid($"{path}.text", "Field required.");
        }
    }

    private static void ValidateImage(ContentBlock block, string path)
    {
        var source = block.Source ?? throw Invalid($"{path}.source", "Field required.");
        switch (source.Type)
        {
            case "base64":
                if (source.MediaType is null || !ImageMediaTypes.Contains(source.MediaType))
                {
                    throw Invalid($"{path}.source.media_type", $"Must be one of {string.Join(", ", ImageMediaTypes)}.");
                }

                RequireBase64(source.Data, $"{path}.source.data");
                break;
            case "url":
                RequireHttpUrl(source.Url, $"{path}.source.url");
                break;
            default:
                throw Invalid($"{path}.source.type", $"Unknown image source type {Quote(source.Type)}; expected 'base64' or 'url'.");
        }
    }

    private static void ValidateDocument(ContentBlock block, string path)
    {
        var source = block.Source ?? throw Invalid($"{path}.source", "Field required.");
        switch (source.Type)
        {
            case "base64":
                if (source.MediaType != "application/pdf")
                {
                    throw Invalid($"{path}.source.media_type", "Base64 documents must be 'application/pdf'.");
                }

                RequireBase64(source.Data, $"{path}.source.data");
                break;
            case "text":
                if (source.Data is null)
                {
                    throw Invalid($"{path}.source.data", "Field required.");
                }

                break;
            default:
                throw Invalid($"{path}.source.type", $"Document source {Quote(source.Type)} is not supported by an OpenAI upstream; send 'base64' (PDF) or 'text'.");
        }
    }

    private static void RequireBase64(string? data, string path)
    {
        if (string.IsNullOrEmpty(data) || !System.Buffers.Text.Base64.IsValid(data))
        {
            throw Invalid(path, "Must be non-empty, valid base64.");
        }
    }

    private static void RequireHttpUrl(string? url, string path)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Invalid(path, "Must be an absolute http or https URL.");
        }
    }

    private static void ValidateWebSearchTool(ToolDefinition tool, string path)
    {
        if (tool.Name != WebSearch.ToolName)
        {
            throw Invalid($"{path}.name", $"Must be '{WebSearch.ToolName}'.");
        }

        if (tool.MaxUses is < 1)
        {
            throw Invalid($"{path}.max_uses", "Must be greater than or equal to 1.");
        }

        if (tool.AllowedDomains is { Count: > 0 } && tool.BlockedDomains is { Count: > 0 })
        {
            throw Invalid(path, "Use either allowed_domains or blocked_domains, not both.");
        }

        foreach (var (field, domains) in new[] { ("allowed_domains", tool.AllowedDomains), ("blocked_domains", tool.BlockedDomains) })
        {
            if (domains?.Any(d => string.IsNullOrWhiteSpace(d) || d.Contains("://", StringComparison.Ordinal)) == true)
            {
                throw Invalid($"{path}.{field}", "Domains are names such as example.com, without a scheme.");
            }
        }

        if (tool.UserLocation is { Type: not "approximate" })
        {
            throw Invalid($"{path}.user_location.type", "Must be 'approximate'.");
        }
    }

    private static void ValidateTools(MessagesRequest request)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (request.Tools is { } tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                var tool = tools[i] ?? throw Invalid($"tools.{i}", "Must be an object.");
                if (WebSearch.IsTool(tool))
                {
                    ValidateWebSearchTool(tool, $"tools.{i}");
                    if (!names.Add(tool.Name!))
                    {
                        throw Invalid($"tools.{i}.name", $"Tool names must be unique; {tool.Name} appears twice.");
                    }

                    continue;
                }

                if (tool.Type is { } serverTool && serverTool.StartsWith("tool_search_tool_", StringComparison.Ordinal))
                {
                    throw Invalid($"tools.{i}.type", $"Anthropic's server-side tool search ({serverTool}) is not available through an OpenAI upstream. Search on the client instead, as Claude Code's ToolSearch does: keep defer_loading on the tools and answer the search with tool_reference blocks in a tool_result; or declare the tools without defer_loading.");
                }

                if (tool.Type is not (null or "custom"))
                {
                    throw Invalid($"tools.{i}.type", $"Server tool {Quote(tool.Type)} runs on Anthropic's servers and cannot be served by an OpenAI upstream; define it as a client tool instead.");
                }

                if (string.IsNullOrEmpty(tool.Name) || !ToolIdentifiers.IsValidName(tool.Name))
                {
                    throw Invalid($"tools.{i}.name", "Field required; must match ^[a-zA-Z0-9_-]{1,128}$.");
                }

                if (tool.InputSchema is not { ValueKind: JsonValueKind.Object })
                {
                    throw Invalid($"tools.{i}.input_schema", "Field required; must be a JSON schema object.");
                }

                if (!names.Add(tool.Name))
                {
                    throw Invalid($"tools.{i}.name", $"Tool names must be unique; {tool.Name} appears twice.");
                }
            }
        }

        foreach (var (path, name) in LoadedTools.References(request))
        {
            if (string.IsNullOrEmpty(name))
            {
                throw Invalid($"{path}.tool_name", "Field required.");
            }

            if (!names.Contains(name))
            {
                throw Invalid($"{path}.tool_name", $"Tool {name} is not among the request's tools; a tool_reference must name a tool declared in tools (with defer_loading).");
            }
        }

        if (request.ToolChoice is { } choice)
        {
            switch (choice.Type)
            {
                case "auto" or "any" or "none":
                    break;
                case "tool":
                    if (string.IsNullOrEmpty(choice.Name))
                    {
                        throw Invalid("tool_choice.name", "Field required when tool_choice.type is 'tool'.");
                    }

                    if (!names.Contains(choice.Name))
                    {
                        throw Invalid("tool_choice.name", $"Tool {choice.Name} is not among the request's tools.");
                    }

                    break;
                default:
                    throw Invalid("tool_choice.type", $"Unknown tool_choice type {Quote(choice.Type)}; expected 'auto', 'any', 'tool' or 'none'.");
            }
        }
    }

    private static InvalidRequestException MissingToolResults(int assistantIndex, IEnumerable<string> ids) =>
        Invalid($"messages.{assistantIndex + 1}", $"`tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", ids)}. Each `tool_use` block must have a corresponding `tool_result` block in the next message.");

    private static InvalidRequestException UnknownBlockType(string? type, string path) =>
        type is null
            ? Invalid($"{path}.type", "Field required.")
            : Invalid($"{path}.type", $"Unknown content block type {Quote(type)}; expected 'text', 'image', 'document', 'tool_use', 'tool_result', 'thinking' or 'redacted_thinking'.");

    private static InvalidRequestException Invalid(string path, string message) => new($"{path}: {message}");

    private static string Quote(string? value) => value is null ? "null" : $"'{Truncated(value)}'";

    private static string Truncated(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");

    private sealed class InvalidRequestException(string message) : Exception(message);
}
