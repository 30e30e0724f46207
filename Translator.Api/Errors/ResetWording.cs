using System.Globalization;

namespace Translator.Api.Errors;

/// <summary>
/// When a limit resets, as a user reads it: the clock time in UTC (the translator cannot know the
/// user's zone) and how long from now, e.g. <c>at 14:05 UTC, in 2 h 13 min</c>.
/// </summary>
internal static class ResetWording
{
    /// <summary>A limit's headline and when it resets (or that the upstream did not say).</summary>
    public static string Message(string headline, DateTimeOffset? resetsAt, DateTimeOffset now) =>
        resetsAt is { } reset
            ? $"{headline}; it resets {Phrase(reset, now)}."
            : $"{headline}; the upstream did not say when it resets.";

    public static string Phrase(DateTimeOffset resetsAt, DateTimeOffset now)
    {
        var at = resetsAt.ToUniversalTime();
        var day = at.Date == now.UtcDateTime.Date ? string.Empty : at.ToString("ddd d MMM ", CultureInfo.InvariantCulture);
        return $"at {day}{at.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC, in {Wait(resetsAt - now)}";
    }

    /// <summary>A wait in the two largest units that matter, rounded up so that it never reads "0 min".</summary>
    public static string Wait(TimeSpan wait)
    {
        var seconds = (long)Math.Ceiling(Math.Max(0, wait.TotalSeconds));
        if (seconds < 60)
        {
            return $"{Math.Max(1, seconds)} s";
        }

        var minutes = (seconds + 59) / 60;
        return minutes switch
        {
            < 60 => $"{minutes} min",
            < 24 * 60 => minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min",
            _ => (minutes / 60 % 24) == 0 ? $"{minutes / (24 * 60)} d" : $"{minutes / (24 * 60)} d {minutes / 60 % 24} h",
        };
    }
}
