using Marten;
using Npgsql;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;
using Xunit;

namespace Samverkan.EventStore.Application.Tests;

/// <summary>
/// A round's ballots cost what the round holds, not what the store holds: in a store with 300,000 ballots of other
/// conferences, the read goes through the ballots' index (PostgreSQL's own plan says so; the figures are in
/// docs/performance.md, measured by the benchmarks, not by a timed test).
/// </summary>
[Collection(nameof(HandlerCollection))]
public class EventLogTests(HandlerFixture app)
{
    [Fact]
    public async Task A_rounds_ballots_are_read_through_their_index_in_a_large_store()
    {
        var (id, voters) = await app.ConferenceVoting(new RoundRules(Remainder: RemainderPolicy.Retain));
        foreach (var voter in voters)
            await app.Bus.InvokeAsync<BallotAcknowledged>(
                new CastBallot(id, 1, voter, Guid.NewGuid(), 1, Answer.Yes));
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            // Other conferences' ballots, as a store of a few years would hold them; written as Marten writes them.
            await using var insert = new NpgsqlCommand(
                $"""
                 insert into {ConsensusEventStore.Schema}.mt_streams (id, version, timestamp, created, tenant_id)
                 select md5('sheet' || k)::uuid, 10, now(), now(), '*DEFAULT*' from generate_series(0, 29999) k;
                 insert into {ConsensusEventStore.Schema}.mt_events
                     (seq_id, id, stream_id, version, data, type, mt_dotnet_type, timestamp, tenant_id)
                 select nextval('{ConsensusEventStore.Schema}.mt_events_sequence'), gen_random_uuid(),
                     md5('sheet' || n / 10)::uuid, 1 + n % 10,
                     jsonb_build_object('conferenceId', md5((n % 500)::text)::uuid, 'round', 1 + n % 5,
                         'voter', md5((n / 10)::text), 'ballotId', gen_random_uuid(), 'indicator', n % 137,
                         'answer', 'Yes'),
                     'ballot_cast', 'synthetic', now(), '*DEFAULT*'
                 from generate_series(0, 299999) n;
                 analyze {ConsensusEventStore.Schema}.mt_events;
                 """, connection);
            await insert.ExecuteNonQueryAsync();
        }

        await using var query = app.Store.QuerySession();
        Assert.Equal("ballot_cast", query.TypeName(typeof(BallotCast)));
        Assert.Equal(voters.Count, (await query.InLogOrder(id, 1, CancellationToken.None)).Count);
        var plan = await Explain(EventLog.InLogOrderSql(query.DocumentStore), id.ToString(), 1);
        Assert.Contains(EventLog.BallotsByRound, plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    /// <summary>PostgreSQL's plan of a query written with Marten's <c>?</c> placeholders.</summary>
    private async Task<string> Explain(string sql, params object[] values)
    {
        var parts = sql.Split('?');
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("explain " + string.Concat(parts.Select((part, i) =>
            i == 0 ? part : $"${i}{part}")), connection);
        foreach (var value in values) explain.Parameters.Add(new NpgsqlParameter { Value = value });
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        return string.Join('\n', plan);
    }
}
