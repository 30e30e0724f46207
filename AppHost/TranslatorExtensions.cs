internal static class TranslatorExtensions
{
    /// <summary>
    /// The addresses the translator's start-up report gives a user: its own published endpoint (it
    /// listens on a per-run port behind the AppHost's proxy) and CLIProxyAPI's (its base URL names
    /// the service, which only service discovery resolves). In run mode only: deployed, CLIProxyAPI
    /// is not reachable from outside and the translator's address is its ingress's.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublicAddresses(
        this IResourceBuilder<ProjectResource> translator, IResourceBuilder<ExecutableResource> upstream)
    {
        if (translator.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return translator;
        }

        var published = translator.GetEndpoint("http");
        return translator
            // Its URL as text, read once the endpoint is allocated: the endpoint itself would list the
            // translator among its own references on the dashboard.
            .WithEnvironment(context => context.EnvironmentVariables["Translator__PublicUrl"] = published.Url)
            .WithEnvironment("Translator__Upstream__PublicBaseUrl", ReferenceExpression.Create($"{upstream.GetEndpoint("http")}/v1"));
    }
}
