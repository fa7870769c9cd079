using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Conferences;

public class CarryOverTests
{
    /// <summary>
    /// Round 1 puts both indicators in the comprehensive protocol; round 2 (its members) picks one for the core and
    /// carries the other over; round 3 (its members again) still has both to vote on.
    /// </summary>
    [Fact]
    public void A_protocol_member_carried_over_in_a_round_of_its_level_stays_in_its_protocol()
    {
        var conference =
            Conference.From(Conference.PlanConference(Guid.NewGuid(), "T", "P", default, default, "sv", ["a"]));
        conference = conference.When(conference.Decide(new ImportCatalog(conference.Id, "test",
            [new Indicator(1, "One", "a"), new Indicator(2, "Two", "a")])));
        conference = conference.When(conference.Decide(new PlanRounds(conference.Id,
            new RoundPlan(["comprehensive", "core"],
        [
            new(1, RoundScope.InPlay("a"),
                new RoundRules(Advance: new DirectAdvanceRule("comprehensive", TopN: 2),
                    Remainder: RemainderPolicy.Eliminate)),
            new(2, RoundScope.MembersOf("comprehensive"),
                new RoundRules(Advance: new DirectAdvanceRule("core", TopN: 1), Remainder: RemainderPolicy.CarryOver)),
            new(3, RoundScope.MembersOf("comprehensive"),
                new RoundRules(Advance: new DirectAdvanceRule("core", TopN: 2), Remainder: RemainderPolicy.Retain)),
        ]))));
        conference = conference.When(conference.Decide(new OpenRound(conference.Id, 1))!);
        conference = conference.When(
            conference.Decide(new CloseRound(conference.Id, 1), [new CountedBallot("v", 1, Answer.Yes)]));
        conference = conference.When(conference.Decide(new OpenRound(conference.Id, 2))!);
        conference = conference.When(conference.Decide(new CloseRound(conference.Id, 2),
            [new CountedBallot("v", 1, Answer.Yes), new CountedBallot("v", 2, Answer.No)]));

        Assert.Equal(OutcomeKind.CarriedOver,
            conference.Rounds[2].Decisions.Single(d => d.Indicator == 2).Outcome.Kind);
        Assert.Equal((IndicatorStatus.InProtocol, "comprehensive"),
            (conference.Indicators[2].Status, conference.Indicators[2].Level));
        Assert.Equal([1, 2], conference.ProtocolMembers("comprehensive").Select(m => m.Indicator));
        Assert.Equal([1, 2], conference.Decide(new OpenRound(conference.Id, 3))!.Indicators);
    }

    [Fact]
    public void An_advance_overridden_into_a_carry_over_puts_the_indicator_back_where_the_round_found_it()
    {
        var conference =
            Conference.From(Conference.PlanConference(Guid.NewGuid(), "T", "P", default, default, "sv", ["a"]));
        conference = conference.When(conference.Decide(new ImportCatalog(conference.Id, "test",
            [new Indicator(1, "One", "a"), new Indicator(2, "Two", "a")])));
        conference = conference.When(conference.Decide(new PlanRounds(conference.Id, new RoundPlan(["comprehensive"],
        [
            new(1, RoundScope.InPlay("a"),
                new RoundRules(Advance: new DirectAdvanceRule("comprehensive", TopN: 1),
                    Remainder: RemainderPolicy.CarryOver)),
            new(2, RoundScope.InPlay("a"), new RoundRules(Remainder: RemainderPolicy.Eliminate)),
        ]))));
        conference = conference.When(conference.Decide(new OpenRound(conference.Id, 1))!);
        conference = conference.When(conference.Decide(new CloseRound(conference.Id, 1),
            [new CountedBallot("v", 1, Answer.Yes), new CountedBallot("v", 2, Answer.No)]));
        Assert.Equal(IndicatorStatus.InProtocol, conference.Indicators[1].Status);

        conference = conference.When(conference.Decide(
            new OverrideOutcome(conference.Id, 1, 1, Outcome.CarriedOver, "Diskuteras i tvärgrupper")));

        Assert.Equal((IndicatorStatus.InPlay, (string?)null),
            (conference.Indicators[1].Status, conference.Indicators[1].Level));
        Assert.Empty(conference.ProtocolMembers("comprehensive"));
        Assert.Equal([1, 2], conference.Decide(new OpenRound(conference.Id, 2))!.Indicators);
    }
}
