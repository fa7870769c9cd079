namespace Samverkan.EventStore.Domain.Rounds.Rating;

/// <summary>What a consensus definition says of one indicator.</summary>
public enum ConsensusVerdict
{
    /// <summary>The panel agrees the indicator belongs (COMET "consensus in"; RAND/UCLA appropriate).</summary>
    ConsensusIn,
    /// <summary>The panel agrees it does not (COMET "consensus out"; RAND/UCLA inappropriate).</summary>
    ConsensusOut,
    /// <summary>Neither: rated again in the next round of its scope, or the round's remainder policy decides.</summary>
    NoConsensus,
}

/// <summary>The RAND/UCLA class of a median: 1–3, 4–6, 7–9 with the definition's bounds.</summary>
public enum Appropriateness
{
    Inappropriate,
    Uncertain,
    Appropriate,
}

/// <summary>One band condition as it was met: how many of N rated within the band, and whether it held.</summary>
public sealed record ConditionFigures(BandCondition Condition, int InBand, int Of, bool Holds)
{
    public Fraction? Percent => Of == 0 ? null : new Fraction(InBand * 100L, Of);

    public override string ToString() =>
        $"{InBand} of {Of} rated {Condition.Band} ({Percent?.ToString() ?? "–"} %; "
        + $"{BandCondition.Describe(Condition.Comparison)} {Condition.Percent:0.##} % {(Holds ? "holds" : "fails")})";
}

/// <summary>The figures of a percent-in-band definition in one scope.</summary>
public sealed record BandFigures(IReadOnlyList<ConditionFigures> In, IReadOnlyList<ConditionFigures> Out)
{
    public override string ToString() =>
        $"for consensus in {string.Join(" and ", In)}; for consensus out {string.Join(" and ", Out)}";
}

/// <summary>The figures of the RAND/UCLA method in one scope: median, P30, P70, IPR, IPRAS.</summary>
public sealed record RandUclaFigures(
    Fraction Median, Fraction P30, Fraction P70, Fraction Ipr, Fraction Ipras, Appropriateness MedianBand)
{
    /// <summary>Disagreement when IPR &gt; IPRAS (an IPR equal to the IPRAS is not disagreement).</summary>
    public bool Disagreement => Ipr > Ipras;

    public override string ToString() =>
        $"median {Median} ({MedianBand.ToString().ToLowerInvariant()}), P30 {P30}, P70 {P70}, "
        + $"IPR {Ipr} {(Disagreement ? ">" : "≤")} IPRAS {Ipras}: "
        + (Disagreement ? "disagreement" : "no disagreement");
}

/// <summary>
/// The figures of one scope, the whole panel (<see cref="Group"/> null) or one stakeholder group, and what the
/// definition says there. Exactly one of <see cref="Bands"/> and <see cref="RandUcla"/> is given when N &gt; 0.
/// </summary>
public sealed record ScopeFigures(
    string? Group, int Ratings, int Abstentions, ConsensusVerdict Verdict, BandFigures? Bands = null,
    RandUclaFigures? RandUcla = null)
{
    public override string ToString() =>
        $"In {(Group is null ? "the whole panel" : $"group {Group}")} "
        + $"({Ratings} ratings, {Abstentions} could not rate): "
        + (Bands?.ToString() ?? RandUcla?.ToString() ?? "no ratings on the scale")
        + $" → {Consensus.Describe(Verdict)}";
}

/// <summary>
/// A consensus decision for one indicator: the verdict, the definition that decided it and the figures it
/// decided on, in every scope it had to hold in. <see cref="ToString"/> is the audit trail's sentence.
/// </summary>
public sealed record ConsensusDecision(
    int Indicator, ConsensusVerdict Verdict, ConsensusDefinition Definition, IReadOnlyList<ScopeFigures> Figures)
{
    public override string ToString()
    {
        var where = Definition.Groups == GroupRequirement.EveryGroup
            ? $"in the whole panel and in every group shown (at least {Definition.MinimumGroupSize} raters)"
            : "in the whole panel";
        return $"Indicator {Indicator}: {Consensus.Describe(Verdict)} by {Definition.Name}, which must hold {where}. "
            + string.Join(" ", Figures.Select(f => $"{f}."));
    }
}

