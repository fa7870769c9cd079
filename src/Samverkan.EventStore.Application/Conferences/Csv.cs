using System.Text;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>
/// A reader of RFC 4180 CSV: comma-separated fields, optionally in double quotes, with "" for a quote and
/// line breaks allowed inside quotes. Blank lines are skipped.
/// </summary>
public static class Csv
{
    public static IEnumerable<IReadOnlyList<string>> Records(string content)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < content.Length && content[i + 1] == '"') field.Append(content[++i]);
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0) yield return fields;
                    fields = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (quoted) throw new FormatException("A quoted field is not closed before the end of the file.");
        fields.Add(field.ToString());
        if (fields.Count > 1 || fields[0].Length > 0) yield return fields;
    }
}
