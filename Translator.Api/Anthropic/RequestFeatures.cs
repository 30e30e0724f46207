using System.Text;
using static Translator.Api.Anthropic.FeatureTreatment;
using static Translator.Api.Anthropic.RequestFeatureKind;

namespace Translator.Api.Anthropic;

/// <summary>
/// Every top-level field, content block and tool type Anthropic's Messages API documents, and what
/// the translator does with each: nothing a client sends is dropped without this table saying so.
/// Refusals of top-level fields and the dropped fields on the span are read from it
/// (<see cref="RequestFieldsValidator"/>); docs/request-fields.md is generated from it, and a test
/// holds the two equal.
/// </summary>
internal static class RequestFeatures
{
    public static IReadOnlyList<RequestFeature> All { get; } =
    [
        new(Field, "model", Mapped, "The upstream model from `Translator:Models` (map, families, default); the answer names the model the client asked for."),
        new(Field, "messages", Mapped, "Chat messages or Responses input items; see the blocks below."),
        new(Field, "max_tokens", Mapped, "`max_completion_tokens` (Chat) or `max_output_tokens` (Responses), lowered to the model's output limit."),
        new(Field, "system", Mapped, "A leading `system` message (Chat) or `instructions` (Responses), without Claude Code's billing line."),
        new(Field, "stream", Served, "Anthropic's event stream, translated as the upstream's arrives."),
        new(Field, "stop_sequences", Mapped, "`stop` on Chat for models that take it (at most four); elsewhere the translator cuts the answer before the first sequence, stop_reason `stop_sequence`."),
        new(Field, "temperature", Mapped, "Sent to models that take it; reasoning models (GPT-5.x, o-series, Codex) reject it."),
        new(Field, "top_p", Mapped, "As `temperature`."),
        new(Field, "top_k", Dropped, "OpenAI has no such sampling parameter."),
        new(Field, "tools", Mapped, "Function tools; the tool types are below."),
        new(Field, "tool_choice", Mapped, "`auto` / `required` / the function / `none`; `disable_parallel_tool_use` as `parallel_tool_calls: false`."),
        new(Field, "thinking", Mapped, "The reasoning effort; thinking blocks in the answer only when enabled."),
        new(Field, "output_config", Mapped, "`effort` as the reasoning effort; `format` as a strict `json_schema` (Chat `response_format`, Responses `text.format`)."),
        new(Field, "output_format", Mapped, "The earlier form of `output_config.format`, sent the same way."),
        new(Field, "metadata", Mapped, "`user_id` as Chat's `user` (hashed when long) and the prompt cache key's session."),
        new(Field, "context_management", Served, "The edits are applied here, with Anthropic's semantics, before the request goes upstream."),
        new(Field, "service_tier", Dropped, "Anthropic's capacity tiers; the upstream serves at its own."),
        new(Field, "inference_geo", Dropped, "Where Anthropic runs the model; the upstream decides where it runs."),
        new(Field, "cache_control", Dropped, "OpenAI caches prompt prefixes by itself (see prompt caching)."),
        new(Field, "container", Refused, "Anthropic's code-execution container and its skills run on Anthropic's servers."),
        new(Field, "mcp_servers", Refused, "Anthropic's MCP connector calls the servers from Anthropic's side; declare their tools as client tools and call them from the client."),
        new(Block, "text", Mapped, "Text parts; assistant text as the assistant's message."),
        new(Block, "image", Mapped, "`image_url` / `input_image` parts (base64 as a data URL, or the URL)."),
        new(Block, "document", Mapped, "PDF (base64) as a file part, plain text as text with its title; other sources are refused."),
        new(Block, "search_result", Mapped, "Text that carries its title and source (in a user turn or a tool's result)."),
        new(Block, "citations", Dropped, "Documents and search results with citations enabled are served; the answer has no citations (OpenAI's models cite none)."),
        new(Block, "cache_control", Mapped, "Dropped, or a `prompt_cache_breakpoint` where `Translator:Caching:Breakpoints` is on."),
        new(Block, "tool_use", Mapped, "`tool_calls` (Chat) or a `function_call` item (Responses)."),
        new(Block, "tool_result", Mapped, "A `tool` message or `function_call_output`; images a tool returned go with it (Responses) or follow it (Chat)."),
        new(Block, "tool_reference", Mapped, "Loads a deferred tool; the model reads `Tool loaded: <name>`."),
        new(Block, "thinking", Mapped, "Replayed as the `reasoning` item it was (Responses, our signature); otherwise left out, as no upstream field takes it."),
        new(Block, "redacted_thinking", Mapped, "Left out: only Anthropic can read it."),
        new(Block, "server_tool_use, web_search_tool_result", Mapped, "An earlier web search, replayed as its `web_search_call`."),
        new(Block, "container_upload, code_execution_tool_result, bash_code_execution_tool_result, text_editor_code_execution_tool_result, web_fetch_tool_result, tool_search_tool_result, mcp_tool_use, mcp_tool_result", Refused, "Results of tools that run on Anthropic's servers; a 400 naming the block."),
        new(Tool, "custom (no type)", Mapped, "A function: name (a stable short name past 64 characters), description, `input_schema` as its parameters, `strict` kept."),
        new(Tool, "web_search_20250305, _20260209, _20260318", Mapped, "The Responses API's hosted `web_search`."),
        new(Tool, "text_editor_20241022, _20250124 (str_replace_editor), _20250429, _20250728 (str_replace_based_edit_tool)", Mapped, "A function of the tool's name with Anthropic's input schema (`max_characters` in its description); the client runs it."),
        new(Tool, "bash_20241022, _20250124", Mapped, "A function `bash` (`command`, `restart`); the client runs it."),
        new(Tool, "memory_20250818", Mapped, "A function `memory` (view, create, str_replace, insert, delete, rename under /memories); the client runs it."),
        new(Tool, "computer_20241022, _20250124, _20251124", Mapped, "A function `computer` (`action`, `coordinate`, …; the display size and number in its description, `zoom` when enabled); screenshots go back as images."),
        new(Tool, "code_execution_*, web_fetch_*", Refused, "They run on Anthropic's servers."),
        new(Tool, "tool_search_tool_regex_*, _bm25_*", Refused, "Server-side tool search; search on the client (`tool_reference`) instead."),
        new(Tool, "mcp_toolset", Refused, "Part of the MCP connector (`mcp_servers`)."),
    ];

