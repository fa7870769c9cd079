using Xunit;
using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Domain.Tests.Research;

public class RerunTests
{
    private readonly Rerun _rerun = new(SmallConference.Record());

    private RerunResult Recorded(MissingBallotPolicy policy = MissingBallotPolicy.Undetermined) =>
        _rerun.Run(SmallConference.Plan, policy);

    private static RerunDecision Decision(RerunResult result, int round, int indicator) =>
        result.Rounds.Single(r => r.Number == round).Decisions.Single(d => d.Indicator == indicator);

    private static IndicatorFate Fate(RerunResult result, int indicator) =>
        result.Fates.Single(f => f.Indicator == indicator);

    [Fact]
    public void The_recorded_rules_give_the_hand_checked_outcome()
    {
        var result = Recorded();
        Assert.Equal([1, 2, 3, 7], result.Protocols["comprehensive"]);
        Assert.Equal([2, 3, 7], result.Core);
        Assert.Equal(FateKind.Eliminated, Fate(result, 5).Kind);
        Assert.Equal(1, Fate(result, 5).Round);
        Assert.All(result.Rounds.SelectMany(r => r.Decisions), d => Assert.Equal(DecisionBasis.Ballots, d.Basis));
    }

    [Fact]
    public void A_larger_core_selection_takes_indicator_1_into_the_core()
    {
        var result = WhatIf.Run(_rerun, [new RuleChange(Round: 4,
            SelectTopN: new Dictionary<string, int> { ["process"] = 3 })], MissingBallotPolicy.Undetermined);

        Assert.Equal([1, 2, 3, 7], result.Rerun.Core);
        var change = Assert.Single(result.Diff.Changes);
        Assert.Equal((1, 4, true), (change.Indicator, change.Round, change.FateChanged));
        Assert.Equal(new Outcome(OutcomeKind.Retained), change.RecordedDecision!.Outcome);
        Assert.Equal(Outcome.AdvancedTo("core"), change.RerunDecision!.Outcome);
        Assert.Equal(new DecidingRule(RuleKind.FinalSelectionTopN, TopN: 3), change.RerunDecision.Rule);
        Assert.Contains("2 of 4 yes (50.0 %)", change.Why);
        Assert.Equal(["comprehensive: + -", "core: +1 -"],
            result.Diff.Protocols.Select(p =>
                $"{p.Level}: +{string.Join(",", p.Added)} -{string.Join(",", p.Removed)}"));
    }

    [Fact]
    public void A_lower_threshold_with_undetermined_fates_keeps_indicator_5_alive_but_undetermined()
    {
        var result =
            WhatIf.Run(_rerun, [new RuleChange(Round: 1, EliminateBelow: 0.25m)], MissingBallotPolicy.Undetermined);

        // 1 of 4 is not below 25 %: indicator 5 is carried over, into a round where nobody voted on it.
        Assert.Equal(OutcomeKind.CarriedOver, Decision(result.Rerun, 1, 5).Outcome!.Kind);
        var missing = Decision(result.Rerun, 2, 5);
        Assert.Equal((DecisionBasis.Undetermined, (Outcome?)null), (missing.Basis, missing.Outcome));
        Assert.Equal((FateKind.Undetermined, 2, true),
            (Fate(result.Rerun, 5).Kind, Fate(result.Rerun, 5).Round, Fate(result.Rerun, 5).RestsOnPolicy));
        // Round 2 is a top 1: who wins it depends on what indicator 5 would have got, so both decisions say so.
        Assert.Equal(DecisionBasis.RankedAmongImputed, Decision(result.Rerun, 2, 3).Basis);
        Assert.Equal(DecisionBasis.RankedAmongImputed, Decision(result.Rerun, 2, 4).Basis);
        Assert.Equal([2, 3, 7], result.Rerun.Core);

        var five = result.Diff.Changes.Single(c => c.Indicator == 5);
        Assert.Equal((1, true), (five.Round, five.FateChanged));
        // 3 and 4 meet the same fates as recorded, but now resting on the policy.
        Assert.Equal([5], result.Diff.Changes.Select(c => c.Indicator));
        Assert.Equal([3, 4, 5], result.Rerun.Fates.Where(f => f.RestsOnPolicy).Select(f => f.Indicator));
    }

