namespace Samverkan.EventStore.Domain.Rounds.Rating;

/// <summary>How a share is compared with a percentage: the &lt; / ≤ choice, explicit at every bound.</summary>
public enum Comparison
{
    /// <summary>≥: "at least 70 %".</summary>
    AtLeast,
    /// <summary>&gt;: "more than 70 %".</summary>
    MoreThan,
    /// <summary>≤: "at most 15 %".</summary>
    AtMost,
    /// <summary>&lt;: "less than 15 %" (COMET's "under 15 %").</summary>
    LessThan,
}

/// <summary>
/// "At least 70 % rate 7–9": the share of the ratings (on the scale; abstentions are not in it) within a band,
/// compared with a percentage. Compared exactly: in band · 100 against percent · N, never in floating point.
/// </summary>
public sealed record BandCondition(RatingBand Band, Comparison Comparison, decimal Percent)
{
    /// <summary>Whether the condition holds for a count in the band out of N ratings; never without ratings.</summary>
    public bool Holds(int inBand, int n)
    {
        if (n == 0) return false;
        var share = new Fraction(inBand * 100L, n);
        var percent = Fraction.Of(Percent);
        return Comparison switch
        {
            Comparison.AtLeast => share >= percent,
            Comparison.MoreThan => share > percent,
            Comparison.AtMost => share <= percent,
            Comparison.LessThan => share < percent,
            _ => throw new ArgumentOutOfRangeException(nameof(Comparison), Comparison, "Not a comparison."),
        };
    }

    public override string ToString() => $"{Describe(Comparison)} {Percent:0.##} % rate {Band}";

    internal static string Describe(Comparison comparison) => comparison switch
    {
        Comparison.AtLeast => "at least",
        Comparison.MoreThan => "more than",
        Comparison.AtMost => "at most",
        Comparison.LessThan => "less than",
        _ => comparison.ToString(),
    };
}

/// <summary>
/// One side of a percent-in-band definition: many rate within one band (<see cref="Most"/>, ≥ or &gt;) and, if
/// given, few within another (<see cref="Few"/>, ≤ or &lt;). Both must hold.
/// </summary>
public sealed record BandConsensus(BandCondition Most, BandCondition? Few = null)
{
    public IEnumerable<BandCondition> Conditions => Few is null ? [Most] : [Most, Few];
}

/// <summary>
/// Consensus by percent in a band (COMET, Williamson et al.; most of the definitions Diamond et al. 2014 found):
/// "consensus in" when <see cref="In"/> holds and <see cref="Out"/> does not, "consensus out" the other way round.
/// </summary>
public sealed record PercentInBand(BandConsensus In, BandConsensus Out)
{
    /// <summary>
    /// COMET's definition on the 1–9 scale: in when at least p % rate 7–9 and less than q % rate 1–3; out when at
    /// least p % rate 1–3 and less than q % rate 7–9. COMET's own is 70/15.
    /// </summary>
    public static PercentInBand Comet(decimal most = 70m, decimal few = 15m)
    {
        RatingBand critical = new(7, 9), notImportant = new(1, 3);
        return new PercentInBand(
            new BandConsensus(new BandCondition(critical, Comparison.AtLeast, most),
                new BandCondition(notImportant, Comparison.LessThan, few)),
            new BandConsensus(new BandCondition(notImportant, Comparison.AtLeast, most),
                new BandCondition(critical, Comparison.LessThan, few)));
    }
}

/// <summary>
/// The RAND/UCLA appropriateness method (Fitch et al. 2001) on the 1–9 scale: the panel median's band (1–3
/// inappropriate, 4–6 uncertain, 7–9 appropriate) and disagreement by the interpercentile range adjusted for
/// symmetry: IPR = P70 − P30, IPRAS = SymmetricIpr + AsymmetryFactor · |5 − (P30 + P70) / 2|, disagreement when
/// IPR &gt; IPRAS. Appropriate (consensus in) is a median of at least <see cref="AppropriateFrom"/> without
/// disagreement; inappropriate (consensus out) a median of at most <see cref="InappropriateUpTo"/> without it.
/// A median between (3.5 and 6.5 included, which an even panel can give) is uncertain.
/// </summary>
public sealed record RandUcla(
    decimal InappropriateUpTo = 3m, decimal AppropriateFrom = 7m, decimal SymmetricIpr = 2.35m,
    decimal AsymmetryFactor = 1.5m)
{
    /// <summary>The centre of the 1–9 scale, from which the asymmetry index is measured.</summary>
    public const int Centre = 5;
}