/// <summary>
/// The one evaluation of consensus definitions: pure, over an indicator's distributions. Live closing, feedback,
/// reruns and sweeps are to call it, so a definition means the same everywhere.
/// </summary>
public static class Consensus
{
    private static readonly Fraction P30 = new(3, 10), P70 = new(7, 10);

    /// <summary>
    /// The verdict for one indicator. Where the definition must hold in every group, the verdict is consensus in
    /// (out) only when it is in (out) in the whole panel and in every group shown
    /// (<see cref="ItemRatings.ShownGroups"/>: at least k raters); otherwise there is no consensus. A group not shown
    /// is not required; its voters are in the panel's figures.
    /// </summary>
    public static ConsensusDecision Evaluate(ConsensusDefinition definition, ItemRatings item)
    {
        var groups = definition.Groups == GroupRequirement.EveryGroup
            ? item.ShownGroups(definition.MinimumGroupSize)
            : [];
        List<ScopeFigures> figures =
            [Scope(definition, null, item.Panel), .. groups.Select(g => Scope(definition, g.Group, g.Ratings))];
        var verdicts = figures.Select(f => f.Verdict).Distinct().ToList();
        return new ConsensusDecision(item.Indicator,
            verdicts.Count == 1 ? verdicts[0] : ConsensusVerdict.NoConsensus, definition, figures);
    }

    /// <summary>The RAND/UCLA figures of a distribution; none without ratings.</summary>
    public static RandUclaFigures? RandUclaFiguresOf(RandUcla rand, RatingDistribution ratings)
    {
        if (ratings.Median is not { } median) return null;
        var (p30, p70) = (ratings.Percentile(P30)!.Value, ratings.Percentile(P70)!.Value);
        var asymmetry = (RandUcla.Centre - (p30 + p70) / 2).Abs();
        var ipras = Fraction.Of(rand.SymmetricIpr) + Fraction.Of(rand.AsymmetryFactor) * asymmetry;
        var band = median <= Fraction.Of(rand.InappropriateUpTo) ? Appropriateness.Inappropriate
            : median >= Fraction.Of(rand.AppropriateFrom) ? Appropriateness.Appropriate
            : Appropriateness.Uncertain;
        return new RandUclaFigures(median, p30, p70, p70 - p30, ipras, band);
    }

    internal static string Describe(ConsensusVerdict verdict) => verdict switch
    {
        ConsensusVerdict.ConsensusIn => "consensus in",
        ConsensusVerdict.ConsensusOut => "consensus out",
        ConsensusVerdict.NoConsensus => "no consensus",
        _ => verdict.ToString(),
    };

    private static ScopeFigures Scope(ConsensusDefinition definition, string? group, RatingDistribution ratings)
    {
        var scope = new ScopeFigures(group, ratings.N, ratings.Abstentions, ConsensusVerdict.NoConsensus);
        if (definition.PercentInBand is { } band)
        {
            var figures = new BandFigures(Conditions(band.In, ratings), Conditions(band.Out, ratings));
            bool inHolds = figures.In.All(c => c.Holds), outHolds = figures.Out.All(c => c.Holds);
            // A definition that lets both hold at once says nothing of this indicator.
            var verdict = (inHolds, outHolds) switch
            {
                (true, false) => ConsensusVerdict.ConsensusIn,
                (false, true) => ConsensusVerdict.ConsensusOut,
                _ => ConsensusVerdict.NoConsensus,
            };
            return scope with { Verdict = verdict, Bands = figures };
        }
        if (definition.RandUcla is { } rand && RandUclaFiguresOf(rand, ratings) is { } rated)
        {
            var verdict = (rated.MedianBand, rated.Disagreement) switch
            {
                (Appropriateness.Appropriate, false) => ConsensusVerdict.ConsensusIn,
                (Appropriateness.Inappropriate, false) => ConsensusVerdict.ConsensusOut,
                _ => ConsensusVerdict.NoConsensus,
            };
            return scope with { Verdict = verdict, RandUcla = rated };
        }
        return scope;
    }

    private static List<ConditionFigures> Conditions(BandConsensus side, RatingDistribution ratings) =>
        side.Conditions.Select(c =>
        {
            var inBand = ratings.InBand(c.Band);
            return new ConditionFigures(c, inBand, ratings.N, c.Holds(inBand, ratings.N));
        }).ToList();
}
