using System.Text;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>
/// RFC 4180 CSV. The reader: comma-separated fields, optionally in double quotes, with "" for a quote and line
/// breaks allowed inside quotes; blank lines are skipped. The writer's <see cref="Field"/> is used by every export.
/// </summary>
public static class Csv
{
    /// <summary>
    /// A text cell. One that a spreadsheet would run as a formula (it starts with =, +, -, @, tab or carriage
    /// return: OWASP's rule) gets a leading apostrophe, so that catalog text such as <c>=HYPERLINK(…)</c> stays text;
    /// R and pandas read it as the text it is, apostrophe included. Quoted when it holds a comma, quote or line break.
    /// </summary>
    public static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }

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
                else if (i + 1 < content.Length && content[i + 1] is not (',' or '\n' or '\r'))
                    throw new FormatException(
                        $"Line {Line(content, i)}: text follows a closing quote; write \"\" for a quote.");
                else quoted = false;
                continue;
            }
            switch (c)
            {
                // A quote opens a field or is doubled inside a quoted one; anywhere else it is a stray.
                case '"' when field.Length > 0:
                    throw new FormatException(
                        $"Line {Line(content, i)}: a quote inside an unquoted field; quote the field.");
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

    private static int Line(string content, int index) => content.AsSpan(0, index).Count('\n') + 1;
}
