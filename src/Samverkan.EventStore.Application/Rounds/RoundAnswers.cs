using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Application.Rounds;

// What the facilitator's round commands answer: views of what was recorded, so that the domain's events stay
// internal and can change without changing the API.

/// <summary>A closed round: the counts the report gives and every decision with its evidence.</summary>
public sealed record RoundClosure(
    int Round, RoundRules Rules, int ExpertsCheckedIn, int Voters, int BallotsCounted,
    IReadOnlyList<IndicatorDecision> Decisions)
{
    public static RoundClosure Of(RoundClosed e) =>
        new(e.Round, e.Rules, e.ExpertsCheckedIn, e.Voters, e.BallotsCounted, e.Decisions);
}

/// <summary>A tie the facilitator settled: which of the tied took the places, and why.</summary>
public sealed record TieSettlement(int Round, TieAtCutoff Tie, IReadOnlyList<int> Chosen, string Reason)
{
    public static TieSettlement Of(TieResolved e) => new(e.Round, e.Tie, e.Chosen, e.Reason);
}

/// <summary>An outcome the facilitator overrode, from what to what, and why.</summary>
public sealed record OutcomeOverride(int Round, int Indicator, Outcome Previous, Outcome Outcome, string Reason)
{
    public static OutcomeOverride Of(OutcomeOverridden e) => new(e.Round, e.Indicator, e.Previous, e.Outcome, e.Reason);
}
