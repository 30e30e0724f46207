namespace Translator.Tests.Infrastructure;

/// <summary>Seeded random edits of recorded wire data, for mutation tests that must replay exactly.</summary>
public static class ByteMutations
{
    /// <summary>One to three edits: a byte replaced, a run removed or repeated, a JSON-structural character inserted.</summary>
    public static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 2:
                    var length = Math.Min(random.Next(1, 64), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:
                    const string Structural = "{}[]\",:0\\";
                    bytes.Insert(at, (byte)Structural[random.Next(Structural.Length)]);
                    break;
            }
        }

        return [.. bytes];
    }
}
