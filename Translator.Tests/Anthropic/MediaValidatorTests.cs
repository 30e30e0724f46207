namespace Translator.Tests.Anthropic;

/// <summary>Image and document blocks, in a user message and in a tool result: where their bytes come from.</summary>
public sealed class MediaValidatorTests
{
    private const string ImageTypes = "Must be one of image/jpeg, image/png, image/gif, image/webp.";

    [Theory]
    [InlineData("""{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}}""")]
    [InlineData("""{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}""")]
    [InlineData("""{"type":"image","source":{"type":"base64","media_type":"image/gif","data":"R0lGODlh"}}""")]
    [InlineData("""{"type":"image","source":{"type":"base64","media_type":"image/webp","data":"UklGRg=="}}""")]
    [InlineData("""{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}""")]
    [InlineData("""{"type":"image","source":{"type":"url","url":"http://example.com/a.png"}}""")]
    [InlineData("""{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0x"},"title":"a.pdf"}""")]
    [InlineData("""{"type":"document","source":{"type":"text","media_type":"text/plain","data":""}}""")]
    public void Accepts_images_and_documents_the_upstream_can_read(string block)
    {
        Assert.Null(MinimalRequest.ErrorWithMessages($$"""[{"role":"user","content":[{{block}}]}]"""));
        Assert.Null(MinimalRequest.ErrorWithMessages(MinimalRequest.MessagesAnsweredWith($"[{block}]")));
    }

    [Theory]
    [InlineData("""{"type":"image"}""", "source: Field required.")]
    [InlineData("""{"type":"image","source":{"type":"base64","media_type":"image/tiff","data":"AAAA"}}""", "source.media_type: " + ImageTypes)]
    [InlineData("""{"type":"image","source":{"type":"base64","data":"AAAA"}}""", "source.media_type: " + ImageTypes)]
    [InlineData("""{"type":"image","source":{"type":"base64","media_type":"image/png","data":"not base64!"}}""", "source.data: Must be non-empty, valid base64.")]
    [InlineData("""{"type":"image","source":{"type":"base64","media_type":"image/png","data":""}}""", "source.data: Must be non-empty, valid base64.")]
    [InlineData("""{"type":"image","source":{"type":"base64","media_type":"image/png"}}""", "source.data: Must be non-empty, valid base64.")]
    [InlineData("""{"type":"image","source":{"type":"url","url":"file:///etc/passwd"}}""", "source.url: Must be an absolute http or https URL.")]
    [InlineData("""{"type":"image","source":{"type":"url","url":"/a.png"}}""", "source.url: Must be an absolute http or https URL.")]
    [InlineData("""{"type":"image","source":{"type":"url"}}""", "source.url: Must be an absolute http or https URL.")]
    [InlineData("""{"type":"image","source":{"type":"file","file_id":"f"}}""", "source.type: Unknown image source type 'file'; expected 'base64' or 'url'.")]
    [InlineData("""{"type":"image","source":{}}""", "source.type: Unknown image source type null; expected 'base64' or 'url'.")]
    [InlineData("""{"type":"document"}""", "source: Field required.")]
    [InlineData("""{"type":"document","source":{"type":"base64","media_type":"text/plain","data":"AAAA"}}""", "source.media_type: Base64 documents must be 'application/pdf'.")]
    [InlineData("""{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"%PDF"}}""", "source.data: Must be non-empty, valid base64.")]
    [InlineData("""{"type":"document","source":{"type":"text","media_type":"text/plain"}}""", "source.data: Field required.")]
    [InlineData("""{"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"}}""", "source.type: Document source 'url' is not supported by an OpenAI upstream; send 'base64' (PDF) or 'text'.")]
    [InlineData("""{"type":"document","source":{"type":"content","content":[]}}""", "source.type: Document source 'content' is not supported by an OpenAI upstream; send 'base64' (PDF) or 'text'.")]
    public void Refuses_a_bad_source_by_its_path(string block, string error)
    {
        Assert.Equal("messages.0.content.1." + error, MinimalRequest.ErrorWithMessages($$"""[{"role":"user","content":[{"type":"text","text":"See:"},{{block}}]}]"""));
        Assert.Equal("messages.2.content.0.content.0." + error, MinimalRequest.ErrorWithMessages(MinimalRequest.MessagesAnsweredWith($"[{block}]")));
    }
}