    /// <summary>The row of a top-level field, or null when the table does not know it.</summary>
    public static RequestFeature? TopLevel(string name) => All.FirstOrDefault(f => f.Kind == Field && f.Name == name);

    /// <summary>docs/request-fields.md: the table as a page.</summary>
    public static string Markdown()
    {
        var page = new StringBuilder()
            .Append("# What the translator does with each part of an Anthropic request\n\n")
            .Append("Generated from `Translator.Api/Anthropic/RequestFeatures.cs` (a test holds the two equal). ")
            .Append("Served: acted on here as Anthropic would. Mapped: translated into its OpenAI counterpart. ")
            .Append("Dropped: harmless to leave out, and recorded on the call's span as `translator.dropped_fields`. ")
            .Append("Refused: a 400 that names it and says why. A top-level field this table does not know is left out ")
            .Append("and logged once, at Warning, with its name.\n");
        foreach (var kind in Enum.GetValues<RequestFeatureKind>())
        {
            page.Append('\n').Append(kind switch { Field => "## Top-level fields", Block => "## Content blocks", _ => "## Tools" }).Append("\n\n")
                .Append("| Name | Treatment | How |\n|---|---|---|\n");
            foreach (var feature in All.Where(f => f.Kind == kind))
            {
                page.Append("| `").Append(feature.Name).Append("` | ").Append(feature.Treatment).Append(" | ").Append(feature.How).Append(" |\n");
            }
        }

        return page.ToString();
    }
}
