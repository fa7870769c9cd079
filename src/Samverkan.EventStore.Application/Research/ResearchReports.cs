using System.Globalization;
using System.Text;
using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Application.Research;

/// <summary>
/// Research answers as readable tables (Markdown, so they read in a terminal and paste into docs) and as tidy CSV:
/// one row per ballot, per tally or per decision, with a header, ready for R's read.csv or pandas' read_csv.
/// </summary>
public static class ResearchReports
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Table(WhatIfResult result)
    {
        var text = new StringBuilder();
        var changes = result.Changes.Count == 0 ? "the recorded rules" : string.Join("; ", result.Changes);
        text.Append($"Rerun with {changes}; missing ballots: {result.Rerun.Policy}.\n");
        if (result.ReproducesRecord is { } reproduces)
            text.Append($"Under the recorded rules the rerun {(reproduces ? "reproduces" : "does NOT reproduce")} " +
                "the recorded decisions.\n");
        text.Append("\n| protocol | recorded | rerun | added | removed |\n|---|---:|---:|---|---|\n");
        foreach (var p in result.Diff.Protocols)
            text.Append($"| {p.Level} | {result.Recorded.Protocols[p.Level].Count} | " +
                $"{result.Rerun.Protocols[p.Level].Count} | {List(p.Added)} | {List(p.Removed)} |\n");

        var fates = result.Diff.Changes.Where(c => c.FateChanged).ToList();
        text.Append($"\n{fates.Count} indicator(s) change fate:\n\n| indicator | category | recorded | rerun | round " +
            "| why |\n|---:|---|---|---|---:|---|\n");
        foreach (var c in fates)
            text.Append($"| {c.Indicator} | {c.Category} | {c.Recorded} | " +
                $"{c.Rerun}{(c.Rerun.RestsOnPolicy ? " *" : "")} | {c.Round} | {c.Why} |\n");
        var paths = result.Diff.Changes.Where(c => !c.FateChanged).ToList();
        if (paths.Count > 0)
            text.Append($"\n{paths.Count} more reach the same fate in another round: " +
                $"{List(paths.Select(c => c.Indicator))}.\n");
        if (result.Rerun.Fates.Any(f => f.RestsOnPolicy))
            text.Append($"\n* rests on the missing-ballot policy ({result.Rerun.Policy}): indicators " +
                $"{List(result.Rerun.Fates.Where(f => f.RestsOnPolicy).Select(f => f.Indicator))}.\n");
        return text.ToString();
    }

    public static string Table(SweepResult result, int top = 40)
    {
        var text = new StringBuilder(
            $"Sweep of {result.Variants.Count} variant(s); missing ballots: {result.Policy}; " +
            $"core = {result.CoreLevel} ({result.RecordedCore.Count} recorded).\n");
        text.Append("\n| variant | core | Jaccard with recorded | on policy |\n|---|---:|---:|---:|\n");
        foreach (var v in result.Variants.Take(top))
            text.Append($"| {v.Name} | {v.Core.Count} | {v.Jaccard.ToString("0.00", Invariant)} | " +
                $"{v.CoreMembersOnPolicy} |\n");
        if (result.Variants.Count > top) text.Append($"| … {result.Variants.Count - top} more | | | |\n");
        text.Append(Frequencies(result.Indicators, "variants"));
        return text.ToString();
    }

    public static string Table(BootstrapResult result)
    {
        var text = new StringBuilder(
            $"Bootstrap: {result.Replicates} replicates of {result.Voters} voters resampled with replacement " +
            $"(seed {result.Seed}); " +
            $"missing ballots: {result.Policy}; core = {result.CoreLevel}; mean Jaccard with the recorded core " +
            $"{result.MeanJaccard.ToString("0.00", Invariant)}.\n");
        text.Append(Frequencies(result.Indicators, "replicates"));
        return text.ToString();
    }

    private static string Frequencies(IReadOnlyList<CoreFrequency> indicators, string of)
    {
        var text =
            new StringBuilder($"\n| indicator | category | in recorded core | in core ({of}) | share | of which on " +
                "policy |\n|---:|---|---|---:|---:|---:|\n");
        foreach (var i in indicators)
            text.Append($"| {i.Indicator} | {i.Category} | {(i.InRecordedCore ? "yes" : "")} | {i.Times} of {i.Of} | " +
                $"{i.Share.ToString("0.000", Invariant)} | {i.TimesOnPolicy} |\n");
        return text.ToString();
    }

    /// <summary>One row per ballot, in the order the record holds them (from the store: voter, indicator).</summary>
    public static string BallotsCsv(ConferenceRecord record)
    {
        var categories = record.Catalog.ToDictionary(i => i.Number, i => i.Category);
        var text = new StringBuilder("round,order,voter,indicator,category,answer,rating,group\n");
        foreach (var round in record.Rounds)
            for (var k = 0; k < round.Ballots.Count; k++)
            {
                var b = round.Ballots[k];
                Row(text, round.Number, k + 1, b.Voter, b.Indicator, categories[b.Indicator],
                    b.Answer.ToString().ToLowerInvariant(), b.Rating, b.Group);
            }
        return text.ToString();
    }

    /// <summary>One row per indicator and round as recorded: its tally, share and rank.</summary>
    public static string TalliesCsv(ConferenceRecord record)
    {
        var text =
            new StringBuilder("round,indicator,category,yes,no,abstain,denominator,share,rank,rank_in_category\n");
        foreach (var round in record.Rounds)
        foreach (var d in (round.Decisions ?? []).OrderBy(d => d.Indicator))
            Row(text, round.Number, d.Indicator, d.Category, d.Tally.Yes, d.Tally.No, d.Tally.Abstain,
                d.Tally.Denominator, d.Tally.Share, d.Rank, d.RankInCategory);
        return text.ToString();
    }

    /// <summary>One row per decision as recorded.</summary>
    public static string DecisionsCsv(ConferenceRecord record) => DecisionsCsv(
        record.Rounds.SelectMany(r => (r.Decisions ?? []).Select(d => ("recorded", r.Number,
            new RerunDecision(d.Indicator, d.Category, d.Tally, d.Rank, d.Outcome, d.Rule, DecisionBasis.Ballots)))));

    /// <summary>
    /// One row per decision of the recorded outcome and of the rerun, told apart by the first column.
    /// </summary>
    public static string DecisionsCsv(WhatIfResult result) => DecisionsCsv(
        Rows("recorded", result.Recorded).Concat(Rows("rerun", result.Rerun)));

    /// <summary>One row per variant and core member (long form); Jaccard and core size repeat on each row.</summary>
    public static string Csv(SweepResult result)
    {
        var text = new StringBuilder("variant,name,core_size,jaccard,indicator,in_recorded_core\n");
        var recorded = result.RecordedCore.ToHashSet();
        for (var v = 0; v < result.Variants.Count; v++)
        {
            var variant = result.Variants[v];
            foreach (var i in variant.Core)
                Row(text, v + 1, variant.Name, variant.Core.Count, variant.Jaccard, i, recorded.Contains(i));
        }
        return text.ToString();
    }

    public static string Csv(BootstrapResult result)
    {
        var text =
            new StringBuilder("indicator,category,in_recorded_core,times_in_core,replicates,share,times_on_policy," +
                "seed,policy\n");
        foreach (var i in result.Indicators)
            Row(text, i.Indicator, i.Category, i.InRecordedCore, i.Times, i.Of, i.Share, i.TimesOnPolicy, result.Seed,
                result.Policy);
        return text.ToString();
    }

    private static IEnumerable<(string Run, int Round, RerunDecision Decision)> Rows(string run, RerunResult result) =>
        result.Rounds.SelectMany(r => r.Decisions.OrderBy(d => d.Indicator).Select(d => (run, r.Number, d)));

    private static string DecisionsCsv(IEnumerable<(string Run, int Round, RerunDecision Decision)> rows)
    {
        var text =
            new StringBuilder("run,round,indicator,category,yes,no,abstain,denominator,share,rank,outcome,level,rule," +
                "threshold,top_n,basis,note,consensus,definition\n");
        foreach (var (run, round, d) in rows)
            Row(text, run, round, d.Indicator, d.Category, d.Tally?.Yes, d.Tally?.No, d.Tally?.Abstain,
                d.Tally?.Denominator, d.Tally?.Share, d.Rank,
                d.Outcome?.Kind.ToString().ToLowerInvariant() ?? "undetermined", d.Outcome?.Level, Snake(d.Rule?.Kind),
                d.Rule?.Threshold, d.Rule?.TopN,
                Snake((DecisionBasis?)d.Basis), d.Note ?? d.Rule?.TieSettlement, Snake(d.Rule?.Consensus?.Verdict),
                d.Rule?.Consensus?.Definition.Name);
        return text.ToString();
    }

    private static string? Snake<T>(T? value) where T : struct, Enum =>
        value is { } v ? Naming.Separated(v.ToString(), '_') : null;

    private static void Row(StringBuilder text, params object?[] fields) =>
        text.Append(string.Join(',', fields.Select(Field))).Append('\n');

    /// <summary>
    /// A CSV field: numbers in invariant culture, booleans as true/false, text as
    /// <see cref="Conferences.Csv.Field"/> writes it.
    /// </summary>
    private static string Field(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, Invariant),
        _ => Conferences.Csv.Field(value.ToString() ?? ""),
    };

    private static string List(IEnumerable<int> numbers) => numbers.Any() ? string.Join(", ", numbers) : "–";
}
