using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Research;

/// <summary>
/// What a rerun does for an indicator that an alternative rule keeps alive into a round where, in reality, it
/// was no longer voted on, so that no ballot of it exists. Votes are never invented silently: every decision
/// that rests on a policy says so (<see cref="DecisionBasis"/>).
/// </summary>
public enum MissingBallotPolicy
{
    /// <summary>
    /// Its fate is undetermined from that round on: it takes no part in the round and is reported as such.
    /// </summary>
    Undetermined,
    /// <summary>It takes part with its last observed tally, and so its last observed share of yes votes.</summary>
    CarryForwardLastShare,
}

/// <summary>What a rerun decision rests on.</summary>
public enum DecisionBasis
{
    /// <summary>The indicator's own recorded ballots of the round.</summary>
    Ballots,
    /// <summary>
    /// No ballots: its last observed share was carried forward
    /// (<see cref="MissingBallotPolicy.CarryForwardLastShare"/>).
    /// </summary>
    CarriedForwardShare,
    /// <summary>
    /// Its own ballots, but ranked among indicators with carried-forward shares or left out, so its place depends
    /// on the policy.
    /// </summary>
    RankedAmongImputed,
    /// <summary>
    /// No decision: no ballots under <see cref="MissingBallotPolicy.Undetermined"/>, or a tie only the facilitator
    /// could settle.
    /// </summary>
    Undetermined,
}

/// <summary>One indicator in one round of a rerun. Outcome and rule are null when the fate is undetermined.</summary>
public sealed record RerunDecision(
    int Indicator, string Category, Tally? Tally, int? Rank, Outcome? Outcome, DecidingRule? Rule, DecisionBasis Basis,
    string? Note = null)
{
    public bool RestsOnPolicy => Basis != DecisionBasis.Ballots;
}

/// <summary>A round of a rerun; a round whose scope is empty in the rerun is not held.</summary>
public sealed record RerunRound(int Number, RoundRules Rules, bool Held, IReadOnlyList<RerunDecision> Decisions);

public enum FateKind
{
    InPlay,
    Eliminated,
    InProtocol,
    Undetermined,
}

/// <summary>Where an indicator ends: its fate, the round that decided it and its share of yes votes there.</summary>
public sealed record IndicatorFate(
    int Indicator, string Category, FateKind Kind, string? Level, int? Round, decimal? Share, bool RestsOnPolicy)
{
    public override string ToString() => Kind switch
    {
        FateKind.InProtocol => $"in the {Level} protocol (round {Round})",
        FateKind.Eliminated => $"eliminated in round {Round}",
        FateKind.Undetermined =>
            $"undetermined from round {Round}{(Level is null ? "" : $", having reached the {Level} protocol")}",
        _ => "in play",
    };
}

/// <summary>
/// A rerun's answer: each round's decisions, each indicator's fate and each protocol level's members.
/// </summary>
public sealed record RerunResult(
    RoundPlan Plan, MissingBallotPolicy Policy, IReadOnlyList<RerunRound> Rounds, IReadOnlyList<IndicatorFate> Fates,
    IReadOnlyDictionary<string, IReadOnlyList<int>> Protocols)
{
    /// <summary>The members of the narrowest protocol level (the core).</summary>
    public IReadOnlyList<int> Core => Protocols[Plan.ProtocolLevels[^1]];
}

/// <summary>
/// Reruns a held conference under a round plan, pure and in memory. Each round's scope, decision and effect come
/// from the same code as the live conference: the conference's own evolve and <see cref="RoundClosing.Decide"/>.
/// Only the tallies are the rerun's own: the recorded ballots, counted with voter weights (1 each, or a bootstrap
/// resample), and the missing-ballot policy where an indicator has none. Nothing is appended anywhere.
/// </summary>
public sealed class Rerun
{
    private readonly ConferenceRecord _record;
    private readonly Conference _start;
    private readonly Dictionary<int, (int Voter, CountedBallot Ballot)[]> _ballots;
    private readonly Dictionary<int, Dictionary<int, (int Yes, int No, int Abstain)>> _unweighted;
    private readonly Dictionary<int, HashSet<int>> _votedOn;

