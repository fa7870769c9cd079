using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Rounds.Rating;
using Samverkan.EventStore.Domain.Voting;
using Xunit;

namespace Samverkan.EventStore.Application.Tests;

[Collection(nameof(HandlerCollection))]
public class RoundHandlersTests(HandlerFixture app)
{
    private Task<(Guid Id, List<string> Voters)> ConferenceVoting(RoundRules rules) => app.ConferenceVoting(rules);

    private Task Vote(Guid id, string voter, int indicator, Answer answer) =>
        app.Bus.InvokeAsync<BallotAcknowledged>(new CastBallot(id, 1, voter, Guid.NewGuid(), indicator, answer));

    [Fact]
    public async Task Closing_appends_one_decision_per_indicator_with_its_tally_and_rule()
    {
        var (id, voters) = await ConferenceVoting(new RoundRules(new EliminationRule(0.5m),
            new DirectAdvanceRule("core", TopN: 1), Remainder: RemainderPolicy.Retain));
        foreach (var v in voters) await Vote(id, v, 1, Answer.Yes);
        await Vote(id, voters[0], 2, Answer.No);

        var closed = await app.Bus.InvokeAsync<RoundClosure>(new CloseRound(id, 1));

        Assert.Equal([1, 2, 3], closed.Decisions.Select(d => d.Indicator).Order());
        Assert.Equal(new Tally(3, 0, 0, 3), closed.Decisions.Single(d => d.Indicator == 1).Tally);
        Assert.Equal(RuleKind.EliminationThreshold, closed.Decisions.Single(d => d.Indicator == 2).Rule.Kind);
        await using var session = app.Store.QuerySession();
        var stored = await session.Events.FetchStreamAsync(id);
        Assert.IsType<RoundClosed>(stored[^1].Data);
    }

    /// <summary>
    /// Three voters rate indicator 1 9 8 7 (in), 2 1 2 and "cannot rate" (out) and 3 9 5 2 (no consensus): the close
    /// maps each verdict to its outcome and the stored decision keeps the definition and figures, read back from JSON.
    /// </summary>
    [Fact]
    public async Task Closing_a_rating_round_records_each_consensus_decision_with_its_definition_and_figures()
    {
        var (id, voters) = await ConferenceVoting(new RoundRules(Remainder: RemainderPolicy.Retain,
            Rating: new RatingRules(RatingScale.OneToNine, ConsensusDefinition.Comet7015, "core")));
        int?[][] ratings = [[9, 8, 7], [1, 2, null], [9, 5, 2]];
        for (var i = 0; i < 3; i++)
        for (var v = 0; v < 3; v++)
            await app.Bus.InvokeAsync<BallotAcknowledged>(new CastBallot(id, 1, voters[v], Guid.NewGuid(), i + 1,
                ratings[i][v] is null ? Answer.Abstain : Answer.Rated, ratings[i][v]));

        await app.Bus.InvokeAsync<RoundClosure>(new CloseRound(id, 1));

        await using var session = app.Store.QuerySession();
        var closed = (RoundClosed)(await session.Events.FetchStreamAsync(id))[^1].Data;
        var outcomes = closed.Decisions.OrderBy(d => d.Indicator).Select(d => (d.Outcome, d.Rule.Kind));
        Assert.Equal([(Outcome.AdvancedTo("core"), RuleKind.ConsensusDefinition),
            (Outcome.Eliminated, RuleKind.ConsensusDefinition), (Outcome.Retained, RuleKind.Remainder)], outcomes);
        var out2 = closed.Decisions.Single(d => d.Indicator == 2).Rule.Consensus!;
        Assert.Equal(ConsensusDefinition.Comet7015, out2.Definition);
        Assert.Equal((2, 1), (out2.Figures[0].Ratings, out2.Figures[0].Abstentions));
        Assert.Equal(new Fraction(200, 2), out2.Figures[0].Bands!.Out[0].Percent);
    }

    [Fact]
    public async Task A_tie_the_facilitator_decides_blocks_the_close_until_it_is_resolved()
    {
        var (id, voters) = await ConferenceVoting(new RoundRules(Advance: new DirectAdvanceRule("core", TopN: 1),
            Remainder: RemainderPolicy.Eliminate, Ties: TiePolicy.FacilitatorDecides));
        await Vote(id, voters[0], 1, Answer.Yes);
        await Vote(id, voters[0], 2, Answer.Yes);

        var refused =
            await Assert.ThrowsAsync<CommandRejected>(() => app.Bus.InvokeAsync<RoundClosure>(new CloseRound(id, 1)));
        Assert.Equal("unsettled-tie", refused.Rejection.Code);

        await app.Bus.InvokeAsync<TieSettlement>(new ResolveTie(id, 1, "core", null, [2],
            "Indikator 2 är mätbar redan i dag"));
        var closed = await app.Bus.InvokeAsync<RoundClosure>(new CloseRound(id, 1));
        Assert.Equal(Outcome.AdvancedTo("core"), closed.Decisions.Single(d => d.Indicator == 2).Outcome);
        Assert.Equal(Outcome.Eliminated, closed.Decisions.Single(d => d.Indicator == 1).Outcome);
    }

    [Fact]
    public async Task An_override_moves_the_indicator_and_is_kept_with_its_reason()
    {
        var (id, voters) =
            await ConferenceVoting(new RoundRules(new EliminationRule(0.5m), Remainder: RemainderPolicy.Retain));
        await Vote(id, voters[0], 3, Answer.No);
        await app.Bus.InvokeAsync<RoundClosure>(new CloseRound(id, 1));

        await app.Bus.InvokeAsync<OutcomeOverride>(new OverrideOutcome(id, 1, 3, Outcome.AdvancedTo("core"),
            "Styrgruppen vill följa upp"));
        await app.Bus.InvokeAsync(new AdoptProtocol(id, "core"));

        await using var session = app.Store.QuerySession();
        var conference = await session.LoadConference(id, CancellationToken.None);
        Assert.Contains(ProtocolView.Of(conference, "core").Members, m => m.Indicator == 3);
        Assert.Equal(ConferenceStatus.Concluded, conference.Status);
        Assert.Equal(RuleKind.FacilitatorOverride,
            conference.Rounds[1].Decisions.Single(d => d.Indicator == 3).Rule.Kind);
    }

    [Fact]
    public async Task Nothing_in_the_log_names_the_voter_behind_a_ballot()
    {
        var (id, voters) = await ConferenceVoting(new RoundRules(Remainder: RemainderPolicy.Retain));
        await Vote(id, voters[1], 1, Answer.Yes);
        await using var session = app.Store.QuerySession();
        var log =
            await session.QueryAsync<string>("select data::text from samverkan.mt_events where data ->> " +
                "'conferenceId' = ?", id.ToString());
        var checkIns = log.Where(e => e.Contains("\"attendee\"")).ToList();
        Assert.Equal(3, checkIns.Count);
        Assert.All(checkIns, e => Assert.DoesNotContain(voters[1], e));
        Assert.All(checkIns, e => Assert.DoesNotContain("expertId", e));
        Assert.Contains(log, e => e.Contains(voters[1]));
    }
}
