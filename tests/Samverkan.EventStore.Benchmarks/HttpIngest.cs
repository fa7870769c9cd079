using Npgsql;
using Samverkan.EventStore.LocalPostgres;

/// <summary>
/// Ballots over HTTP, to the service as a child process (<see cref="ServiceProcess"/>) on loopback and a throwaway
/// PostgreSQL, each beside its baselines in the same run on the same server: single ballots and ballot sheets at 16
/// and 64 in flight; 200 voters each sending their ballots one at a time; then the service's resident memory idle,
/// after 200,000 ballots, and for 30 seconds after. Each measurement has a conference of its own (137 indicators,
/// 200 experts checked in, round 1 open), so that none reads what an earlier one left.
/// </summary>
public static class HttpIngest
{
    private const int MemoryBallots = 200_000;
    /// <summary>Fewer single ballots than through the handlers: over HTTP they are slow enough to bound the run.
    /// </summary>
    private const int SinglesPerVoter = 10;

    public static async Task<int> RunAsync()
    {
        await using var cluster = await LocalPostgresCluster.StartThrowawayAsync();
        // The baselines have a database of their own, apart from the service's tables; their connections go after a
        // second idle (Baselines).
        var baselineDatabase = await CreateBaselineDatabaseAsync(cluster);
        await using var baselines = await Baselines.CreateAsync(baselineDatabase);
        await using var service = await ServiceProcess.StartAsync(cluster.ConnectionString());
        await Console.Error.WriteLineAsync($"The service's log: {service.LogFile}");
        var memory = new List<(string Moment, long Ballots, (double Resident, double Anonymous) Megabytes)>
        {
            ("idle, just started", 0, service.Memory()),
        };
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        // Compiles the handlers and endpoints (Wolverine generates their code on first use) and fills the pools.
        var warmUp = await OpenedAsync(http);
        await Load.SendAsync(16, Load.Singles(warmUp.Voters, 1), warmUp.Ballot);
        await Load.SendAsync(16, Load.Sheets(warmUp.Voters).Take(32).ToList(), warmUp.Sheet);

        Load.PrintHeader();
        foreach (var inFlight in new[] { 16, 64 })
        {
            var room = await OpenedAsync(http);
            await Load.Report("HTTP, single ballots", inFlight, Singles(room), room.Ballot);
            room = await OpenedAsync(http);
            await Load.Report("HTTP, ballot sheets of 137", inFlight, Load.Sheets(room.Voters), room.Sheet,
                Load.Indicators);
            await baselines.ReportAsync(inFlight, Singles(room));
        }
        var phones = await OpenedAsync(http);
        await Load.ReportPerVoter("HTTP, 200 voters, one ballot at a time each", Singles(phones), phones.Ballot);
        if (HttpConference.Resent > 0)
            Console.WriteLine($"\n{HttpConference.Resent:N0} answers were 503 database-unavailable and sent again " +
                              "after Retry-After (docs/api.md); the wait is in the latencies.");
        memory.Add(("after the measurements above", HttpConference.Recorded, service.Memory()));

        // Five rounds of sheets a conference, as many conferences as it takes.
        var conference = phones;
        while (HttpConference.Recorded < MemoryBallots)
        {
            if (!conference.HasNextRound) conference = await HttpConference.SetUpAsync(http);
            await conference.OpenNextRoundAsync();
            await Load.SendAsync(16, Load.Sheets(conference.Voters), conference.Sheet);
        }
        memory.Add(($"after {MemoryBallots:N0} ballots (sheets, 16 in flight)", HttpConference.Recorded,
            service.Memory()));
        for (var second = 5; second <= 30; second += 5)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            memory.Add(($"{second} s later, idle", HttpConference.Recorded, service.Memory()));
        }

        Console.WriteLine();
        Console.WriteLine("| service | ballots recorded | resident (VmRSS) | of it anonymous (RssAnon) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (moment, ballots, megabytes) in memory)
            Console.WriteLine(
                $"| {moment} | {ballots:N0} | {megabytes.Resident:F0} MB | {megabytes.Anonymous:F0} MB |");
        return 0;
    }

    private static List<(string Voter, int Indicator)> Singles(HttpConference room) =>
        Load.Singles(room.Voters, SinglesPerVoter);

    private static async Task<HttpConference> OpenedAsync(HttpClient http)
    {
        var conference = await HttpConference.SetUpAsync(http);
        await conference.OpenNextRoundAsync();
        return conference;
    }

    private static async Task<string> CreateBaselineDatabaseAsync(LocalPostgresCluster cluster)
    {
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create database baselines", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(cluster.ConnectionString("baselines"))
        {
            ConnectionIdleLifetime = 1,
            ConnectionPruningInterval = 1,
        }.ConnectionString;
    }
}
