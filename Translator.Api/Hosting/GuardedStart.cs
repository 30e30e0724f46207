namespace Translator.Api.Hosting;

/// <summary>Whether <see cref="StartupGuard"/> is starting the app, and so reports a failed start itself.</summary>
internal sealed class GuardedStart
{
    public bool InProgress { get; set; }
}
