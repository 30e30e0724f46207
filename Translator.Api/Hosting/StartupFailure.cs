using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Translator.Api.Hosting;

/// <summary>
/// A failed start told in one line per cause, naming the setting and its value or the port: a
/// setting that fails validation, a value the configuration binder cannot convert, a port another
/// process holds. Null for any other failure, which keeps its exception and stack.
/// </summary>
internal static partial class StartupFailure
{
    public static IReadOnlyList<string>? Describe(Exception exception, IConfiguration configuration)
    {
        if (exception is AggregateException aggregate)
        {
            var causes = aggregate.Flatten().InnerExceptions.Select(e => Describe(e, configuration)).ToList();
            return causes.All(c => c is not null) ? [.. causes.SelectMany(c => c!)] : null;
        }

        return exception switch
        {
            OptionsValidationException invalid => [.. invalid.Failures],
            InvalidOperationException when FailedConversion().Match(exception.Message) is { Success: true } match =>
                [Unconvertible(match.Groups["path"].Value, match.Groups["type"].Value, configuration)],
            IOException { InnerException: AddressInUseException } when Port().Match(exception.Message) is { Success: true } match =>
                [$"Port {match.Groups["port"].Value} is already in use: stop the other process or choose another with --urls"],
            _ => null,
        };
    }

    private static string Unconvertible(string path, string type, IConfiguration configuration) =>
        $"{path}: \"{configuration[path]}\" is not {type switch
        {
            "System.TimeSpan" => "a time span (e.g. 00:02:00)",
            "System.Boolean" => "true or false",
            "System.Int32" => string.Create(CultureInfo.InvariantCulture, $"a whole number up to {int.MaxValue}"),
            "System.Int64" => "a whole number",
            _ => "a " + type[(type.LastIndexOf('.') + 1)..],
        }}.";

    /// <summary>The binder's message (both the reflection binder's and the source-generated one's).</summary>
    [GeneratedRegex("^Failed to convert configuration value .*at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex FailedConversion();

    /// <summary>Kestrel's message: "Failed to bind to address http://127.0.0.1:8318: address already in use."</summary>
    [GeneratedRegex(@"://[^\s/]*:(?<port>\d+)")]
    private static partial Regex Port();
}
