using Marten;
using Microsoft.Extensions.Hosting;

namespace Samverkan.EventStore.Application.EventStore;

/// <summary>
/// Builds the event table's own indexes once the store's schema is in place (register it after Marten's
/// schema migration), so that reads cost what a conference holds, not what the store holds.
/// </summary>
public sealed class EventTableIndexes(IDocumentStore store) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => store.IndexBallotsByRound(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
