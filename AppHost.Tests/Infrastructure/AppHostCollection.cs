namespace AppHost.Tests.Infrastructure;

/// <summary>One AppHost at a time: each starts DCP, CLIProxyAPI and the translator, and two cores are shared.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostCollection
{
    public const string Name = "AppHost";
}
