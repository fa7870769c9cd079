using System.Globalization;
using System.Text.Json;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Catalog;

namespace Samverkan.EventStore.Application.Conferences;

public enum CatalogFormat
{
    Csv,
    Json,
}

/// <summary>
/// Reads a catalog file. CSV: a header row <c>number,text,category,perspective</c> (perspective may be empty).
/// JSON: an array of <c>{ "number", "text", "category", "perspective" }</c>. A file that cannot be read is
/// rejected as a whole, naming the line or element at fault.
/// </summary>
public static class CatalogFile
{
    private sealed record Row(int? Number, string? Text, string? Category, string? Perspective);

    // As strict as every other request body: numbers as numbers, only the four properties, each once.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
    };

    public static IReadOnlyList<Indicator> Parse(CatalogFormat format, string content)
    {
        IReadOnlyList<Row?> rows = format == CatalogFormat.Csv ? [.. ReadCsv(content)] : ReadJson(content);
        var problems = rows
            .Select((row, i) => (row, at: format == CatalogFormat.Csv ? $"Line {i + 2}" : $"Element {i}"))
            .Select(x => x.row is null ? $"{x.at} is null."
                : Missing(x.row).ToList() is { Count: > 0 } missing ? $"{x.at} lacks {string.Join(" and ", missing)}."
                : new[] { x.row.Text, x.row.Category, x.row.Perspective }.OfType<string>()
                    .Select(InputText.ProblemWith).FirstOrDefault(p => p is not null) is { } problem
                    ? $"{x.at}: {problem}."
                : null)
            .OfType<string>()
            .ToList();
        if (problems.Count > 0) throw Unreadable(string.Join(" ", problems));
        return rows
            .Select(r => new Indicator(r!.Number!.Value, r.Text!.Trim(), r.Category!.Trim(),
                string.IsNullOrWhiteSpace(r.Perspective) ? null : r.Perspective.Trim()))
            .ToList();
    }

    private static IEnumerable<string> Missing(Row row)
    {
        if (row.Number is null) yield return "a number";
        if (row.Text is null) yield return "a text";
        if (row.Category is null) yield return "a category";
    }

    private static List<Row> ReadCsv(string content)
    {
        List<IReadOnlyList<string>> records;
        try
        {
            records = Csv.Records(content.TrimStart('\uFEFF')).ToList(); // spreadsheets often save a byte-order mark
        }
        catch (FormatException e)
        {
            throw Unreadable($"The CSV file cannot be read: {e.Message}");
        }
        if (records.Count == 0)
            throw Unreadable("The CSV file is empty: it needs a header row number,text,category,perspective.");
        var header = records[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = new[] { "number", "text", "category" }.Where(h => !header.Contains(h)).ToList();
        if (missing.Count > 0)
            throw Unreadable($"The CSV header lacks the column(s) {string.Join(", ", missing)}.");

        string? Field(IReadOnlyList<string> record, string column) =>
            header.IndexOf(column) is var i and >= 0 && i < record.Count ? record[i] : null;

        return records.Skip(1)
            .Select((record, i) => Field(record, "number") is var number
                && int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? new Row(n, Field(record, "text"), Field(record, "category"), Field(record, "perspective"))
                : throw Unreadable($"Line {i + 2}: '{number}' is not a whole number."))
            .ToList();
    }

    private static List<Row?> ReadJson(string content)
    {
        try
        {
            return JsonSerializer.Deserialize<List<Row?>>(content, Json)
                ?? throw Unreadable("The JSON catalog is null: it must be an array of indicators.");
        }
        catch (JsonException e)
        {
            throw Unreadable($"The JSON catalog cannot be read: {e.Message}");
        }
    }

    private static CommandRejected Unreadable(string detail) =>
        CommandRejected.Invalid("unreadable-catalog", "The catalog file cannot be read", detail);
}
