using System.Security.Cryptography;
using Marten;
using Marten.Events;
using Npgsql;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Rounds;

/// <summary>
/// The ballots of a round, and the lock that keeps a close from racing with ballots in flight.
/// A ballot holds the round's lock shared while it checks that the round is open and appends, so ballots never
/// wait for each other; a close takes it exclusively, so it waits for every ballot in flight to commit and
/// every later ballot waits for the close and then finds the round closed. The locks are PostgreSQL
/// transaction-level advisory locks: they are released by the commit or rollback itself.
/// </summary>
public static class RoundBallots
{
    public static Task LockSharedForBallot(this IDocumentSession session, Guid conferenceId, int round, CancellationToken ct) =>
        session.Lock("pg_advisory_xact_lock_shared", conferenceId, round, ct);

    public static Task LockExclusiveForClose(this IDocumentSession session, Guid conferenceId, int round, CancellationToken ct) =>
        session.Lock("pg_advisory_xact_lock", conferenceId, round, ct);

    private static async Task Lock(this IDocumentSession session, string function, Guid conferenceId, int round, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var command = new NpgsqlCommand($"select {function}($1, $2)")
        {
            Parameters = { new() { Value = LockKey(conferenceId) }, new() { Value = round } },
        };
        await session.ExecuteAsync(command, ct);
    }

    /// <summary>Thirty-two bits of the conference id; a collision between conferences only makes one wait a little.</summary>
    private static int LockKey(Guid conferenceId) => BitConverter.ToInt32(SHA256.HashData(conferenceId.ToByteArray()), 0);

    /// <summary>Every ballot of the round in log order, as the tally counts them (voter pseudonym, indicator, answer).</summary>
    public static async Task<IReadOnlyList<CountedBallot>> InLogOrder(this IQuerySession session, Guid conferenceId, int round, CancellationToken ct)
    {
        var types = new[] { typeof(BallotCast), typeof(BallotChanged) }
            .Select(t => ((EventGraph)session.DocumentStore.Options.Events).EventMappingFor(t).EventTypeName)
            .ToArray();
        return await session.QueryAsync<CountedBallot>(
            $"""
             select jsonb_build_object('voter', data ->> 'voter', 'indicator', (data ->> 'indicator')::int, 'answer', data ->> 'answer')
             from {ConsensusEventStore.Schema}.mt_events
             where type = any(?) and data ->> 'conferenceId' = ? and (data ->> 'round')::int = ?
             order by seq_id
             """,
            ct, types, conferenceId.ToString(), round);
    }
}
