using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    public static async Task<int> RunAsync()
    {
        await using var cluster = await LocalPostgresCluster.StartThrowawayAsync();
        using var host = await BenchmarkHost.StartAsync(cluster.ConnectionString());
        var bus = host.Services.GetRequiredService<IMessageBus>();
        var secrets = host.Services.GetRequiredService<ConferenceSecrets>();
        await using var baselines = await Baselines.CreateAsync(cluster.ConnectionString());

        Load.PrintHeader();
        foreach (var inFlight in new[] { 16, 64 })
        {
            var (id, voters) = await OpenRoundAsync(bus, secrets);
            await Load.Report("handlers, single ballots", inFlight, Load.Singles(voters), (voter, indicator) =>
                bus.InvokeAsync<BallotAcknowledged>(
                    new CastBallot(id, 1, voter, Guid.NewGuid(), indicator, Answer.Yes)));
            await baselines.ReportAsync(inFlight, Load.Singles(voters));
        }
        var (sheetConference, sheetVoters) = await OpenRoundAsync(bus, secrets);
        await Load.Report("handlers, ballot sheets of 137", 16, Load.Sheets(sheetVoters),
            (voter, _) => bus.InvokeAsync<BallotSheetAcknowledged>(new CastBallotSheet(sheetConference, 1, voter,
                Enumerable.Range(1, Load.Indicators).Select(i => new SheetBallot(Guid.NewGuid(), i, Answer.No))
                    .ToList())),
            ballotsPerRequest: Load.Indicators);
        await host.StopAsync();
        return 0;
    }

    /// <summary>A conference of 137 process indicators, 200 experts checked in, round 1 open.</summary>
    private static async Task<(Guid Id, IReadOnlyList<string> Voters)> OpenRoundAsync(
        IMessageBus bus, ConferenceSecrets secrets)
    {
        var id = (await bus.InvokeAsync<ConferenceCreated>(new PlanConference(
            "Ingest", "Bench", new(2026, 11, 23), new(2026, 11, 23), "sv", ["process"]))).ConferenceId;
        await bus.InvokeAsync<CatalogImported>(
            new ImportCatalog(id, "bench", CatalogFile.Parse(CatalogFormat.Csv, Load.Catalog)));
        var voters = new List<string>();
        for (var e = 0; e < Load.Voters; e++)
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
