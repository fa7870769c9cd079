using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Samverkan.EventStore.Domain.Rounds.Rating;

namespace Samverkan.EventStore.Domain.Rounds;

/// <summary>What a round decided for one indicator.</summary>
public enum OutcomeKind
{
    /// <summary>Went to a protocol level (directly, or by the final selection).</summary>
    Advanced,
    /// <summary>Left the process.</summary>
    Eliminated,
    /// <summary>Goes on to the next round of its scope.</summary>
    CarriedOver,
    /// <summary>Stays where it was (e.g. in the comprehensive protocol, not selected into the core).</summary>
    Retained,
}

public sealed record Outcome(OutcomeKind Kind, string? Level = null)
{
    public static readonly Outcome Eliminated = new(OutcomeKind.Eliminated);
    public static readonly Outcome CarriedOver = new(OutcomeKind.CarriedOver);
    public static readonly Outcome Retained = new(OutcomeKind.Retained);
    public static Outcome AdvancedTo(string level) => new(OutcomeKind.Advanced, level);

    public override string ToString() => Level is null ? Kind.ToString() : $"{Kind} to {Level}";
}

/// <summary>Which rule of the round decided an indicator's outcome.</summary>
public enum RuleKind
{
    EliminationThreshold,
    DirectAdvanceShare,
    DirectAdvanceTopN,
    FinalSelectionTopN,
    Remainder,
    /// <summary>The facilitator overrode the outcome after the close, with a stated reason.</summary>
    FacilitatorOverride,
    /// <summary>A rating round's consensus definition found consensus in (advanced) or out (eliminated).</summary>
    ConsensusDefinition,
}

