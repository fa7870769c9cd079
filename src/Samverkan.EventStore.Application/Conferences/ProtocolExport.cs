using System.Globalization;
using System.Text;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>A protocol printed as the Sundbyholm report prints it, in Markdown, or as tidy CSV.</summary>
public static class ProtocolExport
{
    private static readonly Dictionary<string, string> Headings = new()
    {
        ["process"] = "Processindikatorer",
        ["effect"] = "Effektindikatorer",
    };

    private static readonly Dictionary<string, string> Titles = new()
    {
        ["core"] = "Kärnprotokoll",
        ["comprehensive"] = "Omfattande protokoll",
    };

    /// <summary>
    /// Numbered through the whole protocol, by category and then original number, each with its share of yes
    /// votes in its last round ("Andel ja-röster N %") and its original number.
    /// </summary>
    public static string Markdown(ProtocolView protocol)
    {
        var text = new StringBuilder($"# {Titles.GetValueOrDefault(protocol.Level, protocol.Level)}\n");
        var number = 0;
        foreach (var category in protocol.Members.GroupBy(m => m.Category))
        {
            text.Append($"\n## {Headings.GetValueOrDefault(category.Key, category.Key)}\n\n");
            foreach (var member in category.OrderBy(m => m.Indicator))
                text.Append($"{++number}. {member.Text}  \n" +
                    $"   Andel ja-röster {Percent.Whole(member.Share)} % (ursprunglig indikator {member.Indicator})\n");
        }
        return text.ToString();
    }

    /// <summary>One row per member: level, category, original number, share, last round, perspective, text.</summary>
    public static string Csv(ProtocolView protocol)
    {
        var text = new StringBuilder("level,category,indicator,share,share_percent,last_round,perspective,text\n");
        // Categories in the conference's own order (the view's), as the Markdown prints them.
        foreach (var m in protocol.Members.GroupBy(m => m.Category).SelectMany(c => c.OrderBy(m => m.Indicator)))
            text.Append(string.Join(',', Conferences.Csv.Field(protocol.Level), Conferences.Csv.Field(m.Category),
                m.Indicator, m.Share.ToString(CultureInfo.InvariantCulture), Percent.Whole(m.Share), m.LastRound,
                Conferences.Csv.Field(m.Perspective ?? ""), Conferences.Csv.Field(m.Text))).Append('\n');
        return text.ToString();
    }
}
