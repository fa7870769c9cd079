using Samverkan.EventStore.Domain.Rounds;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Conferences;

public class RoundPlanTests
{
    private static readonly string[] Categories = ["process", "effect"];

    private static RoundPlan Plan(RoundRules rules) =>
        new(["comprehensive", "core"],
            [new PlannedRound(1, RoundScope.InPlay("process"), rules with { Remainder = RemainderPolicy.Eliminate })]);

    [Theory]
    [InlineData("1.3")]
    [InlineData("-0.1")]
    public void A_threshold_outside_zero_to_one_is_refused(string threshold) =>
        Assert.Contains(Plan(new RoundRules(new EliminationRule(decimal.Parse(threshold,
            System.Globalization.CultureInfo.InvariantCulture)))).Problems(Categories),
            p => p.Contains("outside [0, 1]"));

    [Fact]
    public void A_top_n_below_one_is_refused() =>
        Assert.Contains(Plan(new RoundRules(Advance: new DirectAdvanceRule("core", TopN: 0))).Problems(Categories), p =>
            p.Contains("at least 1"));

    [Fact]
    public void Carrying_over_needs_a_later_round_of_the_scope()
    {
        var plan = new RoundPlan(["comprehensive"],
            [new PlannedRound(1, RoundScope.InPlay("process"), new RoundRules(Remainder: RemainderPolicy.CarryOver))]);
        Assert.Contains(plan.Problems(Categories), p => p.Contains("no later round"));
    }

    [Fact]
    public void Unknown_levels_and_categories_are_named()
    {
        var plan = new RoundPlan(["comprehensive"],
            [new PlannedRound(1, RoundScope.InPlay("outcome"), new RoundRules(Advance: new DirectAdvanceRule("gold",
                TopN: 3), Remainder: RemainderPolicy.Eliminate))]);
        var problems = plan.Problems(Categories);
        Assert.Contains(problems, p => p.Contains("'outcome'"));
        Assert.Contains(problems, p => p.Contains("'gold'"));
    }

    [Fact]
    public void A_scope_without_categories_or_level_is_named_not_crashed_on()
    {
        var plan = new RoundPlan(["comprehensive"],
        [
            new PlannedRound(1, RoundScope.InPlay("process"), new RoundRules(Remainder: RemainderPolicy.CarryOver)),
            new PlannedRound(2, new RoundScope(), new RoundRules(Remainder: RemainderPolicy.Eliminate)),
        ]);
        Assert.Contains(plan.Problems(Categories), p => p.Contains("either categories or a protocol level"));
    }

    [Fact]
    public void A_policy_that_is_none_of_those_named_is_refused()
    {
        // With ties 9, every indicator once fell through to the remainder and was eliminated.
        var problems = new RoundPlan(["core"], [new PlannedRound(1, RoundScope.InPlay("process"),
            new RoundRules(Remainder: (RemainderPolicy)7, Denominator: (ShareDenominator)5, Ties: (TiePolicy)9))])
            .Problems(Categories);
        Assert.Contains(problems, p => p.Contains("7 is not a remainder policy"));
        Assert.Contains(problems, p => p.Contains("5 is not a share denominator"));
        Assert.Contains(problems, p => p.Contains("9 is not a tie policy"));
    }
}
