using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Rounds.Rating;

namespace Samverkan.EventStore.Domain.Research;

/// <summary>
/// A change to the rules of one round, or of every round when <see cref="Round"/> is null. Each field given
/// replaces that rule; a field left out keeps the recorded one. Without a round, a change applies to every
/// round that has that rule (a threshold to rounds with an elimination rule, a top N to rounds with a top N, …).
/// <see cref="ConsensusMost"/> and <see cref="ConsensusFew"/> change a rating round's percent-in-band definition:
/// the p of its "most" bounds and the q of its "few" bounds, on both sides (COMET 70/15 as 75/15), comparisons kept.
/// </summary>
public sealed record RuleChange(
    int? Round = null,
    decimal? EliminateBelow = null,
    int? AdvanceTopN = null,
    decimal? AdvanceAtOrAbove = null,
    IReadOnlyDictionary<string, int>? SelectTopN = null,
    ShareDenominator? Denominator = null,
    AbstentionPolicy? Abstentions = null,
    TiePolicy? Ties = null,
    RemainderPolicy? Remainder = null,
    decimal? ConsensusMost = null,
    decimal? ConsensusFew = null)
{
    public override string ToString() => string.Join(", ", Parts());

    private IEnumerable<string> Parts()
    {
        var at = Round is { } r ? $" in round {r}" : "";
        if (EliminateBelow is { } below) yield return $"eliminate below {below:0.###}{at}";
        if (AdvanceTopN is { } topN) yield return $"advance top {topN}{at}";
        if (AdvanceAtOrAbove is { } share) yield return $"advance at or above {share:0.###}{at}";
        if (SelectTopN is { } select)
            yield return "select top " + string.Join(" + ",
                select.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} {kv.Key}")) + at;
        if (Denominator is { } denominator) yield return $"share of {denominator}{at}";
        if (Abstentions is { } abstentions) yield return $"abstentions {abstentions}{at}";
        if (Ties is { } ties) yield return $"ties {ties}{at}";
        if (Remainder is { } remainder) yield return $"remainder {remainder}{at}";
        if (ConsensusMost is { } most) yield return $"consensus p = {most:0.##} %{at}";
        if (ConsensusFew is { } few) yield return $"consensus q = {few:0.##} %{at}";
    }
}

public static class RuleChanges
{
    /// <summary>
    /// The plan with the changes applied in order, or the problems that stop it: a round that does not exist,
    /// a change to a rule the round does not have, and anything the plan's own checks refuse (a threshold of
    /// 1.3, a top N of 0).
    /// </summary>
    public static (RoundPlan Plan, IReadOnlyList<string> Problems) Apply(RoundPlan plan,
        IReadOnlyCollection<string> categories, IEnumerable<RuleChange> changes)
    {
        var problems = new List<string>();
        var rounds = plan.Rounds.ToDictionary(r => r.Number);
        foreach (var change in changes)
        {
            if (change.Round is { } number && !rounds.ContainsKey(number))
            {
                problems.Add($"Round {number} does not exist: the plan has rounds {string.Join(", ", rounds.Keys)}.");
                continue;
            }
            var targets = change.Round is { } only ? [rounds[only]] : rounds.Values.ToList();
            var changedAny = false;
            foreach (var round in targets)
            {
                var (rules, applies, roundProblems) =
                    Change(round.Rules, change, explicitRound: change.Round is not null);
                problems.AddRange(roundProblems.Select(p => $"Round {round.Number}: {p}"));
                changedAny |= applies || roundProblems.Count > 0;
                rounds[round.Number] = round with { Rules = rules };
            }
            if (change.Round is null && !changedAny)
                problems.Add($"No round has a rule that the change '{change}' could change.");
        }
        var changed = plan with { Rounds = plan.Rounds.Select(r => rounds[r.Number]).ToList() };
        problems.AddRange(changed.Problems(categories));
        return (changed, problems);
    }

    /// <summary>
    /// The round's rules with the change applied, and whether any of the change applied to this round.
    /// </summary>
    private static (RoundRules Rules, bool Applies, IReadOnlyList<string> Problems) Change(RoundRules rules,
        RuleChange change, bool explicitRound)
    {
        var problems = new List<string>();
        var applies = change.Denominator is not null || change.Abstentions is not null || change.Ties is not null
            || change.Remainder is not null;
        if (change.EliminateBelow is { } below && (explicitRound || rules.Eliminate is not null))
        {
            rules = rules with { Eliminate = new EliminationRule(below) };
            applies = true;
        }

        if (change.AdvanceTopN is not null || change.AdvanceAtOrAbove is not null)
        {
            if (rules.Advance is { } advance)
            {
                rules = rules with { Advance =
                    advance with { TopN = change.AdvanceTopN, AtOrAbove = change.AdvanceAtOrAbove } };
                applies = true;
            }
            else if (explicitRound)
                problems.Add("it has no direct advance to change (and so no protocol level to advance to).");
        }

        if (change.SelectTopN is { } select)
        {
            if (rules.Select is { } selection)
            {
                rules = rules with { Select =
                    selection with { TopNPerCategory = selection.TopNPerCategory.Concat(select).GroupBy(kv => kv.Key)
                        .ToDictionary(g => g.Key, g => g.Last().Value) } };
                applies = true;
            }
            else if (explicitRound)
                problems.Add("it has no final selection to change (and so no protocol level to select into).");
        }

        if (change.ConsensusMost is not null || change.ConsensusFew is not null)
        {
            if (rules.Rating is { Consensus: { PercentInBand: { } band } definition } rating)
            {
                rules = rules with { Rating = rating with
                {
                    Consensus = Changed(definition, band, change.ConsensusMost, change.ConsensusFew),
                } };
                applies = true;
            }
            else if (explicitRound)
                problems.Add("it has no percent-in-band consensus definition to change.");
        }

        if (change.Denominator is { } denominator) rules = rules with { Denominator = denominator };
        if (change.Abstentions is { } abstentions) rules = rules with { Abstentions = abstentions };
        if (change.Ties is { } ties) rules = rules with { Ties = ties };
        if (change.Remainder is { } remainder) rules = rules with { Remainder = remainder };
        return (rules, applies, problems);
    }

    /// <summary>
    /// A definition with new p and q on both sides, named after the one it changes ("COMET 70/15 as 75/15") so that
    /// every decision it makes says so.
    /// </summary>
    private static ConsensusDefinition Changed(
        ConsensusDefinition definition, PercentInBand band, decimal? most, decimal? few)
    {
        BandConsensus Side(BandConsensus side) => new(
            most is { } p ? side.Most with { Percent = p } : side.Most,
            few is { } q && side.Few is { } f ? f with { Percent = q } : side.Few);
        var changed = new PercentInBand(Side(band.In), Side(band.Out));
        var original = definition.Name.Split(" as ")[0];
        var q = changed.In.Few is { } inFew ? $"/{inFew.Percent:0.##}" : "";
        return definition with { PercentInBand = changed, Name = $"{original} as {changed.In.Most.Percent:0.##}{q}" };
    }
}
