namespace Translator.Tests.Anthropic;

/// <summary>A structured output's format, in both forms: a json_schema of an object, or a 400 naming the field.</summary>
public sealed class OutputFormatValidatorTests
{
    private const string Schema = """{"type":"object","properties":{"a":{"type":"string"}}}""";

    [Theory]
    [InlineData("""{"output_config":{"format":{"type":"json_schema","schema":""" + Schema + "}}}")]
    [InlineData("""{"output_format":{"type":"json_schema","schema":""" + Schema + "}}")]
    [InlineData("""{"output_config":{"effort":"high"}}""")]
    public void Accepts_a_json_schema_of_an_object_in_either_form(string fields)
    {
        Assert.Null(MinimalRequest.ErrorWith(fields));
    }

    [Theory]
    [InlineData("""{"output_config":{"format":{"type":"json_object"}}}""", "output_config.format.type: Unknown output format type 'json_object'; expected 'json_schema'.")]
    [InlineData("""{"output_format":{"schema":""" + Schema + "}}", "output_format.type: Unknown output format type null; expected 'json_schema'.")]
    [InlineData("""{"output_config":{"format":{"type":"json_schema"}}}""", "output_config.format.schema: Field required; must be a JSON schema object.")]
    [InlineData("""{"output_format":{"type":"json_schema","schema":"object"}}""", "output_format.schema: Field required; must be a JSON schema object.")]
    [InlineData("""{"output_config":{"format":{"type":"json_schema","schema":{"type":"array","items":{"type":"string"}}}}}""", "output_config.format.schema.type: The schema of a structured output must describe an object ('type': 'object').")]
    public void Refuses_any_other_format_naming_the_field(string fields, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWith(fields));
    }
}
