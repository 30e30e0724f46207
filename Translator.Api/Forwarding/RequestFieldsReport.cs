using System.Collections.Concurrent;
using System.Diagnostics;
using Translator.Api.Anthropic;

namespace Translator.Api.Forwarding;

/// <summary>
/// Says what of a request was not sent upstream: the dropped parts on the call's span
/// (<c>translator.dropped_fields</c>), and a top-level field <see cref="RequestFeatures"/> does not
/// know in the log, once per process and name, so that a field Anthropic adds is noticed.
/// </summary>
internal static partial class RequestFieldsReport
{
    /// <summary>The most names remembered: a client inventing names must not grow the set, or the log, without end.</summary>
    private const int MaxWarned = 256;

    private static readonly ConcurrentDictionary<string, byte> Warned = new(StringComparer.Ordinal);

    public static void Record(MessagesRequest request, Activity? activity, ILogger logger)
    {
        if (activity is not null && RequestFieldsValidator.Dropped(request) is { Count: > 0 } dropped)
        {
            activity.SetTag("translator.dropped_fields", dropped.ToArray());
        }

        foreach (var name in RequestFieldsValidator.Unknown(request))
        {
            if (Warned.Count < MaxWarned && Warned.TryAdd(name, 0))
            {
                Log.UnknownField(logger, InvalidField.Quote(name));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(90, LogLevel.Warning, "The request field {Field} is not one the translator knows; it was not sent upstream. Logged once per field name.")]
        public static partial void UnknownField(ILogger logger, string field);
    }
}
