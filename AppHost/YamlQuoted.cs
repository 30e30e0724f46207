using System.Globalization;
using System.Text;

/// <summary>
/// Text for the inside of a YAML double-quoted scalar: the one YAML form that can carry any
/// character, so a key with <c>"</c>, <c>\</c>, <c>#</c>, <c>:</c> or a line break stays one value.
/// </summary>
internal static class YamlQuoted
{
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                // YAML allows no other C0 or C1 control character as it is, nor its own line separators.
                < ' ' or '\u007f' or (>= '\u0080' and <= '\u009f') or '\u2028' or '\u2029' => @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
