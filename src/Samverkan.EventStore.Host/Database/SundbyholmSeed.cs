using Marten;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Sundbyholm;
using Wolverine;

namespace Samverkan.EventStore.Host.Database;

/// <summary>
/// On a store without it, replays Sundbyholm 2014 in the background at start, so a new user sees a whole
/// conference at once. Off with Samverkan:SeedSundbyholm=false.
/// </summary>
public sealed class SundbyholmSeed(IDocumentStore store, IMessageBus bus, ConferenceSecrets secrets,
    ILogger<SundbyholmSeed> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        log.LogInformation("Looking for Sundbyholm 2014; replaying it through the command path if absent (5,382 " +
            "ballots, about 30 s)");
        var (id, _) = await Sundbyholm2014Replay.FindOrRunAsync(store, bus, secrets, stoppingToken);
        log.LogInformation("Sundbyholm 2014 is conference {ConferenceId}: GET " +
            "/api/conferences/{ConferenceId}/protocols/core/export", id, id);
    }
}
