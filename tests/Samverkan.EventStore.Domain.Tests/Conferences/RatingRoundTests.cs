using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Rounds.Rating;
using Samverkan.EventStore.Domain.Voting;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Conferences;

public class RatingRoundTests
{
    private static readonly RatingRules Comet = new(RatingScale.OneToNine, ConsensusDefinition.Comet7015, "core");

    /// <summary>A conference of three indicators whose round 1 rates them under COMET 70/15, round 2 yes/no.</summary>
    private static Conference Opened(RoundRules? first = null)
    {
        var conference =
            Conference.From(Conference.PlanConference(Guid.NewGuid(), "T", "P", default, default, "sv", ["a"]));
        conference = conference.When(conference.Decide(new ImportCatalog(conference.Id, "test",
            [new Indicator(1, "One", "a"), new Indicator(2, "Two", "a"), new Indicator(3, "Three", "a")])));
        conference = conference.When(conference.Decide(new PlanRounds(conference.Id, new RoundPlan(["core"],
        [
            new(1, RoundScope.InPlay("a"), first ?? new RoundRules(Rating: Comet)),
            new(2, RoundScope.InPlay("a"), new RoundRules(Remainder: RemainderPolicy.Retain)),
        ]))));
        return conference.When(conference.Decide(new OpenRound(conference.Id, 1))!);
    }

    private static string Refusal(Action act) => Assert.Throws<CommandRejected>(act).Rejection.Code;

    [Fact]
    public void A_rating_round_takes_ratings_on_its_scale_and_cannot_rate_as_an_abstention()
    {
        var conference = Opened();
        conference.EnsureCanVote(1, new SheetBallot(Guid.NewGuid(), 1, Answer.Rated, 9), "v");
        conference.EnsureCanVote(1, new SheetBallot(Guid.NewGuid(), 1, Answer.Abstain), "v");
        Assert.Equal("yes-no-in-rating-round",
            Refusal(() => conference.EnsureCanVote(1, new SheetBallot(Guid.NewGuid(), 1, Answer.Yes), "v")));
        Assert.Equal("rating-off-scale",
            Refusal(() => conference.EnsureCanVote(1, new SheetBallot(Guid.NewGuid(), 1, Answer.Rated, 10), "v")));
    }

    [Fact]
    public void A_yes_no_round_refuses_a_rating()
    {
        var conference = Opened(new RoundRules(Remainder: RemainderPolicy.CarryOver));
        Assert.Equal("rating-in-yes-no-round",
            Refusal(() => conference.EnsureCanVote(1, new SheetBallot(Guid.NewGuid(), 1, Answer.Rated, 5), "v")));
    }

    [Fact]
    public void A_rating_is_recorded_changed_and_repeated_like_any_ballot()
    {
        var (conferenceId, first, second) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (_, cast) = BallotSheet.Empty.Decide(conferenceId, 1, "v", first, 2, new Mark(Answer.Rated, 8));
        Assert.Equal(new BallotCast(conferenceId, 1, "v", first, 2, Answer.Rated, 8), cast);
        var sheet = BallotSheet.Evolve(null, cast!);

        var (receipt, changed) = sheet.Decide(conferenceId, 1, "v", second, 2, new Mark(Answer.Abstain));
        Assert.Equal(
            new BallotChanged(conferenceId, 1, "v", second, 2, Answer.Abstain, Answer.Rated, null, 8), changed);
        Assert.Equal(BallotRecording.Changed, receipt.Recording);
        Assert.Equal((receipt with { }, (object?)null),
            BallotSheet.Evolve(sheet, changed!).Decide(conferenceId, 1, "v", second, 2, Answer.Abstain));
        Assert.Equal("ballot-id-reused",
            Refusal(() => sheet.Decide(conferenceId, 1, "v", first, 2, new Mark(Answer.Rated, 7))));
    }

    [Theory]
    [InlineData(Answer.Rated, null)]
    [InlineData(Answer.Yes, 7)]
    [InlineData(Answer.Abstain, 7)]
    public void A_rating_goes_with_the_answer_rated_and_only_with_it(Answer answer, int? rating) =>
        Assert.Equal("invalid-answer", Refusal(() =>
            BallotSheet.Empty.Decide(Guid.NewGuid(), 1, "v", Guid.NewGuid(), 1, new Mark(answer, rating))));

    [Fact]
    public void A_rating_plan_names_every_fault_of_its_scale_definition_level_and_share_rules()
    {
        var rating = new RatingRules(new RatingScale(1, 9),
            new ConsensusDefinition("loose", PercentInBand.Comet(most: 120m)), "nowhere");
        var plan = new RoundPlan(["core"], [new(1, RoundScope.InPlay("a"), new RoundRules(
            Eliminate: new EliminationRule(0.5m), Remainder: RemainderPolicy.Eliminate, Rating: rating))]);
        var problems = plan.Problems(["a"]);
        Assert.Contains(problems, p => p.Contains("120 % is outside [0, 100]"));
        Assert.Contains(problems, p => p.Contains("unknown protocol level 'nowhere'"));
        Assert.Contains(problems, p => p.Contains("takes no elimination"));

        var badScale = plan with { Rounds = [new(1, RoundScope.InPlay("a"), new RoundRules(
            Remainder: RemainderPolicy.Eliminate, Rating: Comet with { Scale = new RatingScale(5, 5) }))] };
        Assert.Equal(["Round 1: the scale 5–5 has no second point: its highest must exceed its lowest."],
            badScale.Problems(["a"]));
    }

