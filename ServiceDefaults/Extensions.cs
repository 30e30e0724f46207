using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The cross-cutting defaults every service of the stack shares: OpenTelemetry, health checks,
/// service discovery and HttpClient resilience (the Aspire ServiceDefaults shape).
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>
    /// Every HttpClient below gets the standard resilience handler and the factory's logging
    /// handlers, and at Information they write a line per attempt (Polly's "Execution attempt")
    /// and per request. The OTLP exporter sends over such clients when its protocol is
    /// http/protobuf: about one line a second under Aspire (40 in 35 s, measured), burying what
    /// the service itself says. At Warning, failures and retries still show.
    /// </summary>
    private static readonly Dictionary<string, string?> HttpClientLogLevels = new()
    {
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Http"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Resilience"] = "Warning",
    };

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // The first source has the lowest priority: any configuration can still change these levels.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = HttpClientLogLevels });

        builder.ConfigureOpenTelemetry();

        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();

        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Clients that talk to a model opt out of this and install their own policy
            // (see Translator.Api's upstream client): these timeouts are too short for an LLM.
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>
    /// Traces, metrics and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (Aspire sets
    /// it). Without it nothing would leave the process, and nothing is collected: the SDK's listeners
    /// would still start every span and record every measurement only to drop them, a tenth to a
    /// third of the translator's CPU time per call (benchmarks/RESULTS.md, session 8).
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .CollectTelemetry(builder.Environment.ApplicationName)
            .UseOtlpExporter();

        return builder;
    }

    /// <summary>What is collected for the exporter: the service's own source and meter, ASP.NET Core, HttpClient and the runtime.</summary>
    public static OpenTelemetryBuilder CollectTelemetry(this OpenTelemetryBuilder telemetry, string applicationName) =>
        telemetry
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(applicationName);
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(applicationName)
                    .AddAspNetCoreInstrumentation(options =>
                        // Probes would drown the traces a user came to read.
                        options.Filter = context =>
                            !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                            && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                    .AddHttpClientInstrumentation();
            });

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check) and <c>/alive</c> (liveness only). Unlike the Aspire
    /// template this happens in every environment: users run the translator in production behind probes.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);

        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("live")
        });

        return app;
    }
}
