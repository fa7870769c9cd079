using Marten;
using Npgsql;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;
using Xunit;

namespace Samverkan.EventStore.Application.Tests;

/// <summary>
/// A ballot and a close take the round's lock before they read anything: a test that fails if a read ever comes
/// first. The test holds the lock itself (as a close, or a ballot, in flight would), changes the log meanwhile,
/// and lets go: a handler that had read before taking the lock would decide on a stale read.
/// </summary>
[Collection(nameof(HandlerCollection))]
public class LockOrderTests(HandlerFixture app)
{
    private async Task<(Guid Id, string Voter)> RoundOpen()
    {
        var (id, voters) = await app.ConferenceVoting(new RoundRules(Remainder: RemainderPolicy.Retain));
        return (id, voters[0]);
    }

    /// <summary>Takes the round's lock on a connection of the test's own, as a close or a ballot would.</summary>
    private async Task<NpgsqlConnection> Hold(Guid id)
    {
        // Not pooled: closing the connection ends its session, and with it the lock.
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select pg_advisory_lock($1, 1)", connection)
        {
            Parameters = { new() { Value = RoundBallots.LockKey(id) } },
        };
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task StillWaiting(Task handler)
    {
        await Task.Delay(400);
        Assert.False(handler.IsCompleted, "the handler did not wait for the round's lock");
    }

    [Fact]
    public async Task A_ballot_that_waited_for_a_close_finds_the_round_closed()
    {
        var (id, voter) = await RoundOpen();
        Task<BallotAcknowledged> ballot;
        await using (await Hold(id))
        {
            ballot = app.Bus.InvokeAsync<BallotAcknowledged>(
                new CastBallot(id, 1, voter, Guid.NewGuid(), 1, Answer.Yes));
            await StillWaiting(ballot);
            // The round closes while the ballot waits (as the close holding the lock would do).
            await using var session = app.Store.LightweightSession();
            var conference = await session.LoadConference(id, CancellationToken.None);
            session.Events.Append(id, conference.Decide(new CloseRound(conference.Id, 1), []));
            await session.SaveChangesAsync();
        }
        var refused = await Assert.ThrowsAsync<Domain.CommandRejected>(() => ballot);
        Assert.Equal("round-closed", refused.Rejection.Code);
    }

    [Fact]
    public async Task A_close_that_waited_for_a_ballot_counts_it()
    {
        var (id, voter) = await RoundOpen();
        Task<RoundClosure> close;
        await using (await Hold(id))
        {
            close = app.Bus.InvokeAsync<RoundClosure>(new CloseRound(id, 1));
            await StillWaiting(close);
            // A ballot in flight commits while the close waits (as the ballot holding the lock would do).
            await using var session = app.Store.LightweightSession();
            session.Events.Append(BallotSheet.StreamId(id, 1, voter),
                new BallotCast(id, 1, voter, Guid.NewGuid(), 1, Answer.Yes));
            await session.SaveChangesAsync();
        }
        Assert.Equal(1, (await close).BallotsCounted);
    }
}
