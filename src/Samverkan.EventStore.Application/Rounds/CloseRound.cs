using Marten;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

public sealed record CloseRound(Guid ConferenceId, int Round);

public static class CloseRoundHandler
{
    public static async Task<RoundClosed> Handle(CloseRound command, IDocumentSession session, CancellationToken ct)
    {
        // Waits for every ballot in flight to commit; ballots after this point find the round closed.
        await session.LockExclusiveForClose(command.ConferenceId, command.Round, ct);
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        // A retried close of a round that did close (its answer lost) gets the closure it would have had.
        if (stream.Aggregate!.IsClosed(command.Round))
            return (await session.Recorded<RoundClosed>(command.ConferenceId, e => e.Round == command.Round, ct))!;
        var ballots = await session.InLogOrder(command.ConferenceId, command.Round, ct);
        var closed = stream.Aggregate!.CloseRound(command.Round, ballots);
        stream.AppendOne(closed);
        return closed;
    }
}
