namespace Samverkan.EventStore.Domain.Research;

/// <summary>
/// A what-if rerun: the recorded outcome, the outcome under the changed rules, and the diff between them.
/// <see cref="ReproducesRecord"/> says whether a rerun under the recorded rules gave exactly the decisions the
/// record holds (null for a record without recorded decisions, such as a file of ballots only).
/// </summary>
public sealed record WhatIfResult(
    IReadOnlyList<RuleChange> Changes, RerunResult Recorded, RerunResult Rerun, RerunDiff Diff, bool? ReproducesRecord);

public static class WhatIf
{
    public static WhatIfResult Run(Rerun rerun, IReadOnlyList<RuleChange> changes, MissingBallotPolicy policy)
    {
        var record = rerun.Record;
        var (plan, problems) = RuleChanges.Apply(record.Plan, record.Categories, changes);
        CommandRejected.ThrowIfAny(problems, "invalid-rules", "The rerun was not run");
        var recorded = rerun.Run(record.Plan, policy);
        var changed = rerun.Run(plan, policy);
        return new WhatIfResult(changes, recorded, changed, RerunDiff.Of(recorded, changed),
            Reproduces(record, recorded));
    }

    /// <summary>
    /// Whether a rerun has exactly the record's decisions: each round's outcome, rule, tally and rank of every
    /// indicator. Null when the record holds no decisions to compare with.
    /// </summary>
    public static bool? Reproduces(ConferenceRecord record, RerunResult rerun)
    {
        if (record.Rounds.Count == 0 || record.Rounds.Any(r => r.Decisions is null)) return null;
        var held = rerun.Rounds.Where(r => r.Held).ToDictionary(r => r.Number);
        return record.Rounds.All(recorded =>
            held.TryGetValue(recorded.Number, out var round)
            && round.Decisions.Count == recorded.Decisions!.Count
            && recorded.Decisions!.All(d => round.Decisions.Any(r =>
                r.Indicator == d.Indicator && r.Basis == DecisionBasis.Ballots && r.Outcome == d.Outcome
                    && r.Rule == d.Rule
                && r.Tally == d.Tally && r.Rank == d.Rank)));
    }
}
