var builder = DistributedApplication.CreateBuilder(args);

// The key CLIProxyAPI demands of its clients; the translator presents it.
var cliproxyKey = builder.AddParameter("cliproxy-api-key", secret: true);

// Services
var cliproxy = builder.AddCliProxyApi("cliproxyapi", cliproxyKey);

// Apps
var translator = builder.AddProject<Projects.Translator_Api>("translator")
    // An executable is not a service-discovery resource: reference its endpoint, and name the
    // service in the base URL so the translator resolves it through service discovery.
    .WithReference(cliproxy.GetEndpoint("http"))
    .WithEnvironment("Translator__Upstream__BaseUrl", "http://cliproxyapi/v1")
    .WithEnvironment("Translator__Upstream__ApiKey", cliproxyKey)
    .WaitFor(cliproxy)
    .WithExternalHttpEndpoints();

// Deployed, the translator listens on a public address, where it refuses to serve without keys.
if (builder.ExecutionContext.IsPublishMode)
{
    var translatorKey = builder.AddParameter("translator-api-key", secret: true);
    translator.WithEnvironment("Translator__Auth__ApiKeys__0", translatorKey);
}

builder.Build().Run();
