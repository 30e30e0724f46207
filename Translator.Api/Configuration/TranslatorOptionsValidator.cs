using Microsoft.Extensions.Options;

namespace Translator.Api.Configuration;

/// <summary>Fails start-up with a message that names the setting and says what it must be.</summary>
internal sealed class TranslatorOptionsValidator : IValidateOptions<TranslatorOptions>
{
    public ValidateOptionsResult Validate(string? name, TranslatorOptions options)
    {
        var failures = new List<string>();

        if (!IsHttpUrl(options.Upstream.BaseUrl))
        {
            failures.Add($"Translator:Upstream:BaseUrl must be an absolute http or https URL such as http://localhost:8317/v1 (got '{options.Upstream.BaseUrl}').");
        }

        if (options.Upstream.PublicBaseUrl is { Length: > 0 } publicBaseUrl && !IsHttpUrl(publicBaseUrl))
        {
            failures.Add($"Translator:Upstream:PublicBaseUrl must be an absolute http or https URL such as http://localhost:8317/v1, or unset (got '{publicBaseUrl}').");
        }

        if (options.PublicUrl is { Length: > 0 } publicUrl && !IsHttpUrl(publicUrl))
        {
            failures.Add($"Translator:PublicUrl must be an absolute http or https URL such as http://localhost:8318, or unset (got '{publicUrl}').");
        }

        if (!UpstreamOptions.IsProtocol(options.Upstream.Protocol))
        {
            failures.Add($"Translator:Upstream:Protocol must be 'chat' or 'responses' (got '{options.Upstream.Protocol}').");
        }

        foreach (var (pattern, protocol) in options.Upstream.ProtocolByModel)
        {
            if (!UpstreamOptions.IsProtocol(protocol))
            {
                failures.Add($"Translator:Upstream:ProtocolByModel:{pattern} must be 'chat' or 'responses' (got '{protocol}').");
            }
        }

        if (options.Upstream.HeadersTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Translator:Upstream:HeadersTimeout must be positive (got '{options.Upstream.HeadersTimeout}').");
        }

        if (options.Upstream.IdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Translator:Upstream:IdleTimeout must be positive (got '{options.Upstream.IdleTimeout}').");
        }

        foreach (var (setting, sizes, size) in new[] { ("ContextWindow", options.Models.ContextWindows, options.Models.ContextWindow), ("OutputLimit", options.Models.OutputLimits, options.Models.OutputLimit) })
        {
            foreach (var (model, value) in sizes.Prepend(KeyValuePair.Create(string.Empty, size)))
            {
                if (value < 1)
                {
                    failures.Add($"Translator:Models:{setting}{(model.Length > 0 ? "s:" + model : string.Empty)} must be positive (got {value}).");
                }
            }
        }

        foreach (var (model, levels) in options.Models.Efforts.Append(KeyValuePair.Create("(default)", options.Models.DefaultEfforts)))
        {
            var unknown = levels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l is not ("none" or "minimal" or "low" or "medium" or "high" or "xhigh" or "max")).ToList();
            if (unknown.Count > 0 || string.IsNullOrWhiteSpace(levels))
            {
                failures.Add($"Translator:Models:{(model == "(default)" ? "DefaultEfforts" : "Efforts:" + model)} must list efforts among none, minimal, low, medium, high, xhigh, max (got '{levels}').");
            }
        }

        if (options.Caching.Retention is not (null or "" or "in_memory" or "24h"))
        {
            failures.Add($"Translator:Caching:Retention must be 'in_memory' or '24h', or unset (got '{options.Caching.Retention}').");
        }

        if (options.Caching.Breakpoints is not (null or "" or "explicit" or "implicit"))
        {
            failures.Add($"Translator:Caching:Breakpoints must be 'explicit' or 'implicit', or unset (got '{options.Caching.Breakpoints}').");
        }

        if (options.Upstream.PassthroughIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Translator:Upstream:PassthroughIdleTimeout must be positive (got '{options.Upstream.PassthroughIdleTimeout}').");
        }

        if (!IsHttpUrl(options.Amp.UpstreamUrl))
        {
            failures.Add($"Translator:Amp:UpstreamUrl must be an absolute http or https URL such as https://ampcode.com (got '{options.Amp.UpstreamUrl}').");
        }

        for (var i = 0; i < options.Auth.ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Auth.ApiKeys[i]))
            {
                failures.Add($"Translator:Auth:ApiKeys:{i} is empty; remove it or give it a value.");
            }
        }

        if (options.Limits.MaxRequestBodyBytes <= 0)
        {
            failures.Add($"Translator:Limits:MaxRequestBodyBytes must be positive (got {options.Limits.MaxRequestBodyBytes}).");
        }

        if (options.Limits.MaxUpstreamResponseBytes < 1024)
        {
            failures.Add($"Translator:Limits:MaxUpstreamResponseBytes must be at least 1024 (got {options.Limits.MaxUpstreamResponseBytes}).");
        }

        if (options.Limits.MaxSseLineBytes < 1024)
        {
            failures.Add($"Translator:Limits:MaxSseLineBytes must be at least 1024 (got {options.Limits.MaxSseLineBytes}).");
        }

        if (options.Streaming.PingInterval <= TimeSpan.Zero)
        {
            failures.Add($"Translator:Streaming:PingInterval must be positive (got '{options.Streaming.PingInterval}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
