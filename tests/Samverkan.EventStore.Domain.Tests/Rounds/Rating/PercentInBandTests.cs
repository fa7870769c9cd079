using Samverkan.EventStore.Domain.Rounds.Rating;
using Xunit;
using static Samverkan.EventStore.Domain.Tests.Rounds.Rating.Panel;

namespace Samverkan.EventStore.Domain.Tests.Rounds.Rating;

public class PercentInBandTests
{
    private static ConsensusVerdict Verdict(PercentInBand definition, params int?[] ratings) =>
        Consensus.Evaluate(new ConsensusDefinition("test", definition), Item(null, ratings)).Verdict;

    private static PercentInBand Comet(Comparison most, Comparison few) =>
        PercentInBand.Comet() with
        {
            In = new BandConsensus(new BandCondition(new RatingBand(7, 9), most, 70m),
                new BandCondition(new RatingBand(1, 3), few, 15m)),
        };

    /// <summary>14 of 20 rate 7–9: exactly 70 %. Nobody rates 1–3.</summary>
    [Theory]
    [InlineData(Comparison.AtLeast, ConsensusVerdict.ConsensusIn)]
    [InlineData(Comparison.MoreThan, ConsensusVerdict.NoConsensus)]
    public void Exactly_70_percent_in_the_band(Comparison most, ConsensusVerdict expected) =>
        Assert.Equal(expected, Verdict(Comet(most, Comparison.LessThan), Repeat((8, 14), (5, 6))));

    /// <summary>15 of 20 rate 7–9 (75 %) and 3 of 20 rate 1–3: exactly 15 %.</summary>
    [Theory]
    [InlineData(Comparison.LessThan, ConsensusVerdict.NoConsensus)]
    [InlineData(Comparison.AtMost, ConsensusVerdict.ConsensusIn)]
    public void Exactly_15_percent_in_the_low_band(Comparison few, ConsensusVerdict expected) =>
        Assert.Equal(expected, Verdict(Comet(Comparison.AtLeast, few), Repeat((9, 15), (2, 3), (5, 2))));

    /// <summary>
    /// 7 of 10 is 70 % exactly, as 0.7 is not in binary floating point; 2 of 3 is under 66.67 % but over 66.66 %.
    /// </summary>
    [Fact]
    public void Shares_are_compared_exactly()
    {
        var atLeast70 = new BandCondition(new RatingBand(7, 9), Comparison.AtLeast, 70m);
        Assert.True(atLeast70.Holds(7, 10));
        Assert.False(atLeast70.Holds(699_999, 1_000_000));
        Assert.False(new BandCondition(new RatingBand(7, 9), Comparison.AtLeast, 66.67m).Holds(2, 3));
        Assert.True(new BandCondition(new RatingBand(7, 9), Comparison.AtLeast, 66.66m).Holds(2, 3));
    }

    [Fact]
    public void Comet_70_15_decides_in_out_and_neither()
    {
        var comet = PercentInBand.Comet();
        Assert.Equal(ConsensusVerdict.ConsensusIn, Verdict(comet, Repeat((9, 8), (7, 3), (4, 1))));
        Assert.Equal(ConsensusVerdict.ConsensusOut, Verdict(comet, Repeat((1, 8), (3, 3), (4, 1))));
        Assert.Equal(ConsensusVerdict.NoConsensus, Verdict(comet, Repeat((9, 6), (1, 3), (5, 3))));
    }

    [Fact]
    public void Abstentions_are_not_in_the_denominator()
    {
        // 7 of 10 ratings are 7–9 (70 %); with the 5 who could not rate it would be 7 of 15.
        int?[] ratings = [.. Repeat((8, 7), (5, 3)), null, null, null, null, null];
        Assert.Equal(ConsensusVerdict.ConsensusIn, Verdict(PercentInBand.Comet(), ratings));
    }

    [Fact]
    public void Without_ratings_there_is_no_consensus() =>
        Assert.Equal(ConsensusVerdict.NoConsensus, Verdict(PercentInBand.Comet(), null, null));

    [Fact]
    public void A_definition_where_both_sides_hold_decides_nothing()
    {
        // "In" at least 40 % rate 6–9, "out" at least 40 % rate 1–5: 5 and 5 satisfy both.
        var loose = new PercentInBand(
            new BandConsensus(new BandCondition(new RatingBand(6, 9), Comparison.AtLeast, 40m)),
            new BandConsensus(new BandCondition(new RatingBand(1, 5), Comparison.AtLeast, 40m)));
        Assert.Equal(ConsensusVerdict.NoConsensus, Verdict(loose, Repeat((9, 5), (1, 5))));
    }

    [Fact]
    public void The_decision_names_its_definition_and_figures()
    {
        var decision = Consensus.Evaluate(ConsensusDefinition.Comet7015, Item(null, Repeat((9, 8), (7, 3), (2, 1))));
        Assert.Equal(
            "Indicator 1: consensus in by COMET 70/15, which must hold in the whole panel. In the whole panel "
            + "(12 ratings, 0 could not rate): for consensus in 11 of 12 rated 7–9 (91.67 %; at least 70 % holds) and "
            + "1 of 12 rated 1–3 (8.33 %; less than 15 % holds); for consensus out 1 of 12 rated 1–3 (8.33 %; at least "
            + "70 % fails) and 11 of 12 rated 7–9 (91.67 %; less than 15 % fails) → consensus in.",
            decision.ToString());
    }

    [Fact]
    public void Definition_problems_are_named()
    {
        Assert.Empty(ConsensusDefinition.Comet7015.Problems(RatingScale.OneToNine));
        var bad = new ConsensusDefinition("", new PercentInBand(
            new BandConsensus(new BandCondition(new RatingBand(7, 10), Comparison.AtMost, 170m),
                new BandCondition(new RatingBand(3, 1), Comparison.AtLeast, 15m)),
            new BandConsensus(new BandCondition(new RatingBand(1, 3), Comparison.AtLeast, 70m))),
            new RandUcla(), MinimumGroupSize: 0);
        Assert.Equal(
        [
            "the consensus definition has no name.",
            "the consensus definition is either percent in band or RAND/UCLA, and exactly one of them.",
            "the smallest group shown is 0 raters: it must be at least 1.",
            "consensus in: the band 7–10 is outside the scale 1–9.",
            "consensus in: 170 % is outside [0, 100].",
            "consensus in: the band 3–1 is empty: it must run from a lower to a higher point.",
            "consensus in: 'at most 170 % rate 7–10' must be at least or more than a percentage.",
            "consensus in: 'at least 15 % rate 3–1' must be at most or less than a percentage.",
        ], bad.Problems(RatingScale.OneToNine));
    }

    [Fact]
    public void A_percentage_or_constant_with_more_than_four_decimals_is_refused()
    {
        var comet = ConsensusDefinition.Comet7015 with { PercentInBand = PercentInBand.Comet(66.666666666666m) };
        Assert.Equal(["consensus in: 66.666666666666 % has more than four decimals.",
            "consensus out: 66.666666666666 % has more than four decimals."], comet.Problems(RatingScale.OneToNine));
        var rand = ConsensusDefinition.RandUclaIpras with { RandUcla = new RandUcla(SymmetricIpr: 2.350001m) };
        Assert.Equal(["RAND/UCLA's bounds and constants are at most 1000, with at most four decimals."],
            rand.Problems(RatingScale.OneToNine));
    }
}
