using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Evaluations;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Voting;
using Wolverine;

namespace Samverkan.EventStore.Application.Sundbyholm;

/// <summary>
/// Replays Sundbyholm 2014 through the real command path, the Wolverine bus, exactly as a live conference runs:
/// planned, catalog imported, 24 experts registered and 23 checked in, five rounds opened, voted and closed,
/// the core protocol adopted, and the evaluation answered. Nothing is written around the handlers.
/// </summary>
public static class Sundbyholm2014Replay
{
    /// <summary>The conference id of Sundbyholm 2014 in this store, replaying it first if it is not there.</summary>
    public static async Task<(Guid Id, bool Replayed)> FindOrRunAsync(IDocumentStore store, IMessageBus bus,
        ConferenceSecrets secrets, CancellationToken ct = default)
    {
        await using (var session = store.QuerySession())
        {
            var existing = await session.Query<Conference>()
                .FirstOrDefaultAsync(c => c.Place == Sundbyholm2014.Place, ct);
            if (existing is not null) return (existing.Id, false);
        }
        return (await RunAsync(bus, secrets, ct), true);
    }

    public static async Task<Guid> RunAsync(IMessageBus bus, ConferenceSecrets secrets, CancellationToken ct = default)
    {
        var id = (await bus.InvokeAsync<ConferenceCreated>(new PlanConference(
            "Konsensuskonferens om indikatorer för integrerad samverkan", Sundbyholm2014.Place,
            // The report gives only "april 2014" and two days; the days are a placeholder (docs/sundbyholm-2014.md).
            new DateOnly(2014, 4, 1), new DateOnly(2014, 4, 2), "sv", ["process", "effect"]), ct)).ConferenceId;

        var catalog = System.Text.Json.JsonSerializer.Serialize(Sundbyholm2014.Catalog(),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        await bus.InvokeAsync<CatalogImported>(new ImportCatalog(id, "Sundbyholm 2014 report",
            CatalogFile.Parse(CatalogFormat.Json, catalog)), ct);

        var voters = new List<string>();
        var respondents = new List<string>();
        for (var i = 1; i <= Sundbyholm2014.Invited; i++)
        {
            var expert = await bus.InvokeAsync<ExpertRegistration>(new RegisterExpert(id, $"Expert {i}",
                "Samordningsförbund", "expert"), ct);
            if (i == Sundbyholm2014.Invited) continue; // one cancellation: 24 invited, 23 voted
            var handedOut = await bus.InvokeAsync<VoterCredentialHandedOut>(new CheckInExpert(id, expert.ExpertId), ct);
            var credential = secrets.Check(id, handedOut.VoterCredential);
            voters.Add(credential.Voter!);
            respondents.Add(credential.Respondent!);
        }

        await bus.InvokeAsync(new PlanRounds(id, Sundbyholm2014.Plan), ct);
        var yesVotes = Sundbyholm2014.YesVotes();
        foreach (var round in Sundbyholm2014.Plan.Rounds.Select(r => r.Number))
        {
            var opened = await bus.InvokeAsync<RoundOpenedResponse>(new OpenRound(id, round), ct);
            // The clickers: every voter presses at once, each voter's ballots in order.
            await Task.WhenAll(voters.Select(async (voter, v) =>
            {
                foreach (var indicator in opened.Indicators)
                {
                    var yes = Sundbyholm2014.YesVoters(round, indicator, yesVotes[round][indicator]).Contains(v);
                    await bus.InvokeAsync<BallotAcknowledged>(
                        new CastBallot(id, round, voter, Guid.NewGuid(), indicator, yes ? Answer.Yes : Answer.No), ct);
                }
            }));
            await bus.InvokeAsync<RoundClosure>(new CloseRound(id, round), ct);
        }
        await bus.InvokeAsync(new AdoptProtocol(id, "core"), ct);

        await bus.InvokeAsync(new PublishEvaluation(id, Sundbyholm2014.Questionnaire()), ct);
        foreach (var (respondent, (answers, comment)) in respondents.Zip(Sundbyholm2014.EvaluationResponses()))
            await bus.InvokeAsync(new SubmitEvaluation(id, respondent, answers, comment), ct);
        return id;
    }
}