    /// <summary>
    /// Prepares a record once (the latest ballot per voter and indicator, voters by index) for any number of reruns.
    /// </summary>
    public Rerun(ConferenceRecord record)
    {
        _record = record;
        Voters = record.Rounds
            .SelectMany(r => r.Ballots)
            .Select(b => b.Voter)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var index = Voters.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        _ballots = record.Rounds.ToDictionary(
            r => r.Number,
            r => Tally.Latest(r.Ballots).Select(b => (index[b.Voter], b)).ToArray());
        _unweighted = _ballots.ToDictionary(kv => kv.Key, kv => Count(kv.Value, null));
        // Voted on in reality: in the round's recorded scope, or with ballots. Such an indicator has a tally,
        // even 0 of 0.
        _votedOn = record.Rounds.ToDictionary(
            r => r.Number,
            r => (r.Scope ?? []).Concat(r.Ballots.Select(b => b.Indicator)).ToHashSet());
        _start = Conference
            .From(new ConferencePlanned(Guid.Empty, record.Title, "", default, default, "", record.Categories))
            .When(new IndicatorCatalogImported(Guid.Empty, "record", record.Catalog));
    }

    /// <summary>Every voter pseudonym of the record, in ordinal order: the population a bootstrap resamples.</summary>
    public IReadOnlyList<string> Voters { get; }

    public ConferenceRecord Record => _record;

    /// <summary>
    /// Reruns the conference under <paramref name="plan"/>; <paramref name="voterWeights"/> counts each voter
    /// that many times.
    /// </summary>
    public RerunResult Run(RoundPlan plan, MissingBallotPolicy policy, int[]? voterWeights = null)
    {
        var state = _start.When(new RoundsPlanned(Guid.Empty, plan));
        var lastObserved = new Dictionary<int, IndicatorTally>();
        var undetermined = new Dictionary<int, int>();
        var restsOnPolicy = new HashSet<int>();
        var rounds = new List<RerunRound>(plan.Rounds.Count);

        foreach (var planned in plan.Rounds)
        {
            var (number, rules) = (planned.Number, planned.Rules);
            var wouldHold = state.ScopeOf(planned.Scope);
            var scope = wouldHold.Where(i => !undetermined.ContainsKey(i)).ToList();
            if (!RoundSchedule.IsHeld(scope))
            {
                rounds.Add(new RerunRound(number, rules, Held: false, []));
                continue;
            }

            var recorded = _record.Round(number);
            var votedOn = _votedOn.GetValueOrDefault(number) ?? [];
            var observed = Observed(number, rules, scope.Where(votedOn.Contains).ToList(), recorded.ExpertsCheckedIn,
                voterWeights, i => state.Indicators[i].Indicator.Category);
            var tallies = new List<IndicatorTally>(scope.Count);
            var left = new List<RerunDecision>();
            var carried = new HashSet<int>();
            foreach (var i in scope)
            {
                var category = state.Indicators[i].Indicator.Category;
                if (observed.TryGetValue(i, out var entry))
                    tallies.Add(lastObserved[i] = entry);
                // A rating round decides on ratings: a share observed in a yes/no round cannot stand in for them.
                else if (policy == MissingBallotPolicy.CarryForwardLastShare
                    && lastObserved.TryGetValue(i, out var last) && (rules.Rating is null || last.Ratings is not null))
                {
                    tallies.Add(last);
                    carried.Add(i);
                }
                else
                    left.Add(new RerunDecision(i, category, null, null, null, null, DecisionBasis.Undetermined,
                        $"no ballots in round {number}: its fate is undetermined"));
            }

            var (result, tied) = RoundClosing.DecideLeavingTiesOpen(rules, tallies, recorded.TieSettlements ?? []);
            if (tied.Count > 0)
            {
                left.AddRange(result.Decisions.Where(d => tied.Contains(d.Indicator)).Select(d =>
                    new RerunDecision(d.Indicator, d.Category, d.Tally, d.Rank, null, null, DecisionBasis.Undetermined,
                        $"tied at a cut-off the facilitator settles in round {number}: its fate is undetermined")));
                result = result with { Decisions = result.Decisions.Where(d => !tied.Contains(d.Indicator)).ToList() };
            }

            // Rank-based decisions depend on the policy when an indicator of the same competition was carried forward,
            // left out now, or left out in an earlier round although this round's scope would have held it.
            var imputedCategories = tallies.Where(t => carried.Contains(t.Indicator)).Select(t => t.Category)
                .Concat(left.Select(d => d.Category))
                .Concat(wouldHold.Where(undetermined.ContainsKey).Select(i => state.Indicators[i].Indicator.Category))
                .ToHashSet();
            var decisions = result.Decisions.Select(d => new RerunDecision(
                d.Indicator, d.Category, d.Tally, d.Rank, d.Outcome, d.Rule,
                carried.Contains(d.Indicator) ? DecisionBasis.CarriedForwardShare
                : RoundClosing.RankedAgainst(rules, d, imputedCategories) ? DecisionBasis.RankedAmongImputed
                : DecisionBasis.Ballots)).ToList();

            state = state
                .When(new RoundOpened(Guid.Empty, number, scope))
                .When(new RoundClosed(Guid.Empty, number, rules, recorded.ExpertsCheckedIn, 0, 0, result.Decisions));
            foreach (var o in recorded.Overrides ?? [])
            {
                // The facilitator's override stands where the rerun reached the outcome it overrode, and only there.
                var at = decisions.FindIndex(d => d.Indicator == o.Indicator && d.Outcome == o.Previous);
                if (at < 0) continue;
                state = state.When(
                    new OutcomeOverridden(Guid.Empty, number, o.Indicator, o.Previous, o.Outcome, o.Reason));
                decisions[at] = decisions[at] with
                {
                    Outcome = o.Outcome, Rule = new DecidingRule(RuleKind.FacilitatorOverride), Note = o.Reason,
                };
            }

            foreach (var d in left) undetermined[d.Indicator] = number;
            decisions.AddRange(left);
            foreach (var d in decisions.Where(d => d.RestsOnPolicy)) restsOnPolicy.Add(d.Indicator);
            rounds.Add(new RerunRound(number, rules, Held: true, decisions));
        }

        var fates = state.Indicators.Values.Select(i => new IndicatorFate(
            i.Indicator.Number, i.Indicator.Category,
            undetermined.ContainsKey(i.Indicator.Number) ? FateKind.Undetermined
            : i.Status switch
            {
                IndicatorStatus.Eliminated => FateKind.Eliminated,
                IndicatorStatus.InProtocol => FateKind.InProtocol,
                _ => FateKind.InPlay,
            },
            i.Level,
            undetermined.TryGetValue(i.Indicator.Number, out var from) ? from : i.LastRound,
            i.LastShare, restsOnPolicy.Contains(i.Indicator.Number))).ToList();
        var protocols = plan.ProtocolLevels.ToDictionary(
            level => level,
            // An undetermined indicator keeps the level it had reached; whether it would have gone further is unknown.
            level => (IReadOnlyList<int>)state.MembersOf(level).Select(i => i.Indicator.Number).ToList());
        return new RerunResult(plan, policy, rounds, fates, protocols);
    }

