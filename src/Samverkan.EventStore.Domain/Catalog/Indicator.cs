namespace Samverkan.EventStore.Domain.Catalog;

/// <summary>
/// One indicator of the catalog, under its original number. Category is data (the conference names its
/// categories, e.g. "process" and "effect"); perspective is optional (e.g. "participant").
/// </summary>
public sealed record Indicator(int Number, string Text, string Category, string? Perspective = null);

/// <summary>Rules a catalog must satisfy before any of it is imported.</summary>
public static class IndicatorCatalog
{
    /// <summary>
    /// Checks the whole catalog and returns every problem found, so that one rejection names them all.
    /// An empty list means the catalog may be imported.
    /// </summary>
    public static IReadOnlyList<string> Problems(
        IReadOnlyList<Indicator> indicators, IReadOnlyCollection<string> categories)
    {
        var problems = new List<string>();
        if (indicators.Count == 0) problems.Add("The catalog holds no indicators.");

        foreach (var duplicate in indicators.GroupBy(i => i.Number).Where(g => g.Count() > 1))
            problems.Add($"Indicator number {duplicate.Key} appears {duplicate.Count()} times.");

        foreach (var indicator in indicators)
        {
            if (indicator.Number < 1)
                problems.Add($"Indicator number {indicator.Number} is not a positive number.");
            if (string.IsNullOrWhiteSpace(indicator.Text))
                problems.Add($"Indicator {indicator.Number} has an empty text.");
            if (!categories.Contains(indicator.Category))
                problems.Add($"Indicator {indicator.Number} has the unknown category '{indicator.Category}' " +
                    $"(known: {string.Join(", ", categories)}).");
        }
        return problems;
    }
}
