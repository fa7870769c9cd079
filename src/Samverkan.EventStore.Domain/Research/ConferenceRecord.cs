using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Research;

/// <summary>
/// What a rerun starts from: a held conference's catalog, round plan and anonymised ballots, with what each
/// round recorded at its close. It comes from the event store or from a conference file; the file format
/// (docs/research.md) is this record with a format name and version.
/// </summary>
public sealed record ConferenceRecord(
    string Title,
    IReadOnlyList<string> Categories,
    IReadOnlyList<Indicator> Catalog,
    RoundPlan Plan,
    IReadOnlyList<RecordedRound> Rounds)
{
    /// <summary>Every problem of a record read from a file, so that one rejection names them all.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Title)) problems.Add("The title is empty.");
        problems.AddRange(IndicatorCatalog.Problems(Catalog, Categories));
        problems.AddRange(Plan.Problems(Categories));
        var catalog = Catalog.Select(i => i.Number).ToHashSet();
        var planned = Plan.Rounds.Select(r => r.Number).ToHashSet();
        foreach (var round in Rounds)
        {
            if (!planned.Contains(round.Number))
                problems.Add($"Round {round.Number} has ballots but is not in the round plan.");
            if (round.ExpertsCheckedIn < 0)
                problems.Add($"Round {round.Number} has a negative number of experts checked in.");
            foreach (var unknown in round.Ballots.Select(b => b.Indicator).Where(i => !catalog.Contains(i)).Distinct())
                problems.Add($"Round {round.Number} has ballots on indicator {unknown}, which is not in the catalog.");
            if (round.Ballots.Any(b => string.IsNullOrWhiteSpace(b.Voter)))
                problems.Add($"Round {round.Number} has a ballot without a voter pseudonym.");
            if (round.Ballots.Any(b => !Enum.IsDefined(b.Answer)))
                problems.Add($"Round {round.Number} has a ballot with an answer other than yes, no, abstain or rated.");
            var scale = Plan.Rounds.FirstOrDefault(r => r.Number == round.Number)?.Rules.Rating?.Scale;
            if (round.Ballots.Any(b => !new Mark(b.Answer, b.Rating).Fits(scale)))
                problems.Add($"Round {round.Number} has a ballot that is not of its kind: "
                    + (scale is null ? "yes, no or abstain without a rating." : $"rated on {scale}, or abstain."));
        }
        foreach (var twice in Rounds.GroupBy(r => r.Number).Where(g => g.Count() > 1))
            problems.Add($"Round {twice.Key} is recorded {twice.Count()} times.");
        return problems;
    }

    /// <summary>The round as recorded, or an empty one if the record holds no ballots for it.</summary>
    public RecordedRound Round(int number) =>
        Rounds.FirstOrDefault(r => r.Number == number)
            ?? new RecordedRound(number, Rounds.Select(r => r.ExpertsCheckedIn).DefaultIfEmpty(0).Max(), []);
}

/// <summary>
/// One round as it was held: experts checked in at its close, its ballots in log order (voters by pseudonym
/// only), the indicators it voted on (when known; otherwise those with ballots), the ties the facilitator
/// settled, the outcomes overridden after the close, and, when the record comes from the store, the decisions
/// recorded at the close (after any override).
/// </summary>
public sealed record RecordedRound(
    int Number,
    int ExpertsCheckedIn,
    IReadOnlyList<CountedBallot> Ballots,
    IReadOnlyList<int>? Scope = null,
    IReadOnlyList<TieSettled>? TieSettlements = null,
    IReadOnlyList<RecordedOverride>? Overrides = null,
    IReadOnlyList<IndicatorDecision>? Decisions = null);

/// <summary>The facilitator changed an indicator's outcome after the round closed, with a stated reason.</summary>
public sealed record RecordedOverride(int Indicator, Outcome Previous, Outcome Outcome, string Reason);
