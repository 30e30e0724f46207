namespace Translator.Tests.Anthropic;

/// <summary>model, max_tokens, the sampling fields, stop_sequences, thinking and output_config.</summary>
public sealed class TopLevelFieldsValidatorTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"model":"claude-opus-4-5-20251101"}""")]
    [InlineData("""{"max_tokens":32000}""")]
    [InlineData("""{"temperature":0,"top_p":1}""")]
    [InlineData("""{"temperature":1,"top_p":0}""")]
    [InlineData("""{"temperature":0.7,"top_p":0.95,"top_k":40}""")]
    [InlineData("""{"stop_sequences":[]}""")]
    [InlineData("""{"stop_sequences":["\n\nHuman:","END"]}""")]
    [InlineData("""{"thinking":{"type":"enabled","budget_tokens":1}}""")]
    [InlineData("""{"thinking":{"type":"enabled","budget_tokens":31999,"display":"summarized"}}""")]
    [InlineData("""{"thinking":{"type":"disabled"}}""")]
    [InlineData("""{"thinking":{"type":"adaptive","display":"omitted"}}""")]
    [InlineData("""{"thinking":{"type":"auto"}}""")]
    [InlineData("""{"output_config":{}}""")]
    [InlineData("""{"output_config":{"effort":"low"}}""")]
    [InlineData("""{"output_config":{"effort":"medium"}}""")]
    [InlineData("""{"output_config":{"effort":"high"}}""")]
    [InlineData("""{"output_config":{"effort":"xhigh"}}""")]
    [InlineData("""{"output_config":{"effort":"max"}}""")]
    public void Accepts_well_formed_top_level_fields(string fields)
    {
        Assert.Null(MinimalRequest.ErrorWith(fields));
    }

    [Theory]
    [InlineData("""{"model":null}""", "model: Field required.")]
    [InlineData("""{"model":""}""", "model: Field required.")]
    [InlineData("""{"model":"  "}""", "model: Field required.")]
    [InlineData("""{"model":"claude\u0007x"}""", "model: Must be a model name without control characters.")]
    [InlineData("""{"model":"claude\nx"}""", "model: Must be a model name without control characters.")]
    [InlineData("""{"max_tokens":null}""", "max_tokens: Field required.")]
    [InlineData("""{"max_tokens":0}""", "max_tokens: Must be greater than or equal to 1.")]
    [InlineData("""{"max_tokens":-5}""", "max_tokens: Must be greater than or equal to 1.")]
    [InlineData("""{"temperature":1.5}""", "temperature: Must be between 0 and 1.")]
    [InlineData("""{"temperature":-0.1}""", "temperature: Must be between 0 and 1.")]
    [InlineData("""{"top_p":1.01}""", "top_p: Must be between 0 and 1.")]
    [InlineData("""{"top_p":-1}""", "top_p: Must be between 0 and 1.")]
    [InlineData("""{"stop_sequences":[""]}""", "stop_sequences.0: Each stop sequence must contain non-whitespace.")]
    [InlineData("""{"stop_sequences":["ok"," \n"]}""", "stop_sequences.1: Each stop sequence must contain non-whitespace.")]
    [InlineData("""{"thinking":{"type":"enabled"}}""", "thinking.budget_tokens: Field required and must be positive when thinking is enabled.")]
    [InlineData("""{"thinking":{"type":"enabled","budget_tokens":0}}""", "thinking.budget_tokens: Field required and must be positive when thinking is enabled.")]
    [InlineData("""{"thinking":{"type":"sometimes"}}""", "thinking.type: Unknown thinking type 'sometimes'; expected 'enabled', 'disabled', 'adaptive' or 'auto'.")]
    [InlineData("""{"thinking":{}}""", "thinking.type: Unknown thinking type null; expected 'enabled', 'disabled', 'adaptive' or 'auto'.")]
    [InlineData("""{"thinking":{"type":"adaptive","display":"full"}}""", "thinking.display: Unknown thinking display 'full'; expected 'summarized' or 'omitted'.")]
    [InlineData("""{"thinking":{"type":"sometimes","display":"full"}}""", "thinking.type: Unknown thinking type 'sometimes'; expected 'enabled', 'disabled', 'adaptive' or 'auto'.")]
    [InlineData("""{"output_config":{"effort":"extreme"}}""", "output_config.effort: Unknown effort 'extreme'; expected one of low, medium, high, xhigh, max.")]
    [InlineData("""{"output_config":{"effort":"High"}}""", "output_config.effort: Unknown effort 'High'; expected one of low, medium, high, xhigh, max.")]
    public void Refuses_a_bad_top_level_field_by_name(string fields, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWith(fields));
    }

    [Fact]
    public void A_model_name_is_at_most_256_characters()
    {
        Assert.Null(MinimalRequest.ErrorWith($$"""{"model":"{{new string('m', 256)}}"}"""));
        Assert.Equal("model: Must be a model name without control characters.", MinimalRequest.ErrorWith($$"""{"model":"{{new string('m', 257)}}"}"""));
    }

    [Fact]
    public void Count_tokens_may_leave_out_max_tokens_but_not_send_a_bad_one()
    {
        Assert.Null(MinimalRequest.ErrorWith("""{"max_tokens":null}""", requireMaxTokens: false));
        Assert.Equal("max_tokens: Must be greater than or equal to 1.", MinimalRequest.ErrorWith("""{"max_tokens":0}""", requireMaxTokens: false));
    }

    [Fact]
    public void Refuses_sampling_values_that_are_not_numbers()
    {
        // JSON cannot carry them, but a request built in code can.
        var request = MinimalRequest.With("{}");

        Assert.Equal("temperature: Must be between 0 and 1.", MinimalRequest.ErrorOf(request with { Temperature = double.NaN }));
        Assert.Equal("top_p: Must be between 0 and 1.", MinimalRequest.ErrorOf(request with { TopP = double.NaN }));
        Assert.Equal("top_p: Must be between 0 and 1.", MinimalRequest.ErrorOf(request with { TopP = double.PositiveInfinity }));
    }

    [Fact]
    public void Quotes_at_most_64_characters_of_an_unknown_value()
    {
        var error = MinimalRequest.ErrorWith($$$"""{"thinking":{"type":"{{{new string('x', 65)}}}"}}""");

        Assert.Equal($"thinking.type: Unknown thinking type '{new string('x', 64)}…'; expected 'enabled', 'disabled', 'adaptive' or 'auto'.", error);
    }

    [Theory]
    [InlineData("""{"model":null,"max_tokens":0}""", "model: Field required.")]
    [InlineData("""{"max_tokens":0,"temperature":2}""", "max_tokens: Must be greater than or equal to 1.")]
    [InlineData("""{"temperature":2,"top_p":2}""", "temperature: Must be between 0 and 1.")]
    [InlineData("""{"top_p":2,"stop_sequences":[""]}""", "top_p: Must be between 0 and 1.")]
    [InlineData("""{"stop_sequences":[""],"thinking":{}}""", "stop_sequences.0: Each stop sequence must contain non-whitespace.")]
    [InlineData("""{"thinking":{},"output_config":{"effort":"x"}}""", "thinking.type: Unknown thinking type null; expected 'enabled', 'disabled', 'adaptive' or 'auto'.")]
    [InlineData("""{"thinking":{"type":"auto","display":"x"},"output_config":{"effort":"x"}}""", "thinking.display: Unknown thinking display 'x'; expected 'summarized' or 'omitted'.")]
    public void Checks_the_top_level_fields_in_order(string fields, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWith(fields));
    }
}
