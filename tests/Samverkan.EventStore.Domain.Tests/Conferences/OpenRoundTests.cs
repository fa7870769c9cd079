using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Conferences;

public class OpenRoundTests
{
    /// <summary>Round 1 eliminates every process indicator, so round 2 (process) has nothing to vote on.</summary>
    private static Conference AfterRoundOneEliminatedEverything()
    {
        var conference = Conference.From(Conference.PlanConference(Guid.NewGuid(), "T", "P", default, default, "sv",
            ["process", "effect"]));
        conference = conference.When(conference.Decide(new ImportCatalog(conference.Id, "test",
            [new Indicator(1, "One", "process"), new Indicator(2, "Two", "effect")])));
        conference = conference.When(conference.Decide(new PlanRounds(conference.Id, new RoundPlan(["core"],
        [
            new(1, RoundScope.InPlay("process"), new RoundRules(new EliminationRule(1m))),
            new(2, RoundScope.InPlay("process"), new RoundRules(Remainder: RemainderPolicy.Eliminate)),
            new(3, RoundScope.InPlay("process", "effect"),
                new RoundRules(Advance: new DirectAdvanceRule("core", TopN: 1), Remainder: RemainderPolicy.Eliminate)),
        ]))));
        conference = conference.When(conference.Decide(new OpenRound(conference.Id, 1))!);
        return conference.When(
            conference.Decide(new CloseRound(conference.Id, 1), [new CountedBallot("v", 1, Answer.No)]));
    }

    [Fact]
    public void A_round_left_with_nothing_to_vote_on_cannot_open_and_does_not_hold_up_the_next()
    {
        var conference = AfterRoundOneEliminatedEverything();

        Assert.Equal("empty-scope",
            Assert.Throws<CommandRejected>(() => conference.Decide(new OpenRound(conference.Id, 2))).Rejection.Code);
        Assert.Equal([2], conference.Decide(new OpenRound(conference.Id, 3))!.Indicators);
    }

    [Fact]
    public void A_round_that_is_empty_only_for_now_still_holds_up_the_rounds_after_it()
    {
        var conference =
            Conference.From(Conference.PlanConference(Guid.NewGuid(), "T", "P", default, default, "sv", ["a", "b"]));
        conference = conference.When(conference.Decide(new ImportCatalog(conference.Id, "test",
            [new Indicator(1, "One", "a"), new Indicator(2, "Two", "b")])));
        conference = conference.When(conference.Decide(new PlanRounds(conference.Id,
            new RoundPlan(["comprehensive", "core"],
        [
            new(1, RoundScope.InPlay("a"), new RoundRules(Advance: new DirectAdvanceRule("comprehensive", TopN: 1),
                Remainder: RemainderPolicy.Eliminate)),
            new(2, RoundScope.InPlay("b"), new RoundRules(Advance: new DirectAdvanceRule("comprehensive", TopN: 1),
                Remainder: RemainderPolicy.Eliminate)),
            new(3, RoundScope.MembersOf("comprehensive"),
                new RoundRules(Advance: new DirectAdvanceRule("core", TopN: 1), Remainder: RemainderPolicy.Retain)),
            new(4, RoundScope.InPlay("b"), new RoundRules(Advance: new DirectAdvanceRule("comprehensive", TopN: 1),
                Remainder: RemainderPolicy.Eliminate)),
        ]))));
        conference = conference.When(conference.Decide(new OpenRound(conference.Id, 1))!);

        // Round 3 has no members yet, but round 1 (open) can still bring it some: round 4 must wait for round 3.
        Assert.Equal("previous-round-not-closed",
            Assert.Throws<CommandRejected>(() => conference.Decide(new OpenRound(conference.Id, 4))).Rejection.Code);
    }
}