    private static IEnumerable<CountedBallot> Ratings(int indicator, params int?[] ratings) =>
        ratings.Select((r, v) => r is { } rating
            ? new CountedBallot($"v{v}", indicator, Answer.Rated, rating)
            : new CountedBallot($"v{v}", indicator, Answer.Abstain));

    /// <summary>
    /// Under COMET 70/15: 7 of 10 rate 7–9 and none 1–3 (exactly 70 %, at least 70 % holds) is consensus in; 8 of 10
    /// rate 1–3 is consensus out; 6 of 10 rating 7–9 is no consensus, carried over to round 2.
    /// </summary>
    [Fact]
    public void The_close_of_a_rating_round_advances_consensus_in_eliminates_consensus_out_and_carries_the_rest()
    {
        var conference = Opened();
        var closed = conference.Decide(new CloseRound(conference.Id, 1),
        [
            .. Ratings(1, 9, 9, 8, 8, 7, 7, 7, 5, 5, 4, null),
            .. Ratings(2, 1, 1, 2, 2, 3, 3, 3, 3, 5, 6),
            .. Ratings(3, 9, 9, 9, 8, 8, 7, 2, 2, 5, 5),
        ]);
        var byIndicator = closed.Decisions.ToDictionary(d => d.Indicator);

        Assert.Equal(Outcome.AdvancedTo("core"), byIndicator[1].Outcome);
        Assert.Equal(RuleKind.ConsensusDefinition, byIndicator[1].Rule.Kind);
        Assert.Equal(new Tally(7, 3, 1, 10), byIndicator[1].Tally);
        Assert.Equal("consensus in by COMET 70/15", byIndicator[1].Rule.Describe());
        var figures = byIndicator[1].Rule.Consensus!.Figures.Single();
        Assert.Equal((10, 1), (figures.Ratings, figures.Abstentions));
        Assert.Equal([7, 0], figures.Bands!.In.Select(c => c.InBand));

        Assert.Equal((Outcome.Eliminated, RuleKind.ConsensusDefinition),
            (byIndicator[2].Outcome, byIndicator[2].Rule.Kind));
        Assert.Equal(ConsensusVerdict.ConsensusOut, byIndicator[2].Rule.Consensus!.Verdict);

        Assert.Equal((Outcome.CarriedOver, RuleKind.Remainder), (byIndicator[3].Outcome, byIndicator[3].Rule.Kind));
        Assert.Equal("no consensus by COMET 70/15; the round's remainder policy applied",
            byIndicator[3].Rule.Describe());
        Assert.Equal([1, 3, 2], closed.Decisions.Select(d => d.Indicator));

        conference = conference.When(closed);
        Assert.Equal(IndicatorStatus.InProtocol, conference.Indicators[1].Status);
        Assert.Equal(0.7m, conference.Indicators[1].LastShare);
        Assert.Equal([3], conference.Decide(new OpenRound(conference.Id, 2))!.Indicators);
    }

    [Fact]
    public void Under_more_than_70_percent_exactly_70_is_no_consensus_and_the_remainder_policy_decides()
    {
        var strict = new ConsensusDefinition("more than 70", PercentInBand.Comet() with
        {
            In = PercentInBand.Comet().In with
            {
                Most = new BandCondition(new RatingBand(7, 9), Comparison.MoreThan, 70m),
            },
        });
        var result = RoundClosing.Decide(
            new RoundRules(Remainder: RemainderPolicy.Eliminate, Rating: Comet with { Consensus = strict }),
            Comet.Entries([1], Ratings(1, 9, 9, 8, 8, 7, 7, 7, 5, 5, 4), _ => "a"), []);
        var decision = result.Decisions.Single();
        Assert.Equal((Outcome.Eliminated, RuleKind.Remainder), (decision.Outcome, decision.Rule.Kind));
        Assert.Equal(ConsensusVerdict.NoConsensus, decision.Rule.Consensus!.Verdict);
    }

    /// <summary>
    /// Groups A and B of four: on indicator 3 A rates 9 9 9 9 and B 9 9 5 5, so the panel has 75 % in 7–9 but B only
    /// 50 %. Required in every group of at least k = 4 it is no consensus; with k = 5 neither group is shown or
    /// required, and the panel's consensus in decides.
    /// </summary>
    [Theory]
    [InlineData(4, ConsensusVerdict.NoConsensus, 3)]
    [InlineData(5, ConsensusVerdict.ConsensusIn, 1)]
    public void Consensus_in_every_group_needs_it_in_each_group_of_at_least_k(
        int k, ConsensusVerdict verdict, int scopes)
    {
        var definition =
            ConsensusDefinition.Comet7015 with { Groups = GroupRequirement.EveryGroup, MinimumGroupSize = k };
        int[] ratings = [9, 9, 9, 9, 9, 9, 5, 5];
        var ballots = ratings.Select((r, v) =>
            new CountedBallot($"v{v}", 3, Answer.Rated, r, v < 4 ? "A" : "B"));
        var rating = Comet with { Consensus = definition };
        var decision = RoundClosing.Decide(new RoundRules(Remainder: RemainderPolicy.Eliminate, Rating: rating),
            rating.Entries([3], ballots, _ => "a"), []).Decisions.Single();
        Assert.Equal(verdict, decision.Rule.Consensus!.Verdict);
        Assert.Equal(scopes, decision.Rule.Consensus.Figures.Count);
    }
}
