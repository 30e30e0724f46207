using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Upstreams;

/// <summary>
/// Serializer options for the requests sent upstream, in either protocol: UTF-8 written as is, so a
/// prompt in any script costs its own bytes and not six per character.
/// </summary>
internal static class UpstreamJson
{
    public static JsonSerializerOptions Relaxed(JsonSerializerContext context) =>
        new(context.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonTypeInfo<T> Info<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
