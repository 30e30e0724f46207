using Translator.Api.Apis;
using Translator.Api.Extensions;
using Translator.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddStartupGuard();
builder.AddServiceDefaults();
builder.AddTranslator();

var app = builder.Build();

app.UseTranslator();

app.MapDefaultEndpoints();
app.MapMessagesApi();
app.MapModelsApi();
app.MapPassthroughApi();

await app.RunGuardedAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
