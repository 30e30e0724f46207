using System.Buffers.Binary;

namespace Translator.Api.Tokens;

/// <summary>Reads the pixel size from the header of a PNG, JPEG, GIF or WebP image, without decoding it.</summary>
internal static class ImageSize
{
    public static bool TryRead(ReadOnlySpan<byte> image, out int width, out int height)
    {
        width = height = 0;
        if (image.Length >= 24 && image.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            width = BinaryPrimitives.ReadInt32BigEndian(image[16..]);
            height = BinaryPrimitives.ReadInt32BigEndian(image[20..]);
        }
        else if (image.Length >= 10 && image.StartsWith("GIF8"u8))
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(image[6..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(image[8..]);
        }
        else if (image.Length >= 4 && image[0] == 0xFF && image[1] == 0xD8)
        {
            return TryReadJpeg(image, out width, out height);
        }
        else if (image.Length >= 30 && image.StartsWith("RIFF"u8) && image[8..12].SequenceEqual("WEBP"u8))
        {
            return TryReadWebP(image, out width, out height);
        }

        return width > 0 && height > 0;
    }

    private static bool TryReadJpeg(ReadOnlySpan<byte> image, out int width, out int height)
    {
        width = height = 0;
        var position = 2;
        while (position + 9 < image.Length)
        {
            if (image[position] != 0xFF)
            {
                return false;
            }

            var marker = image[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }

            // Start-of-frame markers carry the size; C4 (Huffman), C8 and CC (arithmetic) do not.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(image[(position + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(image[(position + 7)..]);
                return width > 0 && height > 0;
            }

            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(image[(position + 2)..]);
        }

        return false;
    }

    private static bool TryReadWebP(ReadOnlySpan<byte> image, out int width, out int height)
    {
        var chunk = image[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(image[26..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(image[28..]) & 0x3FFF;
        }
        else if (chunk.SequenceEqual("VP8L"u8))
        {
            int b0 = image[21], b1 = image[22], b2 = image[23], b3 = image[24];
            width = 1 + (((b1 & 0x3F) << 8) | b0);
            height = 1 + (((b3 & 0x0F) << 10) | (b2 << 2) | ((b1 & 0xC0) >> 6));
        }
        else if (chunk.SequenceEqual("VP8X"u8))
        {
            width = 1 + (image[24] | (image[25] << 8) | (image[26] << 16));
            height = 1 + (image[27] | (image[28] << 8) | (image[29] << 16));
        }
        else
        {
            width = height = 0;
        }

        return width > 0 && height > 0;
    }
}
