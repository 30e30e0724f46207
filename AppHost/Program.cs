var builder = DistributedApplication.CreateBuilder(args)
    .ReportMissingParametersOnTheConsole();

// The key CLIProxyAPI demands of its clients; the translator presents it. Only the two share it, so
// it is generated: once per machine, kept in the AppHost's user secrets (run), or by azd (deploy).
var cliproxyKey = builder.AddParameter("cliproxy-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

// Services
var cliproxy = builder.AddCliProxyApi("cliproxyapi", cliproxyKey);

// Apps
var translator = builder.AddProject<Projects.Translator_Api>("translator")
    // Served over http, TLS ending in front of it when deployed: Aspire need not look for a
    // development certificate for it, nor warn on the dashboard that none is trusted.
    .WithoutHttpsCertificate()
    // An executable is not a service-discovery resource: reference its endpoint, and name the
    // service in the base URL so the translator resolves it through service discovery.
    .WithReference(cliproxy.GetEndpoint("http"))
    .WithEnvironment("Translator__Upstream__BaseUrl", "http://cliproxyapi/v1")
    .WithEnvironment("Translator__Upstream__ApiKey", cliproxyKey)
    .WaitFor(cliproxy)
    .WithExternalHttpEndpoints()
    .WithPublicAddresses(cliproxy);

// Deployed, the translator listens on a public address, where it refuses to serve without keys.
if (builder.ExecutionContext.IsPublishMode)
{
    var translatorKey = builder.AddParameter("translator-api-key", secret: true);
    translator.WithEnvironment("Translator__Auth__ApiKeys__0", translatorKey);
}

builder.Build().Run();
