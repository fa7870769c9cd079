using Marten;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>
/// Import a catalog file (CSV or JSON, see <see cref="CatalogFile"/>). All of it is imported, or none.
/// </summary>
public sealed record ImportIndicatorCatalog(Guid ConferenceId, CatalogFormat Format, string Content, string Source);

public sealed record CatalogImported(Guid ConferenceId, int Indicators, IReadOnlyDictionary<string, int> PerCategory);

public static class ImportIndicatorCatalogHandler
{
    public static async Task<CatalogImported> Handle(
        ImportIndicatorCatalog command, IDocumentSession session, CancellationToken ct)
    {
        var indicators = CatalogFile.Parse(command.Format, command.Content);
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        var imported = stream.Aggregate!.ImportCatalog(command.Source, indicators);
        stream.AppendOne(imported);
        return new CatalogImported(command.ConferenceId, indicators.Count,
            indicators.GroupBy(i => i.Category).ToDictionary(g => g.Key, g => g.Count()));
    }
}
