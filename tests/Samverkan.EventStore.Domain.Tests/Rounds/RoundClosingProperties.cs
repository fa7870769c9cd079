using FsCheck;
using Outcome = Samverkan.EventStore.Domain.Rounds.Outcome;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Domain.Tests.Rounds;

public class RoundClosingProperties
{
    private static List<IndicatorTally> Tallies(byte[] yesVotes) =>
        yesVotes.Select((yes, i) => new IndicatorTally(i + 1, i % 3 == 0 ? "effect" : "process",
            new Tally(yes % 24, 23 - yes % 24, 0, 23))).ToList();

    [Property]
    public Property Every_indicator_gets_exactly_one_decision(byte[] yesVotes, PositiveInt topN)
    {
        var rules =
            new RoundRules(new EliminationRule(0.5m), new DirectAdvanceRule("comprehensive", TopN: topN.Get % 20 + 1));
        var result = RoundClosing.Decide(rules, Tallies(yesVotes), []);
        return result.Decisions.Select(d => d.Indicator).Order().SequenceEqual(Enumerable.Range(1, yesVotes.Length))
            .ToProperty();
    }

    [Property]
    public Property Eliminated_means_below_the_threshold_and_survivors_are_not(byte[] yesVotes, byte threshold)
    {
        var below = threshold / 255m;
        var result = RoundClosing.Decide(new RoundRules(new EliminationRule(below),
            Remainder: RemainderPolicy.CarryOver), Tallies(yesVotes), []);
        return result.Decisions.All(d => (d.Outcome == Outcome.Eliminated) == d.Tally.IsBelow(below)).ToProperty();
    }

    [Property]
    public Property Top_n_with_ties_included_advances_at_least_n_and_never_skips_a_better_share(byte[] yesVotes,
        PositiveInt topN)
    {
        var n = topN.Get % 10 + 1;
        var rules = new RoundRules(Advance: new DirectAdvanceRule("core", TopN: n), Remainder: RemainderPolicy.Retain,
            Ties: TiePolicy.IncludeAllTied);
        var decisions = RoundClosing.Decide(rules, Tallies(yesVotes), []).Decisions;
        var advanced = decisions.Where(d => d.Outcome.Kind == OutcomeKind.Advanced).ToList();
        var worstAdvanced = advanced.Select(d => d.Tally.Yes).DefaultIfEmpty(int.MaxValue).Min();
        return (advanced.Count >= Math.Min(n, decisions.Count)
                && decisions.Where(d => d.Outcome.Kind != OutcomeKind.Advanced).All(d => d.Tally.Yes < worstAdvanced))
            .ToProperty();
    }
}
