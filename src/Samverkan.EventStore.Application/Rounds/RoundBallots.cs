using System.Security.Cryptography;
using Marten;
using Npgsql;

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
    /// <summary>
    /// The round's lock shared, and the voter's sheet lock exclusively, in one round trip. The sheet lock is a
    /// single 64-bit key, a key space apart from the round locks' pairs of 32-bit keys.
    /// </summary>
    public static Task LockForBallot(this IDocumentSession session, Guid conferenceId, int round, Guid sheetId,
        CancellationToken ct) =>
        session.Lock("select pg_advisory_xact_lock_shared($1, $2), pg_advisory_xact_lock($3)", ct,
            LockKey(conferenceId), round, BitConverter.ToInt64(sheetId.ToByteArray(), 0));

    public static Task LockExclusiveForClose(this IDocumentSession session, Guid conferenceId, int round,
        CancellationToken ct) =>
        session.Lock("select pg_advisory_xact_lock($1, $2)", ct, LockKey(conferenceId), round);

    private static async Task Lock(this IDocumentSession session, string sql, CancellationToken ct,
        params object[] keys)
    {
        await session.BeginTransactionAsync(ct);
        var command = new NpgsqlCommand(sql);
        foreach (var key in keys) command.Parameters.Add(new NpgsqlParameter { Value = key });
        await session.ExecuteAsync(command, ct);
    }

    /// <summary>
    /// Thirty-two bits of the conference id; a collision between conferences only makes one wait a little.
    /// </summary>
    public static int LockKey(Guid conferenceId) =>
        BitConverter.ToInt32(SHA256.HashData(conferenceId.ToByteArray()), 0);
}
