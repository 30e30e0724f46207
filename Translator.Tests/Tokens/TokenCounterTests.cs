using System.Buffers.Binary;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Tokens;

public sealed class TokenCounterTests
{
    private static readonly TokenCounter Counter = new();

    // Reference counts from an independent o200k_base implementation (npm gpt-tokenizer 4.0.0).
    [Theory]
    [InlineData("Hello world", 2)]
    [InlineData("The quick brown fox jumps over the lazy dog.", 10)]
    [InlineData("Grüße, 世界! 🚀", 8)]
    [InlineData("get_weather:Weather of a city", 7)]
    [InlineData("city:string:The city", 4)]
    [InlineData("{\"city\":\"Paris\"}", 5)]
    [InlineData("call_1", 3)]
    [InlineData("You are terse.\n\nAnswer in French.", 8)]
    public void Counts_text_as_o200k_base_does(string text, int expected)
    {
        Assert.Equal(expected, Counter.Count(text));
    }

    [Fact]
    public void Frames_each_message_and_primes_the_reply()
    {
        var count = Count("""{"model":"claude-x","system":"You are terse.\n\nAnswer in French.","messages":[{"role":"user","content":"Hello world"}]}""");

        // reply priming 3 + system (3 + "system" 1 + 8) + user (3 + "user" 1 + 2)
        Assert.Equal(3 + (3 + 1 + 8) + (3 + 1 + 2), count);
    }

    [Fact]
    public void Counts_function_definitions_with_the_cookbook_formula()
    {
        var count = Count("""
            {"model":"claude-x","messages":[{"role":"user","content":"Hello world"}],
             "tools":[{"name":"get_weather","description":"Weather of a city.","input_schema":{"type":"object","properties":{"city":{"type":"string","description":"The city"}}}}]}
            """);

        // messages 3 + (3 + 1 + 2); function 7 + 7; properties 3 + key 3 + 4; end 12
        Assert.Equal(3 + (3 + 1 + 2) + 7 + 7 + 3 + 3 + 4 + 12, count);
    }

    [Fact]
    public void Counts_anthropics_client_tools_as_the_functions_they_become()
    {
        const string Messages = "\"messages\":[{\"role\":\"user\",\"content\":\"Hello world\"}]";
        var function = ClientToolFunctions.AsFunction(new ToolDefinition { Type = "text_editor_20250728", Name = "str_replace_based_edit_tool", MaxCharacters = 2000 });
        var asFunction = JsonSerializer.Serialize(new { name = function.Name, description = function.Description, input_schema = function.InputSchema });

        var count = Count($$"""{"model":"claude-x",{{Messages}},"tools":[{"type":"text_editor_20250728","name":"str_replace_based_edit_tool","max_characters":2000}]}""");

        Assert.Equal(Count($$"""{"model":"claude-x",{{Messages}},"tools":[{{asFunction}}]}"""), count);
        Assert.True(count > Count($$"""{"model":"claude-x",{{Messages}}}""") + 100, "the editor's schema is counted");
    }

    [Fact]
    public void Counts_tool_calls_and_results()
    {
        var count = Count("""
            {"model":"claude-x","messages":[{"role":"user","content":"Hello world"},
              {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"Hello world"}]}]}
            """);

        // user 3+1+2; assistant 3+1 + call (3 + "call_1" 3 + "get_weather" 2 + arguments 5); tool 3+1+2 + "call_1" 3
        Assert.Equal(3 + (3 + 1 + 2) + (3 + 1 + 3 + 3 + Counter.Count("get_weather") + 5) + (3 + 1 + 2 + 3), count);
    }

    [Fact]
    public void Counts_the_same_however_the_client_formatted_its_json()
    {
        var body = RecordedFixtures.Json("claude-code-2.1.328-request-first-turn.json").GetProperty("body");
        var indented = JsonSerializer.Serialize(body, new JsonSerializerOptions { WriteIndented = true });

        Assert.Equal(Count(body.GetRawText()), Count(indented));
        Assert.Equal(Count(body.GetRawText()), Count(JsonSerializer.Serialize(body)));
    }

    [Fact]
    public void Counts_a_resent_conversation_as_it_counted_it_the_first_time()
    {
        var body = RecordedFixtures.Json("claude-code-2.1.328-request-tool-result-turn.json").GetProperty("body").GetRawText();
        var request = JsonSerializer.Deserialize(body, AnthropicJsonContext.Default.MessagesRequest)!;
        var counter = new TokenCounter();

        var first = counter.Count(request, OutputPlan.For(request), MessageLayout.Chat);
        var resent = counter.Count(request, OutputPlan.For(request), MessageLayout.Chat);

        Assert.Equal(first, resent);
        Assert.Equal(new TokenCounter().Count(request, OutputPlan.For(request), MessageLayout.Chat), resent);
    }

    [Fact]
    public void Counts_a_tool_definition_anew_when_any_part_of_it_changes()
    {
        static string Request(string name, string description, string schemaDescription) =>
            """{"model":"claude-x","messages":[{"role":"user","content":"Hi"}],"tools":[{"name":"NAME","description":"DESCRIPTION","input_schema":{"type":"object","properties":{"path":{"type":"string","description":"SCHEMA"}}}}]}"""
                .Replace("NAME", name).Replace("DESCRIPTION", description).Replace("SCHEMA", schemaDescription);
        var variants = new[]
        {
            Request("read", "Reads a file.", "The file to read"),
            Request("read", "Reads a file.", "The absolute path of the file to read, never a relative one"),
            Request("read", "Reads a file from the workspace and returns its lines.", "The file to read"),
            Request("read_file_lines", "Reads a file.", "The file to read"),
            // The same characters, split differently between name and description.
            Request("readRe", "ads a file.", "The file to read"),
        };
        var counter = new TokenCounter();

        var remembered = variants.Select(v => Count(counter, v)).ToList();
        var rememberedAgain = variants.Select(v => Count(counter, v)).ToList();
        var fresh = variants.Select(v => Count(new TokenCounter(), v)).ToList();

        Assert.Equal(fresh, remembered);
        Assert.Equal(fresh, rememberedAgain);
        Assert.True(fresh.Count == fresh.Distinct().Count(), string.Join(", ", fresh));
    }

