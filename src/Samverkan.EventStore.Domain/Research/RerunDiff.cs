using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Domain.Research;

/// <summary>
/// How an indicator's path differs between the recorded outcome and a rerun: the first round where its
/// decisions part, both decisions with their tallies and rules, and whether its final fate changed.
/// </summary>
public sealed record PathChange(
    int Indicator, string Category, bool FateChanged, IndicatorFate Recorded, IndicatorFate Rerun, int Round,
    RerunDecision? RecordedDecision, RerunDecision? RerunDecision, string Why);

/// <summary>The members a protocol level gains and loses in a rerun.</summary>
public sealed record ProtocolChange(string Level, IReadOnlyList<int> Added, IReadOnlyList<int> Removed);

public sealed record RerunDiff(IReadOnlyList<PathChange> Changes, IReadOnlyList<ProtocolChange> Protocols)
{
    /// <summary>
    /// Compares a rerun with the recorded outcome (a rerun under the recorded rules, which reproduces it).
    /// </summary>
    public static RerunDiff Of(RerunResult recorded, RerunResult rerun)
    {
        var before = Decisions(recorded);
        var after = Decisions(rerun);
        var rounds = recorded.Plan.Rounds.Select(r => r.Number).ToList();
        var fatesAfter = rerun.Fates.ToDictionary(f => f.Indicator);
        var changes = new List<PathChange>();
        foreach (var fate in recorded.Fates)
        {
            var other = fatesAfter[fate.Indicator];
            foreach (var round in rounds)
            {
                var b = before.GetValueOrDefault((round, fate.Indicator));
                var a = after.GetValueOrDefault((round, fate.Indicator));
                // The same outcome resting on the policy is no change of path; the fate's RestsOnPolicy says so.
                if (b?.Outcome == a?.Outcome && (b is null) == (a is null)) continue;
                var fateChanged = (fate.Kind, fate.Level) != (other.Kind, other.Level);
                changes.Add(new PathChange(fate.Indicator, fate.Category, fateChanged, fate, other, round, b, a,
                    $"Round {round}: recorded {Describe(b)}; rerun {Describe(a)}."));
                break;
            }
        }
        var protocols = recorded.Plan.ProtocolLevels.Select(level => new ProtocolChange(level,
            rerun.Protocols[level].Except(recorded.Protocols[level]).Order().ToList(),
            recorded.Protocols[level].Except(rerun.Protocols[level]).Order().ToList())).ToList();
        return new RerunDiff(changes.OrderByDescending(c => c.FateChanged).ThenBy(c => c.Round).ThenBy(c => c.Indicator)
            .ToList(), protocols);
    }

    private static Dictionary<(int Round, int Indicator), RerunDecision> Decisions(RerunResult result) =>
        result.Rounds.SelectMany(r => r.Decisions.Select(d => (r.Number, d)))
            .ToDictionary(x => (x.Number, x.d.Indicator), x => x.d);

    private static string Describe(Rounds.Outcome outcome) => outcome.Kind switch
    {
        Rounds.OutcomeKind.Advanced => $"advanced to {outcome.Level}",
        Rounds.OutcomeKind.CarriedOver => "carried over",
        Rounds.OutcomeKind.Eliminated => "eliminated",
        _ => "retained",
    };

    /// <summary>
    /// One decision in words: its tally, outcome and rule, and what it rests on if not its own ballots.
    /// </summary>
    public static string Describe(RerunDecision? d)
    {
        if (d is null) return "not voted on";
        // A rating round's yes are the ratings in its definition's band.
        var yes = d.Rule?.Consensus is null ? "yes" : "rated in the band";
        var tally = d.Tally is { } t
            ? $"{t.Yes} of {t.Denominator} {yes} ({Percent.OneDecimal(t.Share)})" : "no tally";
        var outcome = d.Outcome is { } o ? $"{Describe(o)}, {d.Rule!.Describe()}" : "undetermined";
        var basis = d.Basis switch
        {
            DecisionBasis.CarriedForwardShare => " [no ballots: last observed share carried forward]",
            DecisionBasis.RankedAmongImputed => " [ranked among indicators without ballots]",
            _ => "",
        };
        return $"{tally}, {outcome}{(d.Note is null ? "" : $" ({d.Note})")}{basis}";
    }
}
