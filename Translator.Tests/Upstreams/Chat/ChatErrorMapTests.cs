using System.Text.Json;
using Translator.Api.Upstreams.Chat;

namespace Translator.Tests.Upstreams.Chat;

/// <summary>An error inside a Chat stream maps as the same error in an answer's status would.</summary>
public sealed class ChatErrorMapTests
{
    [Theory]
    [InlineData("""{"code":429,"message":"Rate limited upstream"}""", 429, "rate_limit_error")]
    [InlineData("""{"code":502,"message":"Bad gateway"}""", 502, "api_error")]
    [InlineData("""{"code":503,"message":"Unavailable"}""", 529, "overloaded_error")]
    [InlineData("""{"code":400,"message":"Token limit reached"}""", 400, "invalid_request_error")]
    [InlineData("""{"code":"server_error","message":"Something broke","type":"server_error"}""", 500, "api_error")]
    [InlineData("""{"message":"No code at all"}""", 500, "api_error")]
    public void A_numeric_code_is_the_status_and_anything_else_is_an_api_error(string json, int status, string type)
    {
        var error = ChatErrorMap.FromStreamError(JsonSerializer.Deserialize<ChatStreamError>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

        Assert.Equal((status, type), (error.StatusCode, error.Type));
    }

    [Fact]
    public void A_context_length_error_carries_the_sizes_its_message_names()
    {
        var error = ChatErrorMap.FromStreamError(new ChatStreamError
        {
            Message = "This model's maximum context length is 272000 tokens. However, your messages resulted in 300000 tokens.",
            Code = JsonDocument.Parse("\"context_length_exceeded\"").RootElement,
        });

        Assert.Equal(400, error.StatusCode);
        Assert.Equal((300000L, 272000L), (error.PromptTooLong?.Tokens, error.PromptTooLong?.Maximum));
    }

    [Fact]
    public void A_missing_codex_login_is_the_login_error()
    {
        var error = ChatErrorMap.FromStreamError(new ChatStreamError { Message = "auth_unavailable: no auth available (providers=codex, model=gpt-5.5)" });

        Assert.Equal((403, "permission_error"), (error.StatusCode, error.Type));
    }
}
