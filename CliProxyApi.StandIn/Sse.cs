using System.Text.Json.Nodes;

namespace CliProxyApi.StandIn;

internal static class Sse
{
    public static async Task DataAsync(HttpContext context, JsonNode data, string? name = null)
    {
        await context.Response.WriteAsync((name is null ? "" : $"event: {name}\n") + $"data: {data.ToJsonString()}\n\n");
        await context.Response.Body.FlushAsync();
    }

    /// <summary>The text in pieces a word long, as a model streams it.</summary>
    public static IEnumerable<string> Words(string text) => text.Split(' ').Select((w, i) => i == 0 ? w : " " + w);
}