/// <summary>Where a consensus definition must hold.</summary>
public enum GroupRequirement
{
    /// <summary>In the whole panel; groups' figures are feedback only.</summary>
    WholePanel,
    /// <summary>
    /// In every stakeholder group shown (at least k raters, <see cref="ItemRatings.ShownGroups"/>) and in the whole
    /// panel (COS-STAD, Kirkham et al. 2017). The panel holds the voters of groups not shown, so they still count.
    /// </summary>
    EveryGroup,
}

/// <summary>
/// A consensus definition: a round rule for rating rounds, recorded with every decision it makes. Exactly one of
/// <see cref="PercentInBand"/> and <see cref="RandUcla"/> is given; <see cref="Groups"/> says where it must hold,
/// and <see cref="MinimumGroupSize"/> (k) which groups' figures are shown and required.
/// </summary>
public sealed record ConsensusDefinition(
    string Name, PercentInBand? PercentInBand = null, RandUcla? RandUcla = null,
    GroupRequirement Groups = GroupRequirement.WholePanel,
    int MinimumGroupSize = ItemRatings.DefaultMinimumGroupSize)
{
    /// <summary>COMET: consensus in when at least 70 % rate 7–9 and less than 15 % rate 1–3.</summary>
    public static readonly ConsensusDefinition Comet7015 = new("COMET 70/15", PercentInBand.Comet());

    /// <summary>The RAND/UCLA appropriateness method with the manual's IPRAS constants.</summary>
    public static readonly ConsensusDefinition RandUclaIpras = new("RAND/UCLA", RandUcla: new RandUcla());

    /// <summary>Every problem of the definition on a scale, so that one rejection names them all.</summary>
    public IReadOnlyList<string> Problems(RatingScale scale)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("the consensus definition has no name.");
        if ((PercentInBand is null) == (RandUcla is null))
            problems.Add("the consensus definition is either percent in band or RAND/UCLA, and exactly one of them.");
        if (!Enum.IsDefined(Groups)) problems.Add($"{(int)Groups} is not a group requirement.");
        if (MinimumGroupSize < 1)
            problems.Add($"the smallest group shown is {MinimumGroupSize} raters: it must be at least 1.");
        if (PercentInBand is { } band)
        {
            problems.AddRange(SideProblems(band.In, scale).Select(p => $"consensus in: {p}"));
            problems.AddRange(SideProblems(band.Out, scale).Select(p => $"consensus out: {p}"));
        }
        if (RandUcla is { } rand) problems.AddRange(RandUclaProblems(rand, scale));
        return problems;
    }

    private static IEnumerable<string> SideProblems(BandConsensus side, RatingScale scale)
    {
        foreach (var condition in side.Conditions)
        {
            foreach (var problem in condition.Band.Problems(scale)) yield return problem;
            if (!Enum.IsDefined(condition.Comparison))
                yield return $"{(int)condition.Comparison} is not a comparison.";
            if (condition.Percent is < 0m or > 100m) yield return $"{condition.Percent} % is outside [0, 100].";
            if (!IsPlain(condition.Percent)) yield return $"{condition.Percent} % has more than four decimals.";
        }
        if (side.Most.Comparison is not (Comparison.AtLeast or Comparison.MoreThan))
            yield return $"'{side.Most}' must be at least or more than a percentage.";
        if (side.Few is { Comparison: not (Comparison.AtMost or Comparison.LessThan) } few)
            yield return $"'{few}' must be at most or less than a percentage.";
    }

    private static IEnumerable<string> RandUclaProblems(RandUcla rand, RatingScale scale)
    {
        if (scale != RatingScale.OneToNine)
            yield return $"RAND/UCLA is defined on the 1–9 scale, not {scale}.";
        if (rand.InappropriateUpTo >= rand.AppropriateFrom)
            yield return $"RAND/UCLA's inappropriate band (up to {rand.InappropriateUpTo}) reaches its appropriate "
                + $"band (from {rand.AppropriateFrom}).";
        if (rand.SymmetricIpr < 0m || rand.AsymmetryFactor < 0m)
            yield return "RAND/UCLA's IPRAS constants cannot be negative.";
        decimal[] constants = [rand.InappropriateUpTo, rand.AppropriateFrom, rand.SymmetricIpr, rand.AsymmetryFactor];
        if (!constants.All(IsPlain))
            yield return "RAND/UCLA's bounds and constants are at most 1000, with at most four decimals.";
    }

    // Four decimals are more than any published definition uses, and keep every exact comparison within long.
    private static bool IsPlain(decimal value) => value == decimal.Round(value, 4) && Math.Abs(value) <= 1_000m;
}