    [Fact]
    public void A_lower_threshold_carrying_the_last_share_forward_eliminates_indicator_5_in_round_2_and_says_why()
    {
        var result = WhatIf.Run(_rerun, [new RuleChange(Round: 1, EliminateBelow: 0.25m)],
            MissingBallotPolicy.CarryForwardLastShare);

        var carried = Decision(result.Rerun, 2, 5);
        Assert.Equal(DecisionBasis.CarriedForwardShare, carried.Basis);
        Assert.Equal(new Tally(1, 3, 0, 4), carried.Tally);
        Assert.Equal(Outcome.Eliminated, carried.Outcome);
        Assert.Equal((FateKind.Eliminated, 2, true),
            (Fate(result.Rerun, 5).Kind, Fate(result.Rerun, 5).Round, Fate(result.Rerun, 5).RestsOnPolicy));
        // Eliminated either way: its fate did not change, only the round and what it rests on.
        var five = result.Diff.Changes.Single(c => c.Indicator == 5);
        Assert.False(five.FateChanged);
        Assert.Contains("last observed share carried forward", RerunDiff.Describe(carried));
    }

    [Fact]
    public void Advancing_two_in_round_2_brings_indicator_4_into_round_4_without_ballots()
    {
        var change = new RuleChange(Round: 2, AdvanceTopN: 2);

        var undetermined = WhatIf.Run(_rerun, [change], MissingBallotPolicy.Undetermined).Rerun;
        Assert.Equal([1, 2, 3, 4, 7], undetermined.Protocols["comprehensive"]);
        var four = Fate(undetermined, 4);
        Assert.Equal((FateKind.Undetermined, "comprehensive", 4), (four.Kind, four.Level, four.Round));
        Assert.Equal([2, 3, 7], undetermined.Core);

        var carried = WhatIf.Run(_rerun, [change], MissingBallotPolicy.CarryForwardLastShare).Rerun;
        Assert.Equal(new Tally(1, 3, 0, 4), Decision(carried, 4, 4).Tally);
        Assert.Equal(new Outcome(OutcomeKind.Retained), Decision(carried, 4, 4).Outcome);
        Assert.Equal([2, 3, 7], carried.Core);
        Assert.Equal(DecisionBasis.RankedAmongImputed, Decision(carried, 4, 2).Basis);
        // Indicator 4 is a process indicator: the effect selection (7) does not depend on what it would have got.
        Assert.Equal(DecisionBasis.Ballots, Decision(carried, 4, 7).Basis);
    }

    [Fact]
    public void A_rerun_under_the_recorded_rules_reproduces_the_recorded_decisions()
    {
        var result = WhatIf.Run(_rerun, [], MissingBallotPolicy.Undetermined);
        Assert.Empty(result.Diff.Changes);
        Assert.Equal(result.Recorded.Core, result.Rerun.Core);
    }

    [Theory]
    [InlineData(1, 1.3, null, "elimination threshold 1.3 is outside [0, 1]")]
    [InlineData(2, null, 0, "top N of 0")]
    [InlineData(9, 0.4, null, "Round 9 does not exist")]
    [InlineData(4, null, 3, "Round 4: it has no direct advance to change")]
    public void Bad_rules_are_refused_with_the_problem_named(int round, double? below, int? topN, string problem)
    {
        var change = new RuleChange(Round: round, EliminateBelow: (decimal?)below, AdvanceTopN: topN);
        var rejected =
            Assert.Throws<CommandRejected>(() => WhatIf.Run(_rerun, [change], MissingBallotPolicy.Undetermined));
        Assert.Equal("invalid-rules", rejected.Rejection.Code);
        Assert.Contains(problem, rejected.Rejection.Detail);
    }

