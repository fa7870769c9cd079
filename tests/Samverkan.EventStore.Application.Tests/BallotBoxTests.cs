using Marten;
using Npgsql;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;
using Xunit;

namespace Samverkan.EventStore.Application.Tests;

/// <summary>
/// Ballots that wait together go in one batch: each is decided, acknowledged or refused on its own, and a refusal
/// takes nothing of the others with it.
/// </summary>
[Collection(nameof(HandlerCollection))]
public class BallotBoxTests(HandlerFixture app)
{
    private Task<BallotAcknowledged> Vote(Guid id, string voter, int indicator, Mark mark, Guid? ballotId = null) =>
        app.Bus.InvokeAsync<BallotAcknowledged>(
            new CastBallot(id, 1, voter, ballotId ?? Guid.NewGuid(), indicator, mark.Answer, mark.Rating));

    private static async Task<string> Refusal(Task ballot) =>
        (await Assert.ThrowsAsync<CommandRejected>(() => ballot)).Rejection.Code;

    [Fact]
    public async Task Ballots_that_wait_together_are_each_acknowledged_or_refused_on_their_own()
    {
        var (id, voters) = await app.ConferenceVoting(new RoundRules(Remainder: RemainderPolicy.Retain));
        var reused = Guid.NewGuid();
        await Vote(id, voters[2], 2, Answer.Yes, reused);
        Task<BallotAcknowledged>[] accepted;
        Task[] refused;
        // Holding the round's lock (as a close in flight would) makes every ballot below wait, and then go together.
        await using (var held = new NpgsqlConnection(app.ConnectionString))
        {
            await held.OpenAsync();
            await using var transaction = await held.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand("select pg_advisory_xact_lock($1, 1)", held)
                   { Parameters = { new() { Value = RoundBallots.LockKey(id) } } })
                await command.ExecuteNonQueryAsync();
            accepted =
            [
                Vote(id, voters[0], 1, Answer.Yes), Vote(id, voters[1], 1, Answer.No),
                Vote(id, voters[0], 2, Answer.Yes), Vote(id, voters[0], 1, Answer.No),
                Vote(id, voters[2], 3, Answer.Abstain),
            ];
            refused =
            [
                Vote(id, voters[1], 99, Answer.Yes), Vote(id, voters[2], 2, new Mark(Answer.Rated, 5)),
                Vote(id, voters[2], 3, Answer.No, reused), Vote(Guid.NewGuid(), voters[0], 1, Answer.Yes),
            ];
            await Task.Delay(300);
            Assert.DoesNotContain(accepted.Concat(refused), t => t.IsCompleted);
            await transaction.CommitAsync();
        }

        // Voter 0's two ballots on indicator 1 are decided one after the other: a first answer, then a change.
        Assert.Equal(1, (await Task.WhenAll(accepted)).Count(a => a.Recording == BallotRecording.Changed));
        Assert.Equal(["indicator-out-of-scope", "rating-in-yes-no-round", "ballot-id-reused", "unknown-conference"],
            await Task.WhenAll(refused.Select(Refusal)));
        await using var session = app.Store.QuerySession();
        var count = await session.LoadAsync<RoundCount>(RoundCount.IdOf(id, 1));
        Assert.Equal(5, count!.Marks.Sum(m => m.Voters));
        var sheets = voters.Select(v => BallotSheet.StreamId(id, 1, v)).ToArray();
        Assert.Equal(6, await session.Events.QueryAllRawEvents().CountAsync(e => e.StreamId.IsOneOf(sheets)));
    }
}
