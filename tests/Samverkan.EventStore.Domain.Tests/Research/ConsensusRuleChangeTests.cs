using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Rounds.Rating;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Research;

public class ConsensusRuleChangeTests
{
    private static readonly RoundPlan Plan = new(["core"],
    [
        new(1, RoundScope.InPlay("a"), new RoundRules(Remainder: RemainderPolicy.CarryOver,
            Rating: new RatingRules(RatingScale.OneToNine, ConsensusDefinition.Comet7015, "core"))),
        new(2, RoundScope.InPlay("a"), new RoundRules(Remainder: RemainderPolicy.Eliminate)),
    ]);

    [Fact]
    public void Consensus_p_and_q_change_both_sides_of_a_percent_in_band_definition_and_its_name()
    {
        var (plan, problems) = RuleChanges.Apply(Plan, ["a"],
            [new RuleChange(ConsensusMost: 75m), new RuleChange(ConsensusFew: 10m)]);
        Assert.Empty(problems);
        var definition = plan.Rounds[0].Rules.Rating!.Consensus;
        Assert.Equal("COMET 70/15 as 75/10", definition.Name);
        Assert.Equal(PercentInBand.Comet(75m, 10m), definition.PercentInBand);
        Assert.Equal(Plan.Rounds[1], plan.Rounds[1]);
    }

    [Fact]
    public void A_consensus_change_to_a_yes_no_round_or_out_of_range_is_a_problem()
    {
        Assert.Contains(RuleChanges.Apply(Plan, ["a"], [new RuleChange(2, ConsensusMost: 75m)]).Problems,
            p => p.Contains("no percent-in-band consensus definition"));
        Assert.Contains(RuleChanges.Apply(Plan, ["a"], [new RuleChange(ConsensusFew: 101m)]).Problems,
            p => p.Contains("101 % is outside [0, 100]"));
    }
}
