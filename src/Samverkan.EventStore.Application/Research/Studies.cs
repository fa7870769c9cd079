using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Research;

namespace Samverkan.EventStore.Application.Research;

/// <summary>
/// A what-if rerun. <see cref="Conference"/> (a conference file) and <see cref="BallotsCsv"/> are for a conference
/// that is not in the store; given for a stored one, the CSV's ballots replace the recorded ones of its rounds.
/// </summary>
public sealed record RerunRequest(
    IReadOnlyList<RuleChange>? Changes = null, MissingBallotPolicy MissingBallots = MissingBallotPolicy.Undetermined,
    ConferenceFile? Conference = null, string? BallotsCsv = null);

/// <summary>
/// A sweep over a grid: every combination of the axes' values, each applied on top of <see cref="Changes"/>.
/// </summary>
public sealed record SweepRequest(
    IReadOnlyList<SweepAxis> Axes, IReadOnlyList<RuleChange>? Changes = null,
    MissingBallotPolicy MissingBallots = MissingBallotPolicy.Undetermined,
    ConferenceFile? Conference = null, string? BallotsCsv = null);

/// <summary>A bootstrap over voters, under the recorded rules with <see cref="Changes"/> applied.</summary>
public sealed record BootstrapRequest(
    int Replicates = 1000, int Seed = 2014, IReadOnlyList<RuleChange>? Changes = null,
    MissingBallotPolicy MissingBallots = MissingBallotPolicy.Undetermined, ConferenceFile? Conference = null,
    string? BallotsCsv = null);

/// <summary>
/// One axis of a sweep: a rule (<c>eliminateBelow</c>, <c>advanceTopN</c>, <c>advanceAtOrAbove</c>,
/// <c>selectTopN</c> with a category, or a rating round's percent-in-band <c>consensusMost</c> (p) or
/// <c>consensusFew</c> (q)), in one round or every round that has it, over explicit values or from/to/step.
/// </summary>
public sealed record SweepAxis(
    string Rule, int? Round = null, string? Category = null, decimal? From = null, decimal? To = null,
    decimal? Step = null,
    IReadOnlyList<decimal>? Values = null)
{
    public const int MaxValues = 10_000;

    public (IReadOnlyList<RuleChange> Changes, IReadOnlyList<string> Problems) Expand()
    {
        try
        {
            return ExpandChecked();
        }
        catch (OverflowException)
        {
            return ([], [$"The '{Rule}' axis has values or a step out of range."]);
        }
    }

    private (IReadOnlyList<RuleChange> Changes, IReadOnlyList<string> Problems) ExpandChecked()
    {
        var problems = new List<string>();
        var values = Values?.ToList() ?? [];
        if ((Values is null) == (From is null || To is null))
            problems.Add($"The '{Rule}' axis needs either values or from and to, and not both.");
        else if (Values is null)
        {
            var step = Step ?? (Rule is "advanceTopN" or "selectTopN" ? 1m : 0m);
            if (step <= 0) problems.Add($"The '{Rule}' axis needs a positive step.");
            else if (To!.Value - From!.Value >= MaxValues * step) problems.Add($"The '{Rule}' axis has more than " +
                $"{MaxValues} values.");
            else for (var v = From!.Value; v <= To!.Value; v += step) values.Add(v);
        }
        if (values.Count == 0 && problems.Count == 0) problems.Add($"The '{Rule}' axis has no value.");
        var whole = Rule is "advanceTopN" or "selectTopN";
        if (whole && values.Any(v => v != decimal.Truncate(v) || v is < 0 or > MaxValues))
            problems.Add($"The '{Rule}' axis takes whole numbers from 0 to {MaxValues} only.");
        if (Rule == "selectTopN" && string.IsNullOrWhiteSpace(Category))
            problems.Add("The 'selectTopN' axis names the category it selects from.");

        Func<decimal, RuleChange>? change = Rule switch
        {
            "eliminateBelow" => v => new RuleChange(Round, EliminateBelow: v),
            "advanceTopN" => v => new RuleChange(Round, AdvanceTopN: (int)v),
            "advanceAtOrAbove" => v => new RuleChange(Round, AdvanceAtOrAbove: v),
            "consensusMost" => v => new RuleChange(Round, ConsensusMost: v),
            "consensusFew" => v => new RuleChange(Round, ConsensusFew: v),
            "selectTopN" => v =>
                new RuleChange(Round, SelectTopN: new Dictionary<string, int> { [Category ?? ""] = (int)v }),
            _ => null,
        };
        if (change is null)
            problems.Add($"'{Rule}' is not a rule a sweep can vary: use eliminateBelow, advanceTopN, " +
                "advanceAtOrAbove, selectTopN, consensusMost or consensusFew.");
        return problems.Count > 0 || change is null ? ([], problems) : (values.Select(change).ToList(), problems);
    }
}

