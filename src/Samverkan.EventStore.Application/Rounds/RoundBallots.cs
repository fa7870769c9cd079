using System.Security.Cryptography;
using Marten;
using Npgsql;

namespace Samverkan.EventStore.Application.Rounds;

/// <summary>
/// The lock that keeps a close from racing with ballots in flight, and ballots of one round from racing with each
/// other. The ballot box's batch holds the lock of every round it writes to while it checks that the round is open,
/// appends and updates the round's count; a close takes it too, so it waits for the batch in flight to commit, and a
/// later batch waits for the close and then finds the round closed. The locks are PostgreSQL transaction-level
/// advisory locks: they are released by the commit or rollback itself.
/// </summary>
public static class RoundBallots
{
    /// <summary>
    /// The locks of the rounds a batch of ballots writes to, in one order (conference key, then round), so that two
    /// batches on two nodes never wait for each other in a circle. The first command of the batch's first round trip.
    /// </summary>
    public static NpgsqlBatchCommand LockRoundsForBallots(IEnumerable<(Guid ConferenceId, int Round)> rounds)
    {
        var keys = rounds.Select(r => (Key: LockKey(r.ConferenceId), r.Round)).Distinct().Order().ToArray();
        return new("select pg_advisory_xact_lock(k, r) from unnest($1::int[], $2::int[]) as l(k, r)")
        {
            Parameters =
            {
                new() { Value = keys.Select(k => k.Key).ToArray() },
                new() { Value = keys.Select(k => k.Round).ToArray() },
            },
        };
    }

    /// <summary>The round's lock for its close, taken as the first step of the close's transaction.</summary>
    public static async Task LockForClose(this IDocumentSession session, Guid conferenceId, int round,
        CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.ExecuteAsync(new NpgsqlCommand("select pg_advisory_xact_lock($1, $2)")
        {
            Parameters = { new() { Value = LockKey(conferenceId) }, new() { Value = round } },
        }, ct);
    }

    /// <summary>
    /// Thirty-two bits of the conference id; a collision between conferences only makes one wait a little.
    /// </summary>
    public static int LockKey(Guid conferenceId) =>
        BitConverter.ToInt32(SHA256.HashData(conferenceId.ToByteArray()), 0);
}
