using Marten;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Sundbyholm;
using Samverkan.EventStore.Domain.Conferences;
using Wolverine;

namespace Samverkan.EventStore.Host.Database;

/// <summary>
/// On a store without it, replays Sundbyholm 2014 in the background at start, so a new user sees a whole
/// conference at once. Off with Samverkan:SeedSundbyholm=false.
/// </summary>
public sealed class SundbyholmSeed(IDocumentStore store, IMessageBus bus, ConferenceSecrets secrets, ILogger<SundbyholmSeed> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var session = store.QuerySession())
        {
            var existing = await session.Query<Conference>().FirstOrDefaultAsync(c => c.Place == Sundbyholm2014.Place, stoppingToken);
            if (existing is not null)
            {
                log.LogInformation("Sundbyholm 2014 is conference {ConferenceId}: GET /api/conferences/{ConferenceId}/protocols/core/export", existing.Id, existing.Id);
                return;
            }
        }
        log.LogInformation("Replaying Sundbyholm 2014 through the command path (5,382 ballots)…");
        var id = await Sundbyholm2014Replay.RunAsync(bus, secrets, stoppingToken);
        log.LogInformation("Sundbyholm 2014 replayed as conference {ConferenceId}: GET /api/conferences/{ConferenceId}/protocols/core/export", id, id);
    }
}
