namespace CliProxyApi.StandIn;

/// <summary>One <c>claude-api-key</c> entry of CLIProxyAPI's config.yaml.</summary>
internal sealed class ClaudeApiKey
{
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Unset for Anthropic's own API (<c>https://api.anthropic.com</c>).</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>The models it serves (<c>name</c> upstream, <c>alias</c> for clients); none listed, CLIProxyAPI registers its built-in Claude models.</summary>
    public List<ClaudeModel> Models { get; set; } = [];

    /// <summary>Whether this provider serves <paramref name="model"/>, as CLIProxyAPI's model registry would.</summary>
    public bool Serves(string model) => Models.Count == 0
        ? model.StartsWith("claude-", StringComparison.Ordinal)
        : Models.Any(m => m.Name == model || m.Alias == model);
}

/// <summary>A model of a <see cref="ClaudeApiKey"/> entry.</summary>
internal sealed class ClaudeModel
{
    public string Name { get; set; } = string.Empty;

    public string Alias { get; set; } = string.Empty;
}
