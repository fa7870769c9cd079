using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Conferences;

public sealed record CatalogImported(Guid ConferenceId, int Indicators, IReadOnlyDictionary<string, int> PerCategory);

/// <summary>Imports a catalog (read from a file by <see cref="CatalogFile"/>): all of it, or none.</summary>
public static class ImportCatalogHandler
{
    public static (CatalogImported, IEnumerable<object>) Handle(
        ImportCatalog command, [Conference] Conference conference)
    {
        var imported = conference.Decide(command);
        var perCategory = imported.Indicators.GroupBy(i => i.Category).ToDictionary(g => g.Key, g => g.Count());
        return (new CatalogImported(command.ConferenceId, imported.Indicators.Count, perCategory), [imported]);
    }
}
