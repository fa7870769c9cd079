using Marten;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.History;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Research;

/// <summary>A held conference read from the store as a rerun needs it. Reading appends nothing.</summary>
public static class ConferenceRecords
{
    /// <summary>
    /// The conference's catalog, plan and every closed round: its scope, experts checked in, the ballots counted
    /// (each voter's latest per indicator, by voter and indicator: the order and times of ballots are left out),
    /// settled ties, overrides and recorded decisions. Voter pseudonyms are replaced by <c>voter-01</c>,
    /// <c>voter-02</c>, … in a keyed shuffle of the pseudonyms, so that a record taken out of the service says
    /// nothing of who voted when and cannot be matched with the event log's pseudonyms.
    /// </summary>
    public static async Task<ConferenceRecord> LoadRecord(
        this IQuerySession session, ConferenceSecrets secrets, Guid conferenceId, CancellationToken ct)
    {
        var events = (await session.LoggedConferenceStream(conferenceId, ct)).Select(e => e.Data).ToList();
        var conference = Conference.Fold(events);
        var plan = conference.Plan
            ?? throw CommandRejected.Conflict("no-round-plan", "The conference has no round plan",
            $"Conference {conferenceId} has no round plan yet: there is nothing to rerun.");
        var closes = events.OfType<RoundClosed>().ToDictionary(c => c.Round);
        var overrides = events.OfType<OutcomeOverridden>().ToLookup(o => o.Round);

        var rounds = new List<RecordedRound>();
        foreach (var round in conference.Rounds.Values.Where(r => r.Status == RoundStatus.Closed))
        {
            var number = round.Planned.Number;
            rounds.Add(new RecordedRound(number, closes[number].ExpertsCheckedIn,
                Tally.Latest(await session.InLogOrder(conferenceId, number, ct)),
                round.Scope, round.Settlements,
                overrides[number].Select(o => new RecordedOverride(o.Indicator, o.Previous, o.Outcome, o.Reason))
                    .ToList(),
                round.Decisions));
        }

        var pseudonyms = rounds.SelectMany(r => r.Ballots).Select(b => b.Voter).Distinct()
            .OrderBy(p => secrets.RecordLabelOrder(conferenceId, p), StringComparer.Ordinal).ToList();
        var width = Math.Max(2, pseudonyms.Count.ToString().Length);
        var labels = pseudonyms.Select((p, i) => (p, Label: $"voter-{(i + 1).ToString().PadLeft(width, '0')}"))
            .ToDictionary(x => x.p, x => x.Label);
        return new ConferenceRecord(
            conference.Title, conference.Categories, conference.Indicators.Values.Select(i => i.Indicator).ToList(),
            plan,
            rounds.Select(r => r with
            {
                Ballots = r.Ballots.Select(b => b with { Voter = labels[b.Voter] })
                    .OrderBy(b => b.Voter, StringComparer.Ordinal).ThenBy(b => b.Indicator).ToList(),
            }).ToList());
    }

    /// <summary>
    /// Replaces the ballots of the rounds a ballots CSV holds; a planned round the record lacks is added.
    /// </summary>
    public static ConferenceRecord WithBallots(this ConferenceRecord record,
        IReadOnlyList<(int Round, CountedBallot Ballot)> ballots)
    {
        var byRound = ballots.GroupBy(b => b.Round)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CountedBallot>)g.Select(b => b.Ballot).ToList());
        var rounds = record.Rounds.Select(r =>
            byRound.TryGetValue(r.Number, out var b) ? r with { Ballots = b, Decisions = null } : r).ToList();
        // A round known only from the CSV: its experts checked in are taken to be the voters who voted in it.
        rounds.AddRange(byRound.Where(kv => rounds.All(r => r.Number != kv.Key))
            .Select(kv => new RecordedRound(kv.Key, kv.Value.Select(b => b.Voter).Distinct().Count(), kv.Value)));
        return record with { Rounds = rounds.OrderBy(r => r.Number).ToList() };
    }
}