    [Fact]
    public void Tells_apart_long_texts_of_the_same_length_and_stays_right_past_its_capacity()
    {
        // Same length, different counts: remembering by anything weaker than the text would mix them up.
        var words = string.Concat(Enumerable.Repeat("alpha beta gamma ", 40));
        var letters = new string('a', words.Length);
        // More distinct long texts than the counter keeps, so that it starts over at least once.
        var texts = Enumerable.Range(0, 17_000).Select(i => $"{i} {words}").ToList();
        var counter = new TokenCounter();

        var first = (counter.Count(words), counter.Count(letters));
        var counts = texts.Select(text => counter.Count(text)).ToList();

        Assert.NotEqual(first.Item1, first.Item2);
        Assert.Equal(first, (counter.Count(words), counter.Count(letters)));
        Assert.Equal(first, (new TokenCounter().Count(words), new TokenCounter().Count(letters)));
        Assert.Equal(counts, texts.Select(text => counter.Count(text)));
        Assert.Equal(counts[0], new TokenCounter().Count(texts[0]));
        Assert.Equal(counts[^1], new TokenCounter().Count(texts[^1]));
    }

    [Theory]
    [InlineData("""{"model":"claude-x","messages":[{"role":"user","content":"WORD"}]}""")]
    [InlineData("""{"model":"claude-x","system":[{"type":"text","text":"WORD"},{"type":"text","text":"more"}],"messages":[]}""")]
    [InlineData("""{"model":"claude-x","messages":[{"role":"user","content":[{"type":"text","text":"WORD"}]}]}""")]
    [InlineData("""{"model":"claude-x","messages":[{"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"Read","input":{"path":"WORD"}}]}]}""")]
    [InlineData("""{"model":"claude-x","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"WORD"}]}]}""")]
    [InlineData("""{"model":"claude-x","messages":[],"tools":[{"name":"Read","description":"WORD","input_schema":{"type":"object"}}]}""")]
    public void A_count_whose_request_is_already_cancelled_throws_wherever_the_long_text_is(string shape)
    {
        // A word of 200,000 letters: what a count would spend seconds on, were it not stopped.
        var request = JsonSerializer.Deserialize(shape.Replace("WORD", new string('w', 200_000)), AnthropicJsonContext.Default.MessagesRequest)!;
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => new TokenCounter().Count(request, OutputPlan.For(request), MessageLayout.Chat, cancellation.Token));
    }

    [Theory]
    [InlineData(1024, 1024, 765)]
    [InlineData(2048, 4096, 1105)]
    [InlineData(512, 512, 255)]
    [InlineData(4096, 8192, 1105)]
    public void Prices_images_with_openais_high_detail_formula(int width, int height, int expected)
    {
        // The two first rows are the worked examples of OpenAI's vision pricing documentation.
        Assert.Equal(expected, MediaTokens.ImageTokens(width, height));
    }

    [Theory]
    [InlineData("png", 640, 480)]
    [InlineData("gif", 300, 200)]
    [InlineData("jpeg", 1920, 1080)]
    [InlineData("webp-vp8x", 2000, 1000)]
    public void Reads_image_sizes_from_headers(string format, int width, int height)
    {
        Assert.True(ImageSize.TryRead(Header(format, width, height), out var readWidth, out var readHeight));
        Assert.Equal((width, height), (readWidth, readHeight));
    }

    [Fact]
    public void Counts_an_image_by_its_real_size_and_an_unreadable_one_as_1024_square()
    {
        var png = Convert.ToBase64String(Header("png", 512, 512));
        var withPng = Count($$$"""{"model":"claude-x","messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{png}}}"}}]}]}""");
        var withUrl = Count("""{"model":"claude-x","messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]}""");

        Assert.Equal(3 + 3 + 1 + 255, withPng);
        Assert.Equal(3 + 3 + 1 + 765, withUrl);
    }

    private static long Count(string anthropicJson) => Count(Counter, anthropicJson);

    private static long Count(TokenCounter counter, string anthropicJson)
    {
        var request = JsonSerializer.Deserialize(anthropicJson, AnthropicJsonContext.Default.MessagesRequest)!;
        return counter.Count(request, OutputPlan.For(request), MessageLayout.Chat);
    }

    internal static byte[] Header(string format, int width, int height)
    {
        var bytes = new byte[64];
        switch (format)
        {
            case "png":
                new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
                break;
            case "gif":
                "GIF89a"u8.CopyTo(bytes);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)width);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)height);
                break;
            case "jpeg":
                // SOI, an APP0 segment of 16 bytes, then SOF0 with height and width.
                new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 }.CopyTo(bytes, 0);
                new byte[] { 0xFF, 0xC0, 0x00, 0x11, 0x08 }.CopyTo(bytes, 20);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(25), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(27), (ushort)width);
                break;
            case "webp-vp8x":
                "RIFF"u8.CopyTo(bytes);
                "WEBPVP8X"u8.CopyTo(bytes.AsSpan(8));
                WriteUInt24(bytes.AsSpan(24), width - 1);
                WriteUInt24(bytes.AsSpan(27), height - 1);
                break;
        }

        return bytes;
    }

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }
}
