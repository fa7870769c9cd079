using System.Diagnostics;
using Marten;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

public static class CloseRoundHandler
{
    /// <summary>
    /// Not Wolverine's aggregate workflow: the round's lock must be taken before the conference is loaded
    /// (LockOrderTests fails otherwise), so that every ballot in flight has committed and later ones find it closed.
    /// </summary>
    public static async Task<RoundClosure> Handle(CloseRound command, IDocumentSession session, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await session.LockForClose(command.ConferenceId, command.Round, ct);
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        // A retried close of a round that did close (its answer lost) gets the closure it would have had.
        if (stream.Aggregate!.IsClosed(command.Round))
            return RoundClosure.Of((await session.Recorded<RoundClosed>(
                command.ConferenceId, e => e.Round == command.Round, ct))!);
        var ballots = await session.InLogOrder(command.ConferenceId, command.Round, ct);
        var closed = stream.Aggregate.Decide(command, ballots);
        stream.AppendOne(closed);
        ConsensusMetrics.CloseDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            ConsensusMetrics.Conference(command.ConferenceId));
        return RoundClosure.Of(closed);
    }
}
