using System.Text;
using Translator.Api.Forwarding;

namespace Translator.Tests.Forwarding;

public sealed class LineLimitedStreamTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task Passes_lines_up_to_the_limit_through_unchanged_however_they_are_split(string newline)
    {
        var text = string.Concat(Enumerable.Range(0, 50).Select(i => new string((char)('a' + (i % 26)), 1 + (i * 37 % 64)) + newline));
        var stream = new LineLimitedStream(new TrickleStream(Encoding.ASCII.GetBytes(text), 7), maxLineBytes: 64);

        using var reader = new StreamReader(stream);

        Assert.Equal(text, await reader.ReadToEndAsync());
    }

    [Theory]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Fails_once_a_line_grows_past_the_limit_whether_it_arrives_in_pieces_or_at_once(int readSize)
    {
        var text = "data: short\n\n" + "data: " + new string('x', 200) + "\n\n";
        var stream = new LineLimitedStream(new TrickleStream(Encoding.ASCII.GetBytes(text), readSize), maxLineBytes: 100);
        var buffer = new byte[readSize];

        var failure = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        });

        Assert.Contains("Translator:Limits:MaxSseLineBytes", failure.Message);
    }

    /// <summary>Answers each read with at most <c>readSize</c> bytes, as a network does.</summary>
    private sealed class TrickleStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