    [Fact]
    public void A_sweep_counts_core_places_and_overlap_per_variant()
    {
        var variants = Stability.Grid([
            [new RuleChange(Round: 4, SelectTopN: new Dictionary<string, int> { ["process"] = 1 }),
             new RuleChange(Round: 4, SelectTopN: new Dictionary<string, int> { ["process"] = 2 }),
             new RuleChange(Round: 4, SelectTopN: new Dictionary<string, int> { ["process"] = 3 })],
        ]);
        var sweep = Stability.Sweep(_rerun, variants, MissingBallotPolicy.Undetermined);

        Assert.Equal([[2, 7], [2, 3, 7], [1, 2, 3, 7]], sweep.Variants.Select(v => v.Core));
        Assert.Equal([2.0 / 3, 1, 3.0 / 4], sweep.Variants.Select(v => v.Jaccard));
        Assert.Equal([(2, 3), (7, 3), (3, 2), (1, 1)], sweep.Indicators.Select(i => (i.Indicator, i.Times)));
    }

    [Fact]
    public void A_bootstrap_is_seeded_and_every_core_place_has_a_probability()
    {
        var once = Stability.Bootstrap(_rerun, SmallConference.Plan, MissingBallotPolicy.Undetermined, 200, seed: 7);
        var again = Stability.Bootstrap(_rerun, SmallConference.Plan, MissingBallotPolicy.Undetermined, 200, seed: 7);

        Assert.Equal(once.Indicators, again.Indicators);
        Assert.All(once.Indicators, i => Assert.Equal(200, i.Of));
        Assert.All(once.Indicators, i => Assert.InRange(i.Times, 1, 200));
        Assert.Equal(4, once.Voters);
    }

    [Fact]
    public void An_indicator_left_undetermined_earlier_marks_the_later_rankings_it_would_have_been_in()
    {
        var plan = new RoundPlan(["core"],
        [
            new(1, RoundScope.InPlay("process"), new RoundRules(new EliminationRule(0.5m))),
            new(2, RoundScope.InPlay("process"), new RoundRules(new EliminationRule(0.5m))),
            new(3, RoundScope.InPlay("process"),
                new RoundRules(Select: new FinalSelectionRule("core", new Dictionary<string, int> { ["process"] = 1 }),
                Remainder: RemainderPolicy.Eliminate)),
        ]);
        var yes = new Dictionary<int, Dictionary<int, int>> { [1] = new() { [1] = 4, [2] = 3, [3] = 1 },
            [2] = new() { [1] = 4, [2] = 3 }, [3] = new() { [1] = 3, [2] = 4 } };
        var record = new ConferenceRecord("T", ["process"],
            Enumerable.Range(1, 3).Select(n => new Domain.Catalog.Indicator(n, $"I{n}", "process")).ToList(), plan,
            yes.Select(r => new RecordedRound(r.Key, 4, r.Value.SelectMany(i => SmallConference.Voters.Select((v, k) =>
                new Domain.Voting.CountedBallot(v, i.Key,
                    k < i.Value ? Domain.Voting.Answer.Yes : Domain.Voting.Answer.No))).ToList())).ToList());

        var result = WhatIf.Run(new Rerun(record), [new RuleChange(Round: 1, EliminateBelow: 0.25m)],
            MissingBallotPolicy.Undetermined).Rerun;

        Assert.Equal([2], result.Core);
        // Indicator 3 is undetermined from round 2; round 3 would have ranked it, so its core place rests on the
        // policy.
        Assert.Equal(DecisionBasis.RankedAmongImputed, Decision(result, 3, 2).Basis);
        Assert.True(Fate(result, 2).RestsOnPolicy);
    }
}