    /// <summary>
    /// The tallies (and in a rating round the ratings) of the indicators voted on in a round, counted from its
    /// recorded ballots the way the live close counts them, each voter weighing their weight.
    /// </summary>
    private Dictionary<int, IndicatorTally> Observed(int number, RoundRules rules, IReadOnlyList<int> votedOn,
        int expertsCheckedIn, int[]? weights, Func<int, string> categoryOf)
    {
        var ballots = _ballots.GetValueOrDefault(number) ?? [];
        if (rules.Rating is { } rating)
            // A voter drawn twice rates twice: the same count as the live close, over the resampled panel.
            return rating.Entries(votedOn,
                    ballots.SelectMany(b => Enumerable.Repeat(b.Ballot, weights?[b.Voter] ?? 1)), categoryOf)
                .ToDictionary(t => t.Indicator);
        var counts = weights is null
            ? _unweighted.GetValueOrDefault(number) ?? []
            : Count(ballots, weights);
        return votedOn.ToDictionary(i => i, i =>
        {
            var c = counts.GetValueOrDefault(i);
            return new IndicatorTally(i, categoryOf(i), Tally.Of(c.Yes, c.No, c.Abstain, rules, expertsCheckedIn));
        });
    }

    private static Dictionary<int, (int Yes, int No, int Abstain)> Count(
        (int Voter, CountedBallot Ballot)[] ballots, int[]? weights) =>
        // Ratings are counted by Observed; a yes/no count leaves them out.
        Tally.Answers(ballots.Where(b => b.Ballot.Answer != Answer.Rated)
            .Select(b => (b.Ballot.Indicator, b.Ballot.Answer, weights?[b.Voter] ?? 1)));
}