/// <summary>
/// The rule that decided, with its parameter, and how a tie at its cut-off was settled if there was one. In a rating
/// round <see cref="Consensus"/> holds what the consensus definition said, with its figures: the decision when it
/// found consensus, the evidence beside the remainder policy when it found none.
/// </summary>
public sealed record DecidingRule(
    RuleKind Kind, decimal? Threshold = null, int? TopN = null, string? TieSettlement = null,
    // Left out of a yes/no round's JSON, which reads and writes as it did before rating rounds.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ConsensusDecision? Consensus = null)
{
    public string Describe() => Kind switch
    {
        RuleKind.ConsensusDefinition or RuleKind.Remainder when Consensus is { } c =>
            $"{Rounds.Rating.Consensus.Describe(c.Verdict)} by {c.Definition.Name}"
            + (Kind == RuleKind.Remainder ? "; the round's remainder policy applied" : ""),
        RuleKind.EliminationThreshold => $"share of yes votes below the elimination threshold {Threshold:0.##}",
        RuleKind.DirectAdvanceShare => $"share of yes votes at or above {Threshold:0.##}",
        RuleKind.DirectAdvanceTopN => $"among the top {TopN} by share of yes votes",
        RuleKind.FinalSelectionTopN => $"among the top {TopN} of its category by share of yes votes",
        RuleKind.Remainder => "no rule advanced or eliminated it; the round's remainder policy applied",
        RuleKind.FacilitatorOverride => "the facilitator overrode the outcome",
        _ => Kind.ToString(),
    } + (TieSettlement is null ? "" : $" ({TieSettlement})");

    // A consensus decision holds lists, which a record compares by reference: it is compared by its definition
    // and its audit sentence, which states the verdict and every figure.
    public bool Equals(DecidingRule? other) =>
        other is not null
        && (Kind, Threshold, TopN, TieSettlement) == (other.Kind, other.Threshold, other.TopN, other.TieSettlement)
        && Consensus?.Definition == other.Consensus?.Definition
        && Consensus?.ToString() == other.Consensus?.ToString();

    public override int GetHashCode() => HashCode.Combine(Kind, Threshold, TopN, TieSettlement, Consensus?.ToString());
}

/// <summary>
/// One indicator entering the close: its number, category and tally, and in a rating round its ratings
/// (<see cref="RatingRules.Entries"/>).
/// </summary>
public sealed record IndicatorTally(int Indicator, string Category, Tally Tally, ItemRatings? Ratings = null);

/// <summary>The decision for one indicator at a round's close, with the evidence: tally, rank and rule.</summary>
public sealed record IndicatorDecision(
    int Indicator, string Category, Tally Tally, int Rank, int RankInCategory, Outcome Outcome, DecidingRule Rule);

/// <summary>Indicators tied across a top-N cut-off, competing for fewer places than they are.</summary>
public sealed record TieAtCutoff(string Level, string? Category, int Places, IReadOnlyList<int> Tied);

/// <summary>How the facilitator settled a tie: which of the tied indicators take the places.</summary>
public sealed record TieSettled(TieAtCutoff Tie, IReadOnlyList<int> Chosen);

/// <summary>
/// The result of closing a round: decisions for every indicator, or ties the facilitator must settle first.
/// </summary>
public sealed record RoundResult(IReadOnlyList<IndicatorDecision> Decisions, IReadOnlyList<TieAtCutoff> UnsettledTies)
{
    public bool CanClose => UnsettledTies.Count == 0;
}

/// <summary>
/// The rules of the process, in one pure place: given a round's tallies and rules, what happens to each
/// indicator. Live closing, the audit explanation and researchers' reruns all call this one function.
/// The rules strike in a stated order, each on the indicators the earlier ones left undecided:
/// 1. elimination under the threshold; 2. direct advance (at or above a share, or the top N across categories);
/// 3. final selection (the top N of each category, categories in ordinal order); 4. the remainder policy.
/// A tie at a top-N cut-off is settled by the round's tie policy. Ranks are by exact share.
/// A rating round instead maps each indicator's consensus verdict (<see cref="Consensus.Evaluate"/>): consensus in
/// advances it to the rating rules' level, consensus out eliminates it, and no consensus leaves it to the remainder
/// policy. Its ranks are by share in the definition's band (<see cref="RatingRules.ShareBand"/>), for display.
/// </summary>
public static class RoundClosing
{
    public static RoundResult Decide(
        RoundRules rules, IReadOnlyList<IndicatorTally> tallies, IReadOnlyList<TieSettled> settlements)
    {
        var ranked = tallies
            .OrderByDescending(t => t.Tally, ShareComparer.Instance)
            .ThenBy(t => t.Indicator)
            .ToList();
        var start = Closing.Start(ranked, rules.Ties, settlements);
        var closing = (rules.Rating is { } rating
                ? start.ByConsensus(rating)
                : start.Eliminate(rules.Eliminate).Advance(rules.Advance).Select(rules.Select))
            .Remainder(rules.Remainder);
        return new RoundResult(Ranks(ranked, closing.Outcomes), closing.Unsettled);
    }

    /// <summary>
    /// What a round decides when nobody is there to settle its ties (a rerun): beyond the recorded settlements, none
    /// of the tied takes a place, and the tied are named so that their fate can be reported as undetermined.
    /// Settling one tie can reveal another at a later rule, hence the loop.
    /// </summary>
    public static (RoundResult Result, IReadOnlySet<int> Tied) DecideLeavingTiesOpen(
        RoundRules rules, IReadOnlyList<IndicatorTally> tallies, IReadOnlyList<TieSettled> settlements)
    {
        var settled = settlements.ToList();
        var tied = new HashSet<int>();
        var result = Decide(rules, tallies, settled);
        while (!result.CanClose)
        {
            foreach (var tie in result.UnsettledTies)
            {
                settled.Add(new TieSettled(tie, []));
                tied.UnionWith(tie.Tied);
            }
            result = Decide(rules, tallies, settled);
        }
        return (result, tied);
    }

    /// <summary>
    /// Whether a decision rests on where the indicator ranked among indicators of the given categories: a top N
    /// across categories ranks it against every indicator, a final selection (and the remainder it leaves) against its
    /// own category; thresholds look at its own share alone.
    /// </summary>
    public static bool RankedAgainst(RoundRules rules, IndicatorDecision decision, IReadOnlySet<string> categories)
    {
        if (categories.Count == 0) return false;
        var acrossCategories = rules.Advance?.TopN is not null;
        return decision.Rule.Kind switch
        {
            RuleKind.DirectAdvanceTopN => true,
            RuleKind.FinalSelectionTopN => acrossCategories || categories.Contains(decision.Category),
            RuleKind.Remainder =>
                acrossCategories || (rules.Select is not null && categories.Contains(decision.Category)),
            _ => false,
        };
    }

    /// <summary>
    /// Ranks in one pass over the ranking: equal shares share a rank (1, 2, 2, 4), overall and in the category.
    /// </summary>
    private static List<IndicatorDecision> Ranks(
        List<IndicatorTally> ranked, IReadOnlyDictionary<int, (Outcome Outcome, DecidingRule Rule)> outcomes)
    {
        var decisions = new List<IndicatorDecision>(ranked.Count);
        var byCategory = new Dictionary<string, (int Seen, int Rank, Tally Last)>();
        for (var k = 0; k < ranked.Count; k++)
        {
            var t = ranked[k];
            var rank = k > 0 && Tally.CompareShares(ranked[k - 1].Tally, t.Tally) == 0 ? decisions[k - 1].Rank : k + 1;
            var (seen, categoryRank, last) = byCategory.GetValueOrDefault(t.Category);
            categoryRank = seen > 0 && Tally.CompareShares(last, t.Tally) == 0 ? categoryRank : seen + 1;
            byCategory[t.Category] = (seen + 1, categoryRank, t.Tally);
            var (outcome, rule) = outcomes[t.Indicator];
            decisions.Add(new IndicatorDecision(t.Indicator, t.Category, t.Tally, rank, categoryRank, outcome, rule));
        }
        return decisions;
    }

    /// <summary>
    /// A close in progress, immutable: the outcomes decided so far, the ties still to settle, and why a tie left an
    /// indicator undecided. Each step returns the next state.
    /// </summary>
    private sealed record Closing(
        List<IndicatorTally> Ranked, TiePolicy Ties, IReadOnlyList<TieSettled> Settlements,
        ImmutableDictionary<int, (Outcome Outcome, DecidingRule Rule)> Outcomes,
        ImmutableList<TieAtCutoff> Unsettled, ImmutableDictionary<int, string> LeftByTie,
        ImmutableDictionary<int, ConsensusDecision> NoConsensus)
    {
        public static Closing Start(
            List<IndicatorTally> ranked, TiePolicy ties, IReadOnlyList<TieSettled> settlements) =>
            new(ranked, ties, settlements, ImmutableDictionary<int, (Outcome, DecidingRule)>.Empty, [],
                ImmutableDictionary<int, string>.Empty, ImmutableDictionary<int, ConsensusDecision>.Empty);

        private IEnumerable<IndicatorTally> Undecided => Ranked.Where(t => !Outcomes.ContainsKey(t.Indicator));

        private Closing Decided(IEnumerable<IndicatorTally> indicators, Outcome outcome, DecidingRule rule) =>
            this with
            {
                Outcomes = Outcomes.SetItems(indicators.Select(t => KeyValuePair.Create(t.Indicator, (outcome, rule)))),
            };

        /// <summary>
        /// A rating round: consensus in advances, consensus out eliminates, and no consensus is left to the
        /// remainder policy with the figures that found none.
        /// </summary>
        public Closing ByConsensus(RatingRules rating) => Undecided.ToList().Aggregate(this, (closing, t) =>
        {
            var decision = Consensus.Evaluate(rating.Consensus,
                t.Ratings ?? throw new ArgumentException($"Indicator {t.Indicator} has no ratings.", nameof(rating)));
            var rule = new DecidingRule(RuleKind.ConsensusDefinition, Consensus: decision);
            return decision.Verdict switch
            {
                ConsensusVerdict.ConsensusIn => closing.Decided([t], Outcome.AdvancedTo(rating.ToLevel), rule),
                ConsensusVerdict.ConsensusOut => closing.Decided([t], Outcome.Eliminated, rule),
                _ => closing with { NoConsensus = closing.NoConsensus.SetItem(t.Indicator, decision) },
            };
        });

        public Closing Eliminate(EliminationRule? rule) => rule is { Below: var below }
            ? Decided(Undecided.Where(t => t.Tally.IsBelow(below)), Outcome.Eliminated,
                new DecidingRule(RuleKind.EliminationThreshold, Threshold: below))
            : this;

        public Closing Advance(DirectAdvanceRule? rule) => rule switch
        {
            { AtOrAbove: { } share } => Decided(Undecided.Where(t => !t.Tally.IsBelow(share)),
                Outcome.AdvancedTo(rule.ToLevel), new DecidingRule(RuleKind.DirectAdvanceShare, Threshold: share)),
            { TopN: { } topN } => Cut(new Cutoff(rule.ToLevel, null, topN), Undecided.ToList(),
                new DecidingRule(RuleKind.DirectAdvanceTopN, TopN: topN)),
            _ => this,
        };

        public Closing Select(FinalSelectionRule? rule) => rule is null
            ? this
            : rule.TopNPerCategory.OrderBy(kv => kv.Key, StringComparer.Ordinal).Aggregate(this, (closing, c) =>
                closing.Cut(new Cutoff(rule.ToLevel, c.Key, c.Value),
                    closing.Undecided.Where(t => t.Category == c.Key).ToList(),
                    new DecidingRule(RuleKind.FinalSelectionTopN, TopN: c.Value)));

        public Closing Remainder(RemainderPolicy policy)
        {
            var outcome = policy switch
            {
                RemainderPolicy.CarryOver => Outcome.CarriedOver,
                RemainderPolicy.Eliminate => Outcome.Eliminated,
                RemainderPolicy.Retain => Outcome.Retained,
                _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not a remainder policy."),
            };
            return this with
            {
                Outcomes = Outcomes.SetItems(Undecided.Select(t => KeyValuePair.Create(t.Indicator, (outcome,
                    new DecidingRule(RuleKind.Remainder, TieSettlement: LeftByTie.GetValueOrDefault(t.Indicator),
                        Consensus: NoConsensus.GetValueOrDefault(t.Indicator)))))),
            };
        }

        /// <summary>Advances the top N of the ranked candidates, settling a tie at the cut-off by its policy.</summary>
        private Closing Cut(Cutoff cut, List<IndicatorTally> candidates, DecidingRule rule)
        {
            var advanced = Outcome.AdvancedTo(cut.Level);
            if (candidates.Count <= cut.TopN) return Decided(candidates, advanced, rule);

            var last = candidates[cut.TopN - 1].Tally;
            var above = candidates.Where(t => Tally.CompareShares(t.Tally, last) > 0).ToList();
            var tied = candidates.Where(t => Tally.CompareShares(t.Tally, last) == 0).ToList();
            var closing = Decided(above, advanced, rule);
            if (above.Count + tied.Count == cut.TopN) return closing.Decided(tied, advanced, rule);

            var tie = new TieAtCutoff(cut.Level, cut.Category, cut.TopN - above.Count,
                tied.Select(t => t.Indicator).Order().ToList());
            var tieText = $"{tie.Tied.Count} tied for {tie.Places} place(s) at the cut-off";
            // Left undecided, later rules or the remainder policy decide them; the rule records why.
            Closing Left(IEnumerable<IndicatorTally> left, string why) => closing with
            {
                LeftByTie = closing.LeftByTie.SetItems(left.Select(t => KeyValuePair.Create(t.Indicator, why))),
            };
            switch (Ties)
            {
                case TiePolicy.IncludeAllTied:
                    return closing.Decided(tied, advanced,
                        rule with { TieSettlement = $"{tieText}: all tied included" });
                case TiePolicy.ExcludeAllTied:
                    return Left(tied, $"{tieText} at {cut.Level}: all tied excluded");
                case TiePolicy.FacilitatorDecides:
                    var settled = Settlements.FirstOrDefault(s => Same(s.Tie, tie));
                    if (settled is null) return closing with { Unsettled = closing.Unsettled.Add(tie) };
                    var chosen = tied.Where(t => settled.Chosen.Contains(t.Indicator)).ToList();
                    closing = closing.Decided(chosen, advanced,
                        rule with { TieSettlement = $"{tieText}: chosen by the facilitator" });
                    return Left(tied.Except(chosen), $"{tieText} at {cut.Level}: not chosen by the facilitator");
                default:
                    throw new ArgumentOutOfRangeException(nameof(Ties), Ties, "Not a tie policy.");
            }
        }
    }

    private sealed record Cutoff(string Level, string? Category, int TopN);

    private static bool Same(TieAtCutoff a, TieAtCutoff b) =>
        a.Level == b.Level && a.Category == b.Category && a.Places == b.Places && a.Tied.SequenceEqual(b.Tied);

    private sealed class ShareComparer : IComparer<Tally>
    {
        public static readonly ShareComparer Instance = new();
        public int Compare(Tally? x, Tally? y) => Tally.CompareShares(x!, y!);
    }
}
