using System.Text.Json;
using System.Text.Json.Serialization;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Research;

/// <summary>
/// A conference file: a held conference (catalog, round plan, anonymised ballots) that can be rerun anywhere.
/// The product exports it (<c>GET /api/conferences/{id}/record</c>) and reruns it; a conference held elsewhere can
/// be written in it. Format and version are checked on reading; docs/research.md describes each field.
/// </summary>
public sealed record ConferenceFile(
    string Format, int Version, string Title, IReadOnlyList<string> Categories, IReadOnlyList<Indicator> Catalog,
    RoundPlan Plan,
    IReadOnlyList<RecordedRound> Rounds)
{
    public const string FormatName = "samverkan-conference";
    public const int CurrentVersion = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        // Nulls are written: a null field is as much a part of the file as a value (a tie across categories has none).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static ConferenceFile Of(ConferenceRecord record) =>
        new(FormatName, CurrentVersion, record.Title, record.Categories, record.Catalog, record.Plan, record.Rounds);

    /// <summary>The record the file holds, or a rejection naming every problem of the file.</summary>
    public ConferenceRecord ToRecord()
    {
        var problems = new List<string>();
        if (Format != FormatName) problems.Add($"The format is '{Format}', not '{FormatName}'.");
        if (Version != CurrentVersion)
            problems.Add($"Version {Version} is not supported; this service reads version {CurrentVersion}.");
        var record = new ConferenceRecord(Title, Categories, Catalog, Plan, Rounds);
        if (problems.Count == 0) problems.AddRange(record.Problems());
        CommandRejected.ThrowIfAny(problems, "invalid-conference-file", "The conference file cannot be rerun");
        return record;
    }

    public string Write() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Reads a file's JSON (the HTTP API reads it as part of a request instead); <see cref="ToRecord"/> checks it.
    /// </summary>
    public static ConferenceFile Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ConferenceFile>(json, Json)
                ?? throw new JsonException("The file holds null.");
        }
        catch (JsonException e)
        {
            throw CommandRejected.Invalid("invalid-conference-file", "The conference file cannot be read", e.Message);
        }
    }
}

/// <summary>
/// Ballots as audience-response systems export them: a CSV with the header <c>round,voter,indicator,answer</c>
/// (columns in any order), the answer <c>yes</c>, <c>no</c> or <c>abstain</c> (or <c>ja</c>, <c>nej</c>,
/// <c>avstår</c>).
/// Rows are taken in file order, so a later row of the same voter and indicator is a changed ballot.
/// </summary>
public static class BallotsCsv
{
    private static readonly string[] Columns = ["round", "voter", "indicator", "answer"];

    public static IReadOnlyList<(int Round, CountedBallot Ballot)> Read(string csv)
    {
        List<IReadOnlyList<string>> rows;
        try { rows = Csv.Records(csv).ToList(); }
        catch (FormatException e) { throw Unreadable([e.Message]); }
        if (rows.Count == 0) throw Unreadable(["The file is empty."]);

        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var at = Columns.ToDictionary(c => c, c => header.IndexOf(c));
        var missing = at.Where(kv => kv.Value < 0).Select(kv => kv.Key).ToList();
        foreach (var optional in new[] { "rating", "group" })
            if (header.IndexOf(optional) is >= 0 and var column) at[optional] = column;
        if (missing.Count > 0)
            throw Unreadable([$"The header lacks the column(s) {string.Join(", ", missing)}: it must name round, " +
                "voter, indicator and answer."]);

        var ballots = new List<(int, CountedBallot)>();
        var problems = new List<string>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            string Field(string column) => at[column] < row.Count ? row[at[column]].Trim() : "";
            var line = $"Line {i + 1}";
            if (!int.TryParse(Field("round"), out var round) || round < 1)
                problems.Add($"{line}: the round '{Field("round")}' is not a round number.");
            if (!int.TryParse(Field("indicator"), out var indicator))
                problems.Add($"{line}: the indicator '{Field("indicator")}' is not a number.");
            if (Field("voter").Length == 0) problems.Add($"{line}: the voter pseudonym is empty.");
            Answer? answer = Field("answer").ToLowerInvariant() switch
            {
                "yes" or "ja" => Answer.Yes,
                "no" or "nej" => Answer.No,
                "abstain" or "avstår" => Answer.Abstain,
                "rated" or "betyg" => Answer.Rated,
                _ => null,
            };
            // A rating round's ballots give their rating in an optional column, empty for any other answer.
            var ratingText = at.ContainsKey("rating") ? Field("rating") : "";
            int? rating = int.TryParse(ratingText, out var rated) ? rated : null;
            if (answer is null)
                problems.Add($"{line}: the answer '{Field("answer")}' is not yes, no, abstain or rated.");
            else if ((answer == Answer.Rated) != (rating is not null) || (ratingText != "" && rating is null))
                problems.Add($"{line}: a rated answer has a rating (a whole number) in the rating column; "
                    + "no other answer has one.");
            else if (problems.Count == 0) ballots.Add((round,
                new CountedBallot(Field("voter"), indicator, answer.Value, rating,
                    at.ContainsKey("group") && Field("group") is { Length: > 0 } group ? group : null)));
        }
        if (problems.Count > 0) throw Unreadable(problems.Take(20)
            .Append(problems.Count > 20 ? $"… and {problems.Count - 20} more." : "").Where(p => p != "").ToList());
        return ballots;
    }

    private static CommandRejected Unreadable(IReadOnlyList<string> problems) =>
        new(new(RejectionKind.Invalid, "invalid-ballots-csv", "The ballots CSV cannot be read",
            string.Join(" ", problems))
        {
            Extensions = new Dictionary<string, object?> { ["problems"] = problems },
        });
}
