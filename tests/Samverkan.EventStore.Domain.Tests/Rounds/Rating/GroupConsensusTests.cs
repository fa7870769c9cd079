using Samverkan.EventStore.Domain.Rounds.Rating;
using Xunit;
using static Samverkan.EventStore.Domain.Tests.Rounds.Rating.Panel;

namespace Samverkan.EventStore.Domain.Tests.Rounds.Rating;

/// <summary>
/// Consensus per stakeholder group (COS-STAD): eight brukare, six tjänstepersoner, three politiker (under k = 5)
/// and two voters without a group, so that the raters not shown are five (panel minus shown groups).
/// </summary>
public class GroupConsensusTests
{
    private static readonly ConsensusDefinition EveryGroup =
        ConsensusDefinition.Comet7015 with { Groups = GroupRequirement.EveryGroup };

    private static IEnumerable<CountedRating> Group(string group, params int?[] ratings) =>
        ratings.Select((r, i) => new CountedRating($"{group}-{i}", 1, r, group));

    private static IEnumerable<CountedRating> WithoutGroup(params int?[] ratings) =>
        ratings.Select((r, i) => new CountedRating($"x-{i}", 1, r));

    /// <summary>Brukare 8 of 8 rate 7–9; tjänstepersoner 5 of 6 (83 %); politiker 0 of 3; the two 2 of 2.</summary>
    private static readonly ItemRatings Agreed = Items([
        .. Group("brukare", Repeat((8, 8))),
        .. Group("tjänsteperson", Repeat((9, 5), (5, 1))),
        .. Group("politiker", Repeat((5, 3))),
        .. WithoutGroup(8, 8),
    ]);

    [Fact]
    public void Every_group_of_at_least_k_must_agree_and_the_panel_too()
    {
        // Panel: 15 of 19 rate 7–9 (79 %), none 1–3 → in; both shown groups in; politiker (3 < 5) not required.
        var decision = Consensus.Evaluate(EveryGroup, Agreed);
        Assert.Equal(ConsensusVerdict.ConsensusIn, decision.Verdict);
        Assert.Equal([null, "brukare", "tjänsteperson"], decision.Figures.Select(f => f.Group));
        Assert.Equal(19, decision.Figures[0].Ratings);
    }

    [Fact]
    public void One_group_short_of_the_band_denies_consensus_that_the_panel_alone_would_give()
    {
        // Tjänstepersoner: 4 of 6 rate 7–9 (67 %). Panel: 14 of 19 (74 %), still in.
        var item = Items([
            .. Group("brukare", Repeat((8, 8))),
            .. Group("tjänsteperson", Repeat((9, 4), (5, 2))),
            .. Group("politiker", Repeat((5, 3))),
            .. WithoutGroup(8, 8),
        ]);
        Assert.Equal(ConsensusVerdict.ConsensusIn, Consensus.Evaluate(ConsensusDefinition.Comet7015, item).Verdict);
        Assert.Equal(ConsensusVerdict.NoConsensus, Consensus.Evaluate(EveryGroup, item).Verdict);
    }

    [Fact]
    public void A_group_under_k_cannot_deny_consensus_but_its_ratings_count_in_the_panel()
    {
        // Politiker rate 1: 3 of 19 in the panel rate 1–3 (15.8 %), which fails "less than 15 %".
        var item = Items([
            .. Group("brukare", Repeat((8, 8))),
            .. Group("tjänsteperson", Repeat((9, 6))),
            .. Group("politiker", Repeat((1, 3))),
            .. WithoutGroup(8, 8),
        ]);
        var decision = Consensus.Evaluate(EveryGroup, item);
        Assert.Equal(ConsensusVerdict.NoConsensus, decision.Verdict);
        Assert.DoesNotContain(decision.Figures, f => f.Group == "politiker");
        Assert.Equal(ConsensusVerdict.ConsensusIn, decision.Figures.Single(f => f.Group == "brukare").Verdict);
    }

    [Fact]
    public void A_smaller_k_shows_and_requires_the_small_group()
    {
        var decision = Consensus.Evaluate(EveryGroup with { MinimumGroupSize = 2 }, Agreed);
        Assert.Equal(ConsensusVerdict.NoConsensus, decision.Verdict);
        Assert.Equal(ConsensusVerdict.NoConsensus, decision.Figures.Single(f => f.Group == "politiker").Verdict);
    }

    [Fact]
    public void The_whole_panel_requirement_shows_no_group_figures_in_the_decision() =>
        Assert.Equal([null], Consensus.Evaluate(ConsensusDefinition.Comet7015, Agreed).Figures.Select(f => f.Group));

    [Fact]
    public void The_sentence_says_where_the_definition_must_hold() =>
        Assert.StartsWith("Indicator 1: consensus in by COMET 70/15, which must hold in the whole panel and in every "
            + "group shown (at least 5 raters). In the whole panel (19 ratings, 0 could not rate):",
            Consensus.Evaluate(EveryGroup, Agreed).ToString());

    /// <summary>
    /// Without the two voters outside any group, the panel minus brukare and tjänstepersoner would be the three
    /// politiker's ratings: the smallest shown group, tjänstepersoner, is hidden too (nine raters not shown).
    /// </summary>
    [Fact]
    public void A_group_is_hidden_too_when_subtraction_would_give_away_a_group_under_k()
    {
        var item = Items([
            .. Group("brukare", Repeat((8, 8))),
            .. Group("tjänsteperson", Repeat((9, 6))),
            .. Group("politiker", Repeat((1, 3))),
        ]);
        Assert.Equal(["brukare"], item.ShownGroups(5).Select(g => g.Group));
        Assert.Equal([null, "brukare"], Consensus.Evaluate(EveryGroup, item).Figures.Select(f => f.Group));
    }
}
