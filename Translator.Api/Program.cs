using Translator.Api.Apis;
using Translator.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTranslator();

var app = builder.Build();

app.UseTranslator();

app.MapDefaultEndpoints();
app.MapMessagesApi();
app.MapModelsApi();
app.MapPassthroughApi();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
