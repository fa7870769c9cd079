using Marten;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

/// <summary>Settle a tie at a top-N cut-off of an open round: which of the tied indicators take the places.</summary>
public sealed record ResolveTie(
    Guid ConferenceId, int Round, string Level, string? Category, IReadOnlyList<int> Chosen, string Reason);

public static class ResolveTieHandler
{
    public static async Task<TieResolved> Handle(ResolveTie command, IDocumentSession session, CancellationToken ct)
    {
        // The tie is read from the ballots as they stand; the close re-checks that it is still the same tie.
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        var ballots = await session.InLogOrder(command.ConferenceId, command.Round, ct);
        var resolved = stream.Aggregate!.ResolveTie(
            command.Round, command.Level, command.Category, command.Chosen, command.Reason, ballots);
        stream.AppendOne(resolved);
        return resolved;
    }
}
