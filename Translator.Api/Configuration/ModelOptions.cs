namespace Translator.Api.Configuration;

/// <summary><c>Translator:Models</c>: which upstream model answers a given Anthropic model name.</summary>
public sealed class ModelOptions
{
    /// <summary>Exact names first: <c>Translator:Models:Map:claude-opus-5-5 = gpt-5.5</c>.</summary>
    public Dictionary<string, string> Map { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Then family rules: a Claude name that contains the key is answered by the value. Opus gets
    /// the flagship, sonnet and haiku the model below it: the models CLIProxyAPI lists today (its
    /// gpt-5.1 family is gone); the start-up check says when the upstream lists other names.
    /// </summary>
    public Dictionary<string, string> Families { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["opus"] = "gpt-5.5",
        ["sonnet"] = "gpt-5.4",
        ["haiku"] = "gpt-5.4",
    };

    /// <summary>Any other Claude name. Names that are not Claude names pass through unchanged.</summary>
    public string Default { get; set; } = "gpt-5.5";

    /// <summary>
    /// The input tokens an upstream model takes, for a too-long prompt's error when the upstream does
    /// not say (the Responses API does not). GPT-5.x: a 400,000-token window less 128,000 of output.
    /// </summary>
    public long ContextWindow { get; set; } = 272_000;

    /// <summary>Per upstream model (exact name, case-insensitive): <c>Translator:Models:ContextWindows:gpt-5.5 = 922000</c>.</summary>
    public Dictionary<string, long> ContextWindows { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // A 1,050,000-token window (CLIProxyAPI's model registry) less 128,000 of output.
        ["gpt-5.4"] = 922_000,

        // Gemini, which CLIProxyAPI serves over Chat: 1,048,576 tokens less 65,536 of output (its model registry).
        ["gemini-2.5-pro"] = 983_040,
        ["gemini-2.5-flash"] = 983_040,
        ["gemini-3-pro-preview"] = 983_040,
        ["gemini-3-flash-preview"] = 983_040,
    };

    /// <summary>The most output tokens an upstream model writes (GPT-5.x: 128,000); a larger <c>max_tokens</c> is lowered to it.</summary>
    public long OutputLimit { get; set; } = 128_000;

    /// <summary>Per upstream model (exact name, case-insensitive): <c>Translator:Models:OutputLimits:gpt-5.5 = 128000</c>.</summary>
    public Dictionary<string, long> OutputLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // Gemini's output limit in CLIProxyAPI's model registry.
        ["gemini-2.5-pro"] = 65_536,
        ["gemini-2.5-flash"] = 65_536,
        ["gemini-3-pro-preview"] = 65_536,
        ["gemini-3-flash-preview"] = 65_536,
    };

    /// <summary>
    /// The reasoning efforts each upstream model takes, comma-separated, by the longest name prefix
    /// that matches (<c>Translator:Models:Efforts:gpt-5.6 = none,low,medium,high,xhigh,max</c>). A
    /// level a model does not take is sent as the nearest one it does. A model no prefix matches
    /// gets an effort only if it is a reasoning model (GPT-5, o-series: <see cref="DefaultEfforts"/>).
    /// </summary>
    public Dictionary<string, string> Efforts { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-5.1"] = "none,low,medium,high",
        ["gpt-5.1-codex-max"] = "low,medium,high,xhigh",
        ["gpt-5.2"] = "none,low,medium,high,xhigh",
        ["gpt-5.3"] = "none,low,medium,high,xhigh",
        ["gpt-5.4"] = "none,low,medium,high,xhigh",
        ["gpt-5.5"] = "none,low,medium,high,xhigh",
        ["gpt-5.6"] = "none,low,medium,high,xhigh,max",

        // Gemini over CLIProxyAPI's Chat endpoint, which turns the effort into Gemini's thinking
        // level (Gemini 3: the levels its registry lists) or budget (Gemini 2.5).
        ["gemini-2.5-pro"] = "low,medium,high",
        ["gemini-2.5-flash"] = "none,low,medium,high",
        ["gemini-3-pro"] = "low,high",
        ["gemini-3-flash"] = "minimal,low,medium,high",
    };

    /// <summary>The efforts of a reasoning model no <see cref="Efforts"/> prefix matches.</summary>
    public string DefaultEfforts { get; set; } = "low,medium,high";

    /// <summary>
    /// The Claude names <c>GET /v1/models</c> lists, besides the exact names of <see cref="Map"/>.
    /// Null means the current Claude models.
    /// </summary>
    public List<string>? Advertised { get; set; }

    /// <summary>The keys this class binds, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        .. SettingKey.Maps(nameof(Map), nameof(Families)),
        .. SettingKey.Values(nameof(Default), nameof(ContextWindow)),
        SettingKey.Map(nameof(ContextWindows)),
        SettingKey.Value(nameof(OutputLimit)),
        .. SettingKey.Maps(nameof(OutputLimits), nameof(Efforts)),
        SettingKey.Value(nameof(DefaultEfforts)),
        SettingKey.List(nameof(Advertised)),
    ];
}
