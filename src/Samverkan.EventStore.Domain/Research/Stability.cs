using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Domain.Research;

/// <summary>
/// One variant of a sweep: its rule changes, its core and how much that core overlaps the recorded one.
/// </summary>
public sealed record SweepVariant(string Name, IReadOnlyList<RuleChange> Changes, IReadOnlyList<int> Core,
    double Jaccard, int CoreMembersOnPolicy);

/// <summary>
/// How often an indicator reaches the core: in how many variants of a sweep, or replicates of a bootstrap.
/// </summary>
public sealed record CoreFrequency(int Indicator, string Category, bool InRecordedCore, int Times, int Of,
    int TimesOnPolicy)
{
    public double Share => Of == 0 ? 0 : (double)Times / Of;
}

public sealed record SweepResult(
    string CoreLevel, MissingBallotPolicy Policy, IReadOnlyList<int> RecordedCore, IReadOnlyList<SweepVariant> Variants,
    IReadOnlyList<CoreFrequency> Indicators);

public sealed record BootstrapResult(
    string CoreLevel, MissingBallotPolicy Policy, int Replicates, int Seed, int Voters, IReadOnlyList<int> RecordedCore,
    double MeanJaccard, IReadOnlyList<CoreFrequency> Indicators);

/// <summary>
/// How robust a conference's core is: a sweep over a grid of rule changes, and a bootstrap that resamples the
/// voters with replacement. Both are many reruns of the same <see cref="Rerun"/>.
/// </summary>
public static class Stability
{
    /// <summary>
    /// About five seconds of work on a 2-core machine for Sundbyholm 2014 (docs/research.md, Benchmarks).
    /// </summary>
    public const int MaxReplicates = 10_000;

    /// <summary>
    /// The variants of a grid: the cartesian product of its axes, each axis a list of alternative changes.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<RuleChange>> Grid(IReadOnlyList<IReadOnlyList<RuleChange>> axes) =>
        axes.Aggregate((IEnumerable<IReadOnlyList<RuleChange>>)[[]],
            (variants, axis) =>
                variants.SelectMany(v => axis.Select(change => (IReadOnlyList<RuleChange>)[.. v, change])))
            .ToList();

    /// <summary>
    /// Reruns every variant (checked first: one bad variant refuses the sweep with every problem named).
    /// </summary>
    public static SweepResult Sweep(Rerun rerun, IReadOnlyList<IReadOnlyList<RuleChange>> variants,
        MissingBallotPolicy policy)
    {
        var record = rerun.Record;
        var plans = variants.Select(v => (Changes: v, Applied: RuleChanges.Apply(record.Plan, record.Categories, v)))
            .ToList();
        var problems = plans.SelectMany(p =>
            p.Applied.Problems.Select(problem => $"Variant '{Name(p.Changes)}': {problem}")).Distinct().ToList();
        if (variants.Count == 0) problems.Add("The sweep has no variant.");
        CommandRejected.ThrowIfAny(problems, "invalid-sweep", "The sweep was not run");

        var recorded = rerun.Run(record.Plan, policy);
        var results = plans.Select(p => (p.Changes, Result: rerun.Run(p.Applied.Plan, policy))).ToList();
        var swept = results.Select(r => new SweepVariant(Name(r.Changes), r.Changes, r.Result.Core,
            Jaccard(recorded.Core, r.Result.Core), CoreOnPolicy(r.Result))).ToList();
        return new SweepResult(record.Plan.ProtocolLevels[^1], policy, recorded.Core, swept,
            Frequencies(recorded, results.Select(r => r.Result).ToList()));
    }

    /// <summary>
    /// Resamples the voters with replacement <paramref name="replicates"/> times (seeded, so the same seed gives the
    /// same answer) and reruns each replicate under <paramref name="plan"/>.
    /// </summary>
    public static BootstrapResult Bootstrap(Rerun rerun, RoundPlan plan, MissingBallotPolicy policy, int replicates,
        int seed)
    {
        if (replicates is < 1 or > MaxReplicates)
            throw CommandRejected.Invalid("invalid-bootstrap", "The bootstrap was not run",
                $"A bootstrap has 1 to {MaxReplicates} replicates, not {replicates}.");
        if (rerun.Voters.Count == 0)
            throw CommandRejected.Invalid("invalid-bootstrap", "The bootstrap was not run",
                "The conference has no ballots to resample.");

        var recorded = rerun.Run(plan, policy);
        var random = new Random(seed);
        var voters = rerun.Voters.Count;
        var results = new List<RerunResult>(replicates);
        for (var r = 0; r < replicates; r++)
        {
            var weights = new int[voters];
            for (var k = 0; k < voters; k++) weights[random.Next(voters)]++;
            results.Add(rerun.Run(plan, policy, weights));
        }
        return new BootstrapResult(plan.ProtocolLevels[^1], policy, replicates, seed, voters, recorded.Core,
            results.Average(r => Jaccard(recorded.Core, r.Core)), Frequencies(recorded, results));
    }

    /// <summary>The overlap of two cores: shared members over all members (1 when both are empty).</summary>
    public static double Jaccard(IReadOnlyCollection<int> a, IReadOnlyCollection<int> b)
    {
        var union = a.Union(b).Count();
        return union == 0 ? 1 : (double)a.Intersect(b).Count() / union;
    }

    private static int CoreOnPolicy(RerunResult result)
    {
        var onPolicy = result.Fates.Where(f => f.RestsOnPolicy).Select(f => f.Indicator).ToHashSet();
        return result.Core.Count(onPolicy.Contains);
    }

    private static IReadOnlyList<CoreFrequency> Frequencies(RerunResult recorded, IReadOnlyList<RerunResult> results)
    {
        var times = new Dictionary<int, (int Times, int OnPolicy)>();
        foreach (var result in results)
        {
            var onPolicy = result.Fates.Where(f => f.RestsOnPolicy).Select(f => f.Indicator).ToHashSet();
            foreach (var i in result.Core)
            {
                var (t, p) = times.GetValueOrDefault(i);
                times[i] = (t + 1, p + (onPolicy.Contains(i) ? 1 : 0));
            }
        }
        var core = recorded.Core.ToHashSet();
        return recorded.Fates
            .Where(f => core.Contains(f.Indicator) || times.ContainsKey(f.Indicator))
            .Select(f => new CoreFrequency(f.Indicator, f.Category, core.Contains(f.Indicator),
                times.GetValueOrDefault(f.Indicator).Times, results.Count,
                times.GetValueOrDefault(f.Indicator).OnPolicy))
            .OrderByDescending(f => f.Times).ThenBy(f => f.Indicator)
            .ToList();
    }

    private static string Name(IReadOnlyList<RuleChange> changes) =>
        changes.Count == 0 ? "recorded rules" : string.Join("; ", changes);
}
