using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Configuration;

/// <summary>
/// The README's three backend recipes work as written: each is read from README.md in both of its
/// forms (the JSON fragment as a configuration file, the <c>export</c> lines as the environment
/// variables provider reads them), the translator started with it, and real requests show that it
/// does what its name says.
/// </summary>
public sealed class ReadmeRecipesTests : IAsyncLifetime
{
    private const string CodexThenClaude = "codex-then-claude";
    private const string GeminiForSubagents = "gemini-for-subagents";
    private const string AllClaude = "all-claude";

    /// <summary>One name of each family, and a Claude name no family matches (the default route).</summary>
    private static readonly string[] ClaudeNames = ["claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-next-1"];

    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("readme-recipe-");
    private ScriptedUpstream _upstream = null!;

    public static TheoryData<string> Forms => ["json", "env"];

    public async Task InitializeAsync() => _upstream = await ScriptedUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        _files.Delete(recursive: true);
    }

    [Fact]
    public void Each_recipe_is_written_as_json_and_as_environment_variables_that_configure_the_same_routes()
    {
        var recipes = ReadmeRecipe.FromReadme();

        Assert.Equal([AllClaude, CodexThenClaude, GeminiForSubagents], recipes.Keys.Order(StringComparer.Ordinal));
        foreach (var recipe in recipes.Values)
        {
            Assert.NotEmpty(recipe.Settings);
            Assert.All(recipe.Settings.Keys, key => Assert.StartsWith("Translator:", key, StringComparison.Ordinal));
            Assert.Equal(recipe.Settings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase), recipe.EnvironmentSettings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Codex_then_claude_sends_every_claude_name_to_codex_and_to_claude_when_codex_is_out_of_quota(string form)
    {
        var clock = new WatchedClock();
        await using var app = Start(CodexThenClaude, form, [], clock);
        using var http = app.CreateHttpClient();

        foreach (var name in ClaudeNames)
        {
            _upstream.Enqueue(UpstreamDialect.Chat.Complete(new Answer("Codex answers.")));
            var (status, _, _) = await PostAsync(http, Requests.Simple(model: name));
            Assert.Equal(HttpStatusCode.OK, status);
            var codex = _upstream.LastRequest.GetProperty("model").GetString()!;
            Assert.Matches(@"^gpt-5\.\d+$", codex);

            // Codex out of quota: the same request goes to Claude, under the name the client sent.
            _upstream.Enqueue(UpstreamReply.CodexQuotaExhausted(clock.GetUtcNow(), TimeSpan.FromHours(1)));
            _upstream.EnqueueAnthropic(ClaudeReplies.Text(name, stream: false, "Claude answers."));
            var (fallenStatus, fallenServed, answer) = await PostAsync(http, Requests.Simple(model: name));
            Assert.True(fallenStatus == HttpStatusCode.OK, answer);
            Assert.Equal("claude:" + name, fallenServed);
            Assert.Contains("Claude answers.", answer);
            Assert.Equal(codex, _upstream.LastRequest.GetProperty("model").GetString());
            Assert.Equal(name, JsonDocument.Parse(_upstream.AnthropicRequests.Last().Body).RootElement.GetProperty("model").GetString());

            // Past the reset, so that the next name finds Codex serving.
            clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(2 * ClaudeNames.Length, _upstream.Requests.Count);
        Assert.Equal(ClaudeNames.Length, _upstream.AnthropicRequests.Count);
        _upstream.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Gemini_for_subagents_sends_haiku_class_requests_to_gemini_over_chat_or_else_to_codex_and_keeps_opus_on_codex(string form)
    {
        // Responses as the default protocol, so that "over Chat" is the recipe's doing.
        _upstream.Models.Add(ReadmeRecipe.FromReadme()[GeminiForSubagents].Settings["Translator:Models:Families:haiku"]!.Split(',')[0]);
        await using var app = Start(GeminiForSubagents, form, new() { ["Translator:Upstream:Protocol"] = "responses" });
        using var http = app.CreateHttpClient();

        _upstream.Enqueue(UpstreamDialect.Chat.Complete(new Answer("Gemini answers.")));
        var (status, _, answer) = await PostAsync(http, Requests.Simple(model: "claude-haiku-4-5"));
        Assert.True(status == HttpStatusCode.OK, answer);
        Assert.StartsWith("gemini-", _upstream.LastRequest.GetProperty("model").GetString(), StringComparison.Ordinal);
        Assert.True(_upstream.LastRequest.TryGetProperty("messages", out _), "the haiku-class request went to /chat/completions");

        // Gemini without a usable login (CLIProxyAPI's answer): Codex serves the subagent.
        _upstream.Enqueue(UpstreamReply.Json("""{"error":{"message":"auth_unavailable: no auth available (providers=gemini, model=gemini-2.5-flash)","type":"server_error","code":"internal_server_error"}}""", 503));
        _upstream.Enqueue(UpstreamDialect.Responses.Complete(new Answer("Codex answers the subagent.")));
        (status, _, answer) = await PostAsync(http, Requests.Simple(model: "claude-haiku-4-5"));
        Assert.True(status == HttpStatusCode.OK, answer);
        Assert.Contains("Codex answers the subagent.", answer);
        Assert.Matches(@"^gpt-5\.\d+$", _upstream.LastRequest.GetProperty("model").GetString());

        _upstream.Enqueue(UpstreamDialect.Responses.Complete(new Answer("Codex answers.")));
        (status, _, answer) = await PostAsync(http, Requests.Simple(model: "claude-opus-4-5"));
        Assert.True(status == HttpStatusCode.OK, answer);
        Assert.Matches(@"^gpt-5\.\d+$", _upstream.LastRequest.GetProperty("model").GetString());
        Assert.True(_upstream.LastRequest.TryGetProperty("input", out _), "opus went to /responses");
        Assert.Empty(_upstream.AnthropicRequests);
        _upstream.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task All_claude_sends_every_claude_name_untranslated_to_claude(string form)
    {
        await using var app = Start(AllClaude, form, []);
        using var http = app.CreateHttpClient();

        foreach (var name in ClaudeNames)
        {
            _upstream.EnqueueAnthropic(ClaudeReplies.Text(name, stream: false, "Claude answers."));
            var body = Requests.Simple(model: name);
            var (status, served, answer) = await PostAsync(http, body);
            Assert.True(status == HttpStatusCode.OK, answer);
            Assert.Equal("claude:" + name, served);
            Assert.Equal(body, _upstream.AnthropicRequests.Last().Body);
        }

        Assert.Empty(_upstream.Requests);
        _upstream.AssertNoViolations();
    }

    [Fact]
    public async Task Switching_the_settings_file_from_codex_then_claude_to_all_claude_sends_the_next_request_to_claude_without_a_restart()
    {
        var recipes = ReadmeRecipe.FromReadme();
        var file = Path.Combine(_files.FullName, "appsettings.json");
        await File.WriteAllTextAsync(file, recipes[CodexThenClaude].Json);
        await using var app = new TranslatorApp(_upstream.BaseUrl, configuration: sources => sources.AddJsonFile(file, optional: false, reloadOnChange: true));
        using var http = app.CreateHttpClient();
        var body = Requests.Simple(model: "claude-opus-4-5");

        _upstream.Enqueue(UpstreamDialect.Chat.Complete(new Answer("Codex answers.")));
        var (status, _, answer) = await PostAsync(http, body);
        Assert.True(status == HttpStatusCode.OK, answer);
        Assert.Matches(@"^gpt-5\.\d+$", _upstream.LastRequest.GetProperty("model").GetString());

        // Saved whole at once, as an editor does, so that the watcher never reads half a file.
        var next = Path.Combine(_files.FullName, "appsettings.json.saving");
        await File.WriteAllTextAsync(next, recipes[AllClaude].Json);
        File.Move(next, file, overwrite: true);
        await ReloadedAsync(app, defaultRoute: "claude");

        _upstream.EnqueueAnthropic(ClaudeReplies.Text("claude-opus-4-5", stream: false, "Claude answers."));
        (status, var served, answer) = await PostAsync(http, body);
        Assert.True(status == HttpStatusCode.OK, answer);
        Assert.Equal("claude:claude-opus-4-5", served);
        Assert.Equal(body, Assert.Single(_upstream.AnthropicRequests).Body);
        Assert.Single(_upstream.Requests);
        _upstream.AssertNoViolations();
    }

    /// <summary>Waits until the app has put changed routes in use (ModelMapReloader's line, event 101), the default route being <paramref name="defaultRoute"/>.</summary>
    private static async Task ReloadedAsync(TranslatorApp app, string defaultRoute)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!app.Logs.GetSnapshot().Any(r => r.Id.Id == 101 && r.GetStructuredStateValue("Default") == defaultRoute))
        {
            // Real time only paces the polling; what the test sees does not depend on it.
            await Task.Delay(10, limit.Token);
        }
    }

    /// <summary>The translator configured by a recipe of README.md in one of its forms, on top of <paramref name="settings"/>.</summary>
    private TranslatorApp Start(string recipeName, string form, Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var recipe = ReadmeRecipe.FromReadme()[recipeName];
        Action<IConfigurationBuilder>? configuration = null;
        if (form == "json")
        {
            var file = Path.Combine(_files.FullName, recipeName + ".json");
            File.WriteAllText(file, recipe.Json);
            configuration = sources => sources.AddJsonFile(file, optional: false, reloadOnChange: false);
        }
        else
        {
            foreach (var (key, value) in recipe.EnvironmentSettings)
            {
                settings[key] = value;
            }
        }

        return new TranslatorApp(_upstream.BaseUrl, settings, clock is null ? null : services => services.AddSingleton(clock), configuration: configuration);
    }

    private static async Task<(HttpStatusCode Status, string? ServedBy, string Body)> PostAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        var served = response.Headers.TryGetValues("x-upstream-model", out var values) ? values.Single() : null;
        return (response.StatusCode, served, await response.Content.ReadAsStringAsync());
    }
}
