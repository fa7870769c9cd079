using System.Collections.Concurrent;
using System.Diagnostics;

/// <summary>
/// What the ingest benchmarks share: a conference of 200 voters and 137 indicators, the work they send, and how it
/// is timed and printed (ballots per second, p50 and p99 of the requests).
/// </summary>
public static class Load
{
    public const int Voters = 200;
    public const int Indicators = 137;
    public const int SinglesPerVoter = 20;

    /// <summary>137 process indicators, as a CSV catalog.</summary>
    public static readonly string Catalog = "number,text,category\n" +
        string.Concat(Enumerable.Range(1, Indicators).Select(i => $"{i},Indicator {i},process\n"));

    /// <summary>Single ballots: every voter on the first indicators (20 unless told), indicator by indicator.
    /// </summary>
    public static List<(string Voter, int Indicator)> Singles(IReadOnlyList<string> voters,
        int perVoter = SinglesPerVoter) =>
        Enumerable.Range(1, perVoter).SelectMany(i => voters.Select(v => (v, i))).ToList();

    /// <summary>One piece of work per voter, for ballot sheets.</summary>
    public static List<(string Voter, int Indicator)> Sheets(IReadOnlyList<string> voters) =>
        voters.Select(v => (v, 0)).ToList();

    public static void PrintHeader()
    {
        Console.WriteLine("| path | in flight | ballots | ballots/s | p50 | p99 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    }

    /// <summary>Runs the requests with at most <paramref name="inFlight"/> at once and prints their rate.</summary>
    public static async Task Report(string path, int inFlight, IReadOnlyList<(string Voter, int Indicator)> work,
        Func<string, int, Task> send, int ballotsPerRequest = 1) =>
        Print(path, inFlight, work.Count * ballotsPerRequest, await TimeAsync(Shared(inFlight, work), send));

    /// <summary>
    /// Every voter sends their ballots one at a time, all voters at once (one request in flight per voter), as a
    /// room of phones does; prints the rate.
    /// </summary>
    public static async Task ReportPerVoter(string path, IReadOnlyList<(string Voter, int Indicator)> work,
        Func<string, int, Task> send)
    {
        var lanes = work.GroupBy(w => w.Voter).Select(v => new ConcurrentQueue<(string, int)>(v)).ToList();
        Print(path, lanes.Count, work.Count, await TimeAsync(lanes, send));
    }

    /// <summary>Runs the requests with at most <paramref name="inFlight"/> at once, unmeasured: a warm-up, a load.
    /// </summary>
    public static Task SendAsync(int inFlight, IReadOnlyList<(string Voter, int Indicator)> work,
        Func<string, int, Task> send) =>
        TimeAsync(Shared(inFlight, work), send);

    /// <summary>Lanes that share one queue: whichever worker is free takes the next request.</summary>
    private static List<ConcurrentQueue<(string, int)>> Shared(int inFlight, IEnumerable<(string, int)> work) =>
        Enumerable.Repeat(new ConcurrentQueue<(string, int)>(work), inFlight).ToList();

    /// <summary>One worker per lane, each taking the next request from its lane until every lane is empty.</summary>
    private static async Task<(double Seconds, double[] Sorted)> TimeAsync(
        IReadOnlyList<ConcurrentQueue<(string, int)>> lanes, Func<string, int, Task> send)
    {
        // A thread for each lane from the start: the pool adds threads slowly, and a run of a second or two would
        // otherwise measure the client's pool growing rather than the path.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, lanes.Count + 8), Math.Max(io, lanes.Count + 8));
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(lanes.Select(async lane =>
        {
            while (lane.TryDequeue(out var next))
            {
                var started = Stopwatch.GetTimestamp();
                await send(next.Item1, next.Item2);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return (clock.Elapsed.TotalSeconds, latencies.Order().ToArray());
    }

    private static void Print(string path, int inFlight, int ballots, (double Seconds, double[] Sorted) timed) =>
        Console.WriteLine($"| {path} | {inFlight} | {ballots:N0} | {ballots / timed.Seconds:N0} | " +
                          $"{timed.Sorted[timed.Sorted.Length / 2]:F1} ms | " +
                          $"{timed.Sorted[(int)(timed.Sorted.Length * 0.99)]:F1} ms |");
}
