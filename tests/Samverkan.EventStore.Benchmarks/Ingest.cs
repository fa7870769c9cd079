using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;
using Samverkan.EventStore.LocalPostgres;
using Wolverine;

/// <summary>
/// Ballots through the handlers (the bus, without HTTP), each beside its baselines in the same run on the same
/// PostgreSQL: a bare Marten append per ballot and a raw Npgsql insert per ballot, one transaction each. 200 voters,
/// a round of 137 indicators; single ballots (each voter 20 indicators) at 16 and 64 in flight, and ballot sheets
/// (each voter all 137 in one command).
/// </summary>
public static class Ingest
{
    private const int Voters = 200;
    private const int Indicators = 137;
    private const int SinglesPerVoter = 20;

    public static async Task<int> RunAsync()
    {
        await using var cluster = await LocalPostgresCluster.StartThrowawayAsync();
        using var host = await BenchmarkHost.StartAsync(cluster);
        var bus = host.Services.GetRequiredService<IMessageBus>();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var secrets = host.Services.GetRequiredService<ConferenceSecrets>();
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var table = new NpgsqlCommand(
                "create table raw_ballots (voter text, indicator int, answer text, at timestamptz default now())",
                connection);
            await table.ExecuteNonQueryAsync();
        }

        Console.WriteLine("| path | in flight | ballots | ballots/s | p50 | p99 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var inFlight in new[] { 16, 64 })
        {
            var (id, voters) = await OpenRoundAsync(bus, secrets);
            await Report("handlers, single ballots", inFlight, Singles(voters), (voter, indicator) =>
                bus.InvokeAsync<BallotAcknowledged>(
                    new CastBallot(id, 1, voter, Guid.NewGuid(), indicator, Answer.Yes)));
            await Report("baseline: Marten append", inFlight, Singles(voters), async (voter, indicator) =>
            {
                await using var session = store.LightweightSession();
                session.Events.Append(Guid.NewGuid(),
                    new BallotCast(Guid.NewGuid(), 1, voter, Guid.NewGuid(), indicator, Answer.Yes));
                await session.SaveChangesAsync();
            });
            await using var source = NpgsqlDataSource.Create(cluster.ConnectionString());
            await Report("baseline: raw insert", inFlight, Singles(voters), async (voter, indicator) =>
            {
                await using var insert = source.CreateCommand(
                    "insert into raw_ballots (voter, indicator, answer) values ($1, $2, 'Yes')");
                insert.Parameters.Add(new NpgsqlParameter { Value = voter });
                insert.Parameters.Add(new NpgsqlParameter { Value = indicator });
                await insert.ExecuteNonQueryAsync();
            });
        }
        var (sheetConference, sheetVoters) = await OpenRoundAsync(bus, secrets);
        await Report("handlers, ballot sheets of 137", 16, sheetVoters.Select(v => (v, 0)).ToList(),
            (voter, _) => bus.InvokeAsync<BallotSheetAcknowledged>(new CastBallotSheet(sheetConference, 1, voter,
                Enumerable.Range(1, Indicators).Select(i => new SheetBallot(Guid.NewGuid(), i, Answer.No)).ToList())),
            ballotsPerRequest: Indicators);
        await host.StopAsync();
        return 0;
    }

    private static List<(string Voter, int Indicator)> Singles(IReadOnlyList<string> voters) =>
        Enumerable.Range(1, SinglesPerVoter).SelectMany(i => voters.Select(v => (v, i))).ToList();

    /// <summary>Runs the requests with at most <paramref name="inFlight"/> at once and prints their rate.</summary>
    private static async Task Report(string path, int inFlight, IReadOnlyList<(string Voter, int Indicator)> work,
        Func<string, int, Task> send, int ballotsPerRequest = 1)
    {
        var queue = new ConcurrentQueue<(string, int)>(work);
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (queue.TryDequeue(out var next))
            {
                var started = Stopwatch.GetTimestamp();
                await send(next.Item1, next.Item2);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        var ballots = work.Count * ballotsPerRequest;
        Console.WriteLine($"| {path} | {inFlight} | {ballots:N0} | {ballots / seconds:N0} | " +
                          $"{sorted[sorted.Length / 2]:F1} ms | {sorted[(int)(sorted.Length * 0.99)]:F1} ms |");
    }

    /// <summary>A conference of 137 process indicators, 200 experts checked in, round 1 open.</summary>
    private static async Task<(Guid Id, IReadOnlyList<string> Voters)> OpenRoundAsync(
        IMessageBus bus, ConferenceSecrets secrets)
    {
        var id = (await bus.InvokeAsync<ConferenceCreated>(new PlanConference(
            "Ingest", "Bench", new(2026, 11, 23), new(2026, 11, 23), "sv", ["process"]))).ConferenceId;
        var catalog = "number,text,category\n" +
                      string.Concat(Enumerable.Range(1, Indicators).Select(i => $"{i},Indicator {i},process\n"));
        await bus.InvokeAsync<CatalogImported>(
            new ImportCatalog(id, "bench", CatalogFile.Parse(CatalogFormat.Csv, catalog)));
        var voters = new List<string>();
        for (var e = 0; e < Voters; e++)
        {
            var expert = await bus.InvokeAsync<ExpertRegistration>(new RegisterExpert(id, $"E{e}", "O", "R"));
            var handedOut = await bus.InvokeAsync<VoterCredentialHandedOut>(new CheckInExpert(id, expert.ExpertId));
            voters.Add(secrets.Check(id, handedOut.VoterCredential).Voter!);
        }
        await bus.InvokeAsync(new PlanRounds(id, new RoundPlan(["core"],
            [new PlannedRound(1, RoundScope.InPlay("process"), new RoundRules(Remainder: RemainderPolicy.Retain))])));
        await bus.InvokeAsync<RoundOpenedResponse>(new OpenRound(id, 1));
        return (id, voters);
    }
}
