using System.Text.Json;
using System.Text.Json.Nodes;
using CliProxyApi.StandIn;
using Translator.Tests.Infrastructure;

// A stand-in for CLIProxyAPI (`cli-proxy-api --config config.yaml`): its routes, its key check, its
// errors, its Codex device login; the answers are scripted ("Hello from the CLIProxyAPI stand-in.").
var configPath = ValueOf("--config") ?? "config.yaml";
var config = StandInConfig.Load(configPath);
if (args.Contains("--codex-device-login") || args.Contains("--codex-login"))
{
    return CodexLogin.Run(config);
}

// Lets a test hold health back, to see who waits for it.
var healthyAt = DateTimeOffset.UtcNow.AddMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("STANDIN_HEALTHY_AFTER_MS"), out var delay) ? delay : 0);

var logins = new CodexLogins(config);
var builder = WebApplication.CreateBuilder();
builder.WebHost.UseUrls($"http://{(config.Host is { Length: > 0 } host ? host : "0.0.0.0")}:{config.Port}");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

app.MapMethods("/healthz", ["GET", "HEAD"], () => DateTimeOffset.UtcNow < healthyAt
    ? Results.Content("""{"status":"starting"}""", "application/json", statusCode: 503)
    : Results.Content("""{"status":"ok"}""", "application/json"));

var api = app.MapGroup("/v1").AddEndpointFilter(async (context, next) =>
{
    var request = context.HttpContext.Request;
    var presented = request.Headers.Authorization.ToString() is { } bearer && bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer[7..]
        : request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header ? header
        : request.Query["key"].ToString();
    if (config.ApiKeys.Count > 0 && !config.ApiKeys.Contains(presented))
    {
        Console.WriteLine($"{request.Method} {request.Path} -> 401 ({(presented.Length == 0 ? "no key" : "wrong key")})");
        return Results.Content(presented.Length == 0 ? """{"error":"Missing API key"}""" : """{"error":"Invalid API key"}""", "application/json", statusCode: 401);
    }

    return await next(context);
});

// CLIProxyAPI lists a provider's models only while it has a login for that provider.
api.MapGet("/models", () => Results.Content(
    new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. (logins.Any() ? Models.Names : Enumerable.Empty<string>()).Select(m => (JsonNode)new JsonObject { ["id"] = m, ["object"] = "model", ["owned_by"] = "openai" })]) }.ToJsonString(),
    "application/json"));

api.MapPost("/chat/completions", (HttpContext context) => Answer(context, ChatWireRules.Check, ChatAnswer.WriteAsync));
api.MapPost("/responses", (HttpContext context) => Answer(context, ResponsesWireRules.Check, ResponsesAnswer.WriteAsync));

// Its own Anthropic endpoint, served untranslated by a Claude provider (claude-api-key) for the models it has.
api.MapPost("/messages", (HttpContext context) => AnswerClaude(context, countTokens: false));
api.MapPost("/messages/count_tokens", (HttpContext context) => AnswerClaude(context, countTokens: true));

app.Run();
return 0;

async Task Answer(HttpContext context, Func<JsonElement, List<string>> rules, Func<HttpContext, JsonElement, Task> write)
{
    using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
    var root = body.RootElement;
    var model = root.TryGetProperty("model", out var m) ? m.GetString() ?? string.Empty : string.Empty;
    var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
    Console.WriteLine($"POST {context.Request.Path} model={model} stream={stream.ToString().ToLowerInvariant()}");

    if (rules(root) is { Count: > 0 } violations)
    {
        await Error(context, 400, string.Join("; ", violations), "invalid_request_error", "invalid_request");
    }
    else if (!Models.Names.Contains(model) || !logins.Any())
    {
        await Error(context, 400, $"unknown provider for model {model}", "invalid_request_error", "model_not_found");
    }
    else if (logins.ErrorFor(model) is { } refused)
    {
        await Error(context, refused.Status, refused.Message, refused.Type, refused.Code);
    }
    else if (CodexQuota.ResetsInSeconds is { } resetsIn)
    {
        await CodexQuota.WriteAsync(context, resetsIn);
    }
    else
    {
        await write(context, root);
    }
}

async Task AnswerClaude(HttpContext context, bool countTokens)
{
    using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
    var root = body.RootElement;
    var model = root.TryGetProperty("model", out var m) ? m.GetString() ?? string.Empty : string.Empty;
    var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
    Console.WriteLine($"POST {context.Request.Path} model={model} stream={stream.ToString().ToLowerInvariant()}");

    // Since v7 its Claude handler answers every error in Anthropic's envelope.
    if (AnthropicWireRules.Check(context.Request.Headers, root, countTokens) is { Count: > 0 } violations)
    {
        await ClaudeError(context, 400, "invalid_request_error", string.Join("; ", violations));
    }
    else if (!config.ClaudeApiKey.Any(provider => provider.Serves(model)))
    {
        await ClaudeError(context, 400, "invalid_request_error", $"unknown provider for model {model}");
    }
    else if (countTokens)
    {
        await ClaudeAnswer.CountAsync(context);
    }
    else
    {
        await ClaudeAnswer.WriteAsync(context, root);
    }
}

static Task ClaudeError(HttpContext context, int status, string type, string message)
{
    Console.WriteLine($"  -> {status} {type}: {message}");
    context.Response.StatusCode = status;
    context.Response.ContentType = "application/json";
    return context.Response.WriteAsync(new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }.ToJsonString());
}

static Task Error(HttpContext context, int status, string message, string type, string code)
{
    Console.WriteLine($"  -> {status} {code}: {message}");
    context.Response.StatusCode = status;
    context.Response.ContentType = "application/json";
    return context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code } }.ToJsonString());
}

string? ValueOf(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
