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
}

/// <summary>
/// The rule that decided, with its parameter, and how a tie at its cut-off was settled if there was one.
/// </summary>
public sealed record DecidingRule(
    RuleKind Kind, decimal? Threshold = null, int? TopN = null, string? TieSettlement = null)
{
    public string Describe() => Kind switch
    {
        RuleKind.EliminationThreshold => $"share of yes votes below the elimination threshold {Threshold:0.##}",
        RuleKind.DirectAdvanceShare => $"share of yes votes at or above {Threshold:0.##}",
        RuleKind.DirectAdvanceTopN => $"among the top {TopN} by share of yes votes",
        RuleKind.FinalSelectionTopN => $"among the top {TopN} of its category by share of yes votes",
        RuleKind.Remainder => "no rule advanced or eliminated it; the round's remainder policy applied",
        RuleKind.FacilitatorOverride => "the facilitator overrode the outcome",
        _ => Kind.ToString(),
    } + (TieSettlement is null ? "" : $" ({TieSettlement})");
}

/// <summary>One indicator entering the close: its number, category and tally.</summary>
public sealed record IndicatorTally(int Indicator, string Category, Tally Tally);

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
        var outcomes = new Dictionary<int, (Outcome Outcome, DecidingRule Rule)>();
        var unsettled = new List<TieAtCutoff>();
        var leftByTie = new Dictionary<int, string>();

        if (rules.Eliminate is { Below: var below })
            foreach (var t in ranked.Where(t => t.Tally.IsBelow(below)))
                outcomes[t.Indicator] =
                    (Outcome.Eliminated, new DecidingRule(RuleKind.EliminationThreshold, Threshold: below));

        if (rules.Advance is { } advance)
        {
            var candidates = Undecided(ranked, outcomes);
            if (advance.AtOrAbove is { } share)
            {
                foreach (var t in candidates.Where(t => !t.Tally.IsBelow(share)))
                    outcomes[t.Indicator] = (Outcome.AdvancedTo(advance.ToLevel),
                        new DecidingRule(RuleKind.DirectAdvanceShare, Threshold: share));
            }
            else if (advance.TopN is { } topN)
            {
                var cut = new Cutoff(advance.ToLevel, null, topN);
                Apply(cut, candidates, rules.Ties, settlements, outcomes, unsettled, leftByTie,
                    new DecidingRule(RuleKind.DirectAdvanceTopN, TopN: topN));
            }
        }

        if (rules.Select is { } select)
            foreach (var (category, topN) in select.TopNPerCategory.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var candidates = Undecided(ranked, outcomes).Where(t => t.Category == category).ToList();
                var cut = new Cutoff(select.ToLevel, category, topN);
                Apply(cut, candidates, rules.Ties, settlements, outcomes, unsettled, leftByTie,
                    new DecidingRule(RuleKind.FinalSelectionTopN, TopN: topN));
            }

        var remainder = rules.Remainder switch
        {
            RemainderPolicy.CarryOver => Outcome.CarriedOver,
            RemainderPolicy.Eliminate => Outcome.Eliminated,
            _ => Outcome.Retained,
        };
        foreach (var t in Undecided(ranked, outcomes))
            outcomes[t.Indicator] = (remainder,
                new DecidingRule(RuleKind.Remainder, TieSettlement: leftByTie.GetValueOrDefault(t.Indicator)));

        // Ranks in one pass over the ranking: equal shares share a rank (1, 2, 2, 4), overall and within the category.
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
        return new RoundResult(decisions, unsettled);
    }

    private sealed record Cutoff(string Level, string? Category, int TopN);

    private static List<IndicatorTally> Undecided(
        List<IndicatorTally> ranked, Dictionary<int, (Outcome, DecidingRule)> outcomes) =>
        ranked.Where(t => !outcomes.ContainsKey(t.Indicator)).ToList();

    /// <summary>
    /// Advances the top N of the ranked candidates, settling a tie at the cut-off by the round's tie policy.
    /// </summary>
    private static void Apply(
        Cutoff cut, List<IndicatorTally> candidates, TiePolicy policy, IReadOnlyList<TieSettled> settlements,
        Dictionary<int, (Outcome, DecidingRule)> outcomes, List<TieAtCutoff> unsettled,
        Dictionary<int, string> leftByTie,
        DecidingRule rule)
    {
        var advanced = Outcome.AdvancedTo(cut.Level);
        if (candidates.Count <= cut.TopN)
        {
            foreach (var t in candidates) outcomes[t.Indicator] = (advanced, rule);
            return;
        }

        var last = candidates[cut.TopN - 1].Tally;
        var above = candidates.Where(t => Tally.CompareShares(t.Tally, last) > 0).ToList();
        var tied = candidates.Where(t => Tally.CompareShares(t.Tally, last) == 0).ToList();
        foreach (var t in above) outcomes[t.Indicator] = (advanced, rule);
        if (above.Count + tied.Count == cut.TopN)
        {
            foreach (var t in tied) outcomes[t.Indicator] = (advanced, rule);
            return;
        }

        var tie = new TieAtCutoff(cut.Level, cut.Category, cut.TopN - above.Count,
            tied.Select(t => t.Indicator).Order().ToList());
        var tieText = $"{tie.Tied.Count} tied for {tie.Places} place(s) at the cut-off";
        switch (policy)
        {
            case TiePolicy.IncludeAllTied:
                foreach (var t in tied)
                    outcomes[t.Indicator] = (advanced, rule with { TieSettlement = $"{tieText}: all tied included" });
                break;
            case TiePolicy.ExcludeAllTied:
                // Left undecided, so later rules or the remainder policy decide; the rule records why.
                foreach (var t in tied) leftByTie[t.Indicator] = $"{tieText} at {cut.Level}: all tied excluded";
                break;
            case TiePolicy.FacilitatorDecides:
                var settled = settlements.FirstOrDefault(s => Same(s.Tie, tie));
                if (settled is null)
                {
                    unsettled.Add(tie);
                    break;
                }
                foreach (var t in tied)
                    if (settled.Chosen.Contains(t.Indicator))
                        outcomes[t.Indicator] =
                            (advanced, rule with { TieSettlement = $"{tieText}: chosen by the facilitator" });
                    else
                        leftByTie[t.Indicator] = $"{tieText} at {cut.Level}: not chosen by the facilitator";
                break;
        }
    }

    private static bool Same(TieAtCutoff a, TieAtCutoff b) =>
        a.Level == b.Level && a.Category == b.Category && a.Places == b.Places && a.Tied.SequenceEqual(b.Tied);

    private sealed class ShareComparer : IComparer<Tally>
    {
        public static readonly ShareComparer Instance = new();
        public int Compare(Tally? x, Tally? y) => Tally.CompareShares(x!, y!);
    }
}
