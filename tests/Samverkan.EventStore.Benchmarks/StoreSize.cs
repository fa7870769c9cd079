using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Research;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Sundbyholm;
using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.LocalPostgres;
using Wolverine;

/// <summary>
/// Reads against the size of the store, on a throwaway PostgreSQL: Sundbyholm 2014 replayed through the handlers
/// (5,382 ballots), then other conferences' ballots added until the store holds each given number of events. At
/// each size: live standings of round 1 (137 indicators), the close's read and decision, the record and a rerun,
/// each beside its baseline in the same run, a SQL <c>GROUP BY</c> over the same rows. Medians of 25 runs after 5
/// warm-ups; the ratio to the first size says whether a read grows with the store.
/// </summary>
public static class StoreSize
{
    private const int Runs = 25;
    private const int WarmUps = 5;

    public static async Task<int> RunAsync(long[] sizes)
    {
        sizes = sizes.Length > 0 ? sizes : [40_000, 10_000_000];
        await using var cluster = await LocalPostgresCluster.StartThrowawayAsync();
        using var host = await BenchmarkHost.StartAsync(cluster.ConnectionString());
        var secrets = host.Services.GetRequiredService<ConferenceSecrets>();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var id = await Sundbyholm2014Replay.RunAsync(host.Services.GetRequiredService<IMessageBus>(), secrets);

        Console.WriteLine($"| events in the store | {string.Join(" | ", Reads.Select(r => r.Name))} |");
        Console.WriteLine($"|---:|{string.Concat(Reads.Select(_ => "---:|"))}");
        var first = (List<double>?)null;
        foreach (var size in sizes)
        {
            await GrowAsync(cluster.ConnectionString(), size);
            var medians = new List<double>();
            foreach (var read in Reads) medians.Add(await MedianAsync(() => read.Run(store, secrets, id)));
            first ??= medians;
            Console.WriteLine($"| {size:N0} | {string.Join(" | ", medians.Select((m, r) =>
                $"{m:F1} ms" + (ReferenceEquals(first, medians) ? "" : $" (×{m / first[r]:F2})")))} |");
        }
        await host.StopAsync();
        return 0;
    }

    private sealed record Read(string Name, Func<IDocumentStore, ConferenceSecrets, Guid, Task> Run);

    private static readonly Read[] Reads =
    [
        new("standings, round 1", async (store, _, id) =>
        {
            await using var session = store.QuerySession();
            (await session.LoadConference(id, default)).Standings(1, await session.InLogOrder(id, 1, default));
        }),
        new("baseline: GROUP BY of round 1", async (store, _, id) =>
        {
            await using var session = store.QuerySession();
            await session.QueryAsync<int>(
                """
                select count(*)::int from samverkan.mt_events
                where type in ('ballot_cast', 'ballot_changed') and data ->> 'conferenceId' = ?
                    and (data ->> 'round')::int = 1
                group by data ->> 'indicator', data ->> 'answer'
                """, id.ToString());
        }),
        new("record", async (store, secrets, id) =>
        {
            await using var session = store.QuerySession();
            await session.LoadRecord(secrets, id, default);
        }),
        new("record and rerun", async (store, secrets, id) =>
        {
            await using var session = store.QuerySession();
            var record = await session.LoadRecord(secrets, id, default);
            new Rerun(record).Run(record.Plan, MissingBallotPolicy.Undetermined);
        }),
    ];

    private static async Task<double> MedianAsync(Func<Task> read)
    {
        for (var i = 0; i < WarmUps; i++) await read();
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[Runs / 2];
    }

    /// <summary>
    /// Adds other conferences' ballots (500 conferences, 5 rounds, ballot sheets of 10) until the store holds
    /// <paramref name="size"/> events, in batches of 500,000, as Marten writes them; then lets PostgreSQL analyze.
    /// </summary>
    private static async Task GrowAsync(string connectionString, long size)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (true)
        {
            await using var count = new NpgsqlCommand("select count(*) from samverkan.mt_events", connection);
            var missing = size - (long)(await count.ExecuteScalarAsync())!;
            if (missing <= 0) break;
            var batch = Math.Min(missing, 500_000) / 10 * 10;
            if (batch == 0) break;
            await using var insert = new NpgsqlCommand(
                $"""
                 with sheets as (select gen_random_uuid() as id from generate_series(1, {batch / 10})),
                 streams as (
                     insert into samverkan.mt_streams (id, version, timestamp, created, tenant_id)
                     select id, 10, now(), now(), '*DEFAULT*' from sheets returning id)
                 insert into samverkan.mt_events
                     (seq_id, id, stream_id, version, data, type, mt_dotnet_type, timestamp, tenant_id)
                 select nextval('samverkan.mt_events_sequence'), gen_random_uuid(), s.id, v,
                     jsonb_build_object('conferenceId', md5((hashtext(s.id::text) % 500)::text)::uuid,
                         'round', 1 + v % 5, 'voter', md5(s.id::text), 'ballotId', gen_random_uuid(),
                         'indicator', v, 'answer', 'Yes'),
                     'ballot_cast', 'synthetic', now(), '*DEFAULT*'
                 from streams s, generate_series(1, 10) v
                 """, connection) { CommandTimeout = 0 };
            await insert.ExecuteNonQueryAsync();
        }
        await using var analyze = new NpgsqlCommand("analyze samverkan.mt_events", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }
}
