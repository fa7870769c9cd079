using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Samverkan.EventStore.Application.Research;
using Samverkan.EventStore.Application.Sundbyholm;
using Samverkan.EventStore.Domain.Research;

// "store-size", "ingest" and "http" measure against the database (docs/performance.md); anything else goes to
// BenchmarkDotNet (docs/research.md).
if (args is ["store-size", ..]) return await StoreSize.RunAsync(args.Skip(1).Select(long.Parse).ToArray());
if (args is ["ingest"]) return await Ingest.RunAsync();
if (args is ["http"]) return await HttpIngest.RunAsync();
BenchmarkRunner.Run<ResearchBenchmarks>(args: args);
return 0;

/// <summary>
/// Reruns of Sundbyholm 2014 (137 indicators, 23 voters, 5 rounds, 5,382 ballots), in memory: the figures of
/// docs/research.md. A sweep and a bootstrap include checking their requests, as the API does.
/// </summary>
[MemoryDiagnoser]
public class ResearchBenchmarks
{
    private readonly Rerun _rerun = new(Sundbyholm2014.Record());
    private readonly ConferenceRecord _record = Sundbyholm2014.Record();

    /// <summary>50 elimination thresholds (0.20–0.69) × 20 process core sizes (1–20) = 1,000 variants.</summary>
    private readonly SweepRequest _sweep = new([
        new SweepAxis("eliminateBelow", From: 0.20m, To: 0.69m, Step: 0.01m),
        new SweepAxis("selectTopN", Round: 5, Category: "process", From: 1, To: 20),
    ]);

    [Benchmark(Description = "one rerun (recorded rules)")]
    public RerunResult OneRerun() => _rerun.Run(Sundbyholm2014.Plan, MissingBallotPolicy.Undetermined);

    [Benchmark(Description = "one what-if (40 % threshold, with diff)")]
    public WhatIfResult OneWhatIf() =>
        WhatIf.Run(_rerun, [new RuleChange(EliminateBelow: 0.4m)], MissingBallotPolicy.CarryForwardLastShare);

    [Benchmark(Description = "sweep of 1,000 variants")]
    public SweepResult Sweep() => Studies.Sweep(_record, _sweep);

    [Benchmark(Description = "bootstrap of 1,000 replicates")]
    public BootstrapResult Bootstrap() =>
        Studies.Bootstrap(_record, new BootstrapRequest(Replicates: 1000, Seed: 2014));
}
