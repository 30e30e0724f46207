using System.Text.Json;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// What a request's tools and output format become under OpenAI's rules, for both protocols: the
/// upstream name of each tool (<see cref="UpstreamToolName"/>), the strict schema of each strict
/// tool and of a structured output (<see cref="StrictSchema"/>), an output limit the upstream
/// takes; and, from the same plan, what the client must see back (<see cref="Shaper"/>).
/// </summary>
internal sealed class OutputPlan
{
    /// <summary>OpenAI's Responses API refuses fewer output tokens (<c>integer_below_min_value</c>).</summary>
    public const long MinOutputTokens = 16;

    /// <summary>The name a structured output's format goes upstream with (Chat's json_schema.name, Responses' format name).</summary>
    public const string FormatName = "output";

    private readonly Dictionary<string, string> _upstreamNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (StrictSchema Upstream, JsonElement Client)> _strictTools = new(StringComparer.Ordinal);
    private readonly OutputFormat? _format;
    private readonly string _formatField;

    private OutputPlan(MessagesRequest request)
    {
        foreach (var tool in request.Tools ?? [])
        {
            if (tool.Name is not { } name || WebSearch.IsTool(tool))
            {
                continue;
            }

            if (UpstreamToolName.For(name) is var upstream && upstream != name)
            {
                _upstreamNames[name] = upstream;
            }

            if (tool.Strict == true && tool.InputSchema is { } schema)
            {
                _strictTools[name] = (StrictSchema.From(schema), schema);
            }
        }

        _format = OutputFormat.Of(request);
        _formatField = request.OutputConfig?.Format is not null ? "output_config.format" : "output_format";
        Format = _format?.Schema is { } formatSchema ? StrictSchema.From(formatSchema) : null;
    }

    /// <summary>The structured output's schema as it goes upstream; null when the request asks for none.</summary>
    public StrictSchema? Format { get; }

    /// <summary>What goes upstream without strict mode for want of a faithful strict schema (for the call's span).</summary>
    public IEnumerable<string> NotStrict =>
        _strictTools.Where(t => !t.Value.Upstream.Strict).Select(t => $"tools.{t.Key}").Concat(Format is { Strict: false } ? [_formatField] : []);

    public static OutputPlan For(MessagesRequest request) => new(request);

    /// <summary>
    /// A max_tokens the upstream takes: lowered to what the model writes (Anthropic's clients ask
    /// for up to 128,000; an upstream refuses more than its limit), raised to its minimum (the
    /// shaper cuts the answer back).
    /// </summary>
    public static long? UpstreamMaxTokens(long? maxTokens, long outputLimit) => maxTokens < MinOutputTokens ? MinOutputTokens : maxTokens > outputLimit ? outputLimit : maxTokens;

    public string UpstreamName(string clientName) => _upstreamNames.GetValueOrDefault(clientName, clientName);

    /// <summary>A strict tool's schema as it goes upstream; null for a tool that is not strict.</summary>
    public StrictSchema? ToolSchema(string clientName) => _strictTools.TryGetValue(clientName, out var tool) ? tool.Upstream : null;

    /// <summary>What the client must see of the answer, or null when it sees the upstream's answer as it is.</summary>
    /// <param name="count">The tokens of a text, for a max_tokens the upstream was asked more than.</param>
    public AnswerShaper? Shaper(long? maxTokens, Func<string, int> count)
    {
        var cleanedTools = _strictTools.Where(t => t.Value.Upstream.AddsNulls).ToDictionary(t => t.Key, t => t.Value.Client, StringComparer.Ordinal);
        var cleanedOutput = Format is { AddsNulls: true } ? _format!.Schema : null;
        var cut = maxTokens < MinOutputTokens ? new MaxTokensCut(maxTokens.Value, count) : null;
        if (_upstreamNames.Count == 0 && cleanedTools.Count == 0 && cleanedOutput is null && cut is null)
        {
            return null;
        }

        return new AnswerShaper(_upstreamNames.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal), cleanedTools, cleanedOutput, cut);
    }
}