/// <summary>The studies researchers run on a record: the request checked, then the pure domain code.</summary>
public static class Studies
{
    public const int MaxSweepVariants = 10_000;

    /// <summary>
    /// The record to study: the stored one, or the request's conference file; a ballots CSV replaces the ballots it
    /// holds.
    /// </summary>
    public static ConferenceRecord Record(ConferenceRecord? stored, ConferenceFile? file, string? ballotsCsv)
    {
        if (stored is not null && file is not null)
            throw CommandRejected.Invalid("unexpected-conference-file", "Two conferences to study",
                "This endpoint studies a stored conference; post a conference file to /api/research/… instead.");
        var record = stored ?? file?.ToRecord()
            ?? throw CommandRejected.Invalid("missing-conference", "No conference to study",
                "Give a conference file in 'conference' (format samverkan-conference, version 1), or study a stored " +
                "conference at /api/conferences/{id}/research/….");
        if (ballotsCsv is null) return record;
        var withBallots = record.WithBallots(BallotsCsv.Read(ballotsCsv));
        CommandRejected.ThrowIfAny(withBallots.Problems(), "invalid-ballots-csv",
            "The ballots CSV does not fit the conference");
        return withBallots;
    }

    public static WhatIfResult Rerun(ConferenceRecord record, RerunRequest request) =>
        WhatIf.Run(new Rerun(record), request.Changes ?? [], request.MissingBallots);

    public static SweepResult Sweep(ConferenceRecord record, SweepRequest request)
    {
        var axes = request.Axes.Select(a => a.Expand()).ToList();
        var problems = axes.SelectMany(a => a.Problems).ToList();
        if (request.Axes.Count == 0) problems.Add("The sweep names no axis.");
        // Saturating: 64 axes of two values must not wrap around to a small number.
        var size = axes.Aggregate(1L, (n, a) => Math.Min(n * Math.Max(1, a.Changes.Count), MaxSweepVariants + 1L));
        if (size > MaxSweepVariants)
            problems.Add($"The grid has {size} variants; a sweep runs at most {MaxSweepVariants}.");
        CommandRejected.ThrowIfAny(problems, "invalid-sweep", "The sweep was not run");

        var variants = Stability.Grid(axes.Select(a => a.Changes).ToList())
            .Select(v => (IReadOnlyList<RuleChange>)[.. request.Changes ?? [], .. v])
            .ToList();
        return Stability.Sweep(new Rerun(record), variants, request.MissingBallots);
    }

    public static BootstrapResult Bootstrap(ConferenceRecord record, BootstrapRequest request)
    {
        var (plan, problems) = RuleChanges.Apply(record.Plan, record.Categories, request.Changes ?? []);
        CommandRejected.ThrowIfAny(problems, "invalid-rules", "The bootstrap was not run");
        return Stability.Bootstrap(new Rerun(record), plan, request.MissingBallots, request.Replicates, request.Seed);
    }
}
