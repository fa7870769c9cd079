using Samverkan.EventStore.Domain.Rounds;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Rounds;

public class RoundClosingTests
{
    private static readonly RoundRules Sundbyholm1 = new(
        Eliminate: new EliminationRule(0.5m),
        Advance: new DirectAdvanceRule("comprehensive", TopN: 2),
        Remainder: RemainderPolicy.CarryOver);

    private static IndicatorTally T(int indicator, int yes, int of = 23, string category = "process") =>
        new(indicator, category, new Tally(yes, of - yes, 0, of));

    private static IndicatorDecision For(RoundResult result, int indicator) =>
        result.Decisions.Single(d => d.Indicator == indicator);

    [Fact]
    public void Indicators_under_half_are_eliminated_the_top_advance_and_the_rest_carry_over()
    {
        var result = RoundClosing.Decide(Sundbyholm1, [T(1, 22), T(2, 20), T(3, 12), T(4, 11)], []);

        Assert.Equal(Outcome.AdvancedTo("comprehensive"), For(result, 1).Outcome);
        Assert.Equal(Outcome.AdvancedTo("comprehensive"), For(result, 2).Outcome);
        Assert.Equal(Outcome.CarriedOver, For(result, 3).Outcome);
        Assert.Equal(Outcome.Eliminated, For(result, 4).Outcome);
        Assert.Equal(new DecidingRule(RuleKind.EliminationThreshold, Threshold: 0.5m), For(result, 4).Rule);
        Assert.Equal([1, 2, 3, 4], result.Decisions.Select(d => d.Rank));
    }

    [Fact]
    public void Exactly_half_is_not_below_the_threshold()
    {
        var result = RoundClosing.Decide(new RoundRules(Eliminate: new EliminationRule(0.5m),
            Remainder: RemainderPolicy.Retain), [T(1, 10, of: 20)], []);
        Assert.Equal(Outcome.Retained, For(result, 1).Outcome);
    }

    [Fact]
    public void A_share_rule_advances_every_indicator_at_or_above_it()
    {
        var rules = new RoundRules(Advance: new DirectAdvanceRule("comprehensive", AtOrAbove: 0.8m),
            Remainder: RemainderPolicy.Eliminate);
        var result = RoundClosing.Decide(rules, [T(1, 20, of: 25), T(2, 19, of: 25)], []);
        Assert.Equal(Outcome.AdvancedTo("comprehensive"), For(result, 1).Outcome);
        Assert.Equal(Outcome.Eliminated, For(result, 2).Outcome);
    }

    [Fact]
    public void The_final_selection_takes_the_top_n_of_each_category_and_retains_the_rest()
    {
        var rules = new RoundRules(
            Select: new FinalSelectionRule("core", new Dictionary<string, int> { ["process"] = 2, ["effect"] = 1 }),
            Remainder: RemainderPolicy.Retain);
        var result = RoundClosing.Decide(rules,
            [T(1, 23), T(2, 21), T(3, 17), T(98, 20, category: "effect"), T(99, 22, category: "effect")], []);

        Assert.Equal([1, 2, 99],
            result.Decisions.Where(d => d.Outcome.Kind == OutcomeKind.Advanced).Select(d => d.Indicator).Order());
        Assert.Equal(Outcome.Retained, For(result, 98).Outcome);
        Assert.Equal(2, For(result, 98).RankInCategory);
    }

    [Theory]
    [InlineData(TiePolicy.IncludeAllTied, new[] { 1, 2, 3 })]
    [InlineData(TiePolicy.ExcludeAllTied, new[] { 1 })]
    public void A_tie_at_the_cut_off_follows_the_tie_policy(TiePolicy policy, int[] advanced)
    {
        var rules = new RoundRules(Advance: new DirectAdvanceRule("core", TopN: 2), Remainder: RemainderPolicy.Retain,
            Ties: policy);
        var result = RoundClosing.Decide(rules, [T(1, 22), T(2, 20), T(3, 20), T(4, 5)], []);

        Assert.True(result.CanClose);
        Assert.Equal(advanced,
            result.Decisions.Where(d => d.Outcome.Kind == OutcomeKind.Advanced).Select(d => d.Indicator).Order());
        Assert.NotNull(For(result, 2).Rule.TieSettlement);
    }

    [Fact]
    public void When_the_facilitator_decides_a_tie_the_round_cannot_close_until_it_is_settled()
    {
        var rules = new RoundRules(Advance: new DirectAdvanceRule("core", TopN: 2), Remainder: RemainderPolicy.Retain,
            Ties: TiePolicy.FacilitatorDecides);
        IndicatorTally[] tallies = [T(1, 22), T(2, 20), T(3, 20), T(4, 5)];

        var unsettled = RoundClosing.Decide(rules, tallies, []);
        Assert.False(unsettled.CanClose);
        var tie = Assert.Single(unsettled.UnsettledTies);
        Assert.Equal(("core", (string?)null, 1), (tie.Level, tie.Category, tie.Places));
        Assert.Equal([2, 3], tie.Tied);

        var settled = RoundClosing.Decide(rules, tallies, [new TieSettled(tie, [3])]);
        Assert.True(settled.CanClose);
        Assert.Equal(Outcome.AdvancedTo("core"), For(settled, 3).Outcome);
        Assert.Equal(Outcome.Retained, For(settled, 2).Outcome);
    }

    [Fact]
    public void Shares_compare_exactly_across_denominators()
    {
        // 13/23 and 26/46 are the same share: a tie, not a rounding accident.
        var rules = new RoundRules(Advance: new DirectAdvanceRule("core", TopN: 1), Remainder: RemainderPolicy.Retain,
            Ties: TiePolicy.IncludeAllTied);
        var result = RoundClosing.Decide(rules, [T(1, 13, of: 23), T(2, 26, of: 46)], []);
        Assert.All(result.Decisions, d => Assert.Equal(Outcome.AdvancedTo("core"), d.Outcome));
        Assert.All(result.Decisions, d => Assert.Equal(1, d.Rank));
    }
}
