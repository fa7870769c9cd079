namespace Samverkan.EventStore.Domain.Rounds.Rating;

/// <summary>
/// An indicator's figures in one round, for the stability table: how many rated, the median, the IQR, the percent
/// within a band (the consensus definition's "in" band, e.g. 7–9) and the coefficient of variation.
/// </summary>
public sealed record RoundFigures(
    int Round, int Ratings, Fraction? Median, Fraction? Iqr, Fraction? PercentInBand, RatingBand Band,
    double? CoefficientOfVariation)
{
    public static RoundFigures Of(int round, RatingDistribution ratings, RatingBand band) =>
        new(round, ratings.N, ratings.Median, ratings.Iqr, ratings.ShareIn(band) * 100, band,
            ratings.CoefficientOfVariation);
}

/// <summary>
/// How an indicator's ratings changed from one round to the next. <see cref="Moved"/> of <see cref="Compared"/>
/// voters gave another rating: the voters who rated it on the scale in both rounds, matched by pseudonym (a voter
/// who could not rate in either round is not compared). The change in the coefficient of variation is taken over
/// each round's whole panel; negative when the ratings have drawn together.
/// </summary>
public sealed record RatingChange(int Compared, int Moved, double? ChangeInCoefficientOfVariation)
{
    /// <summary>The share of compared voters who moved, in [0, 1]; none when nobody rated in both rounds.</summary>
    public Fraction? ShareMoved => Compared == 0 ? null : new Fraction(Moved, Compared);

    /// <summary>
    /// The change between two rounds of one indicator, from each round's ratings by voter pseudonym (null for
    /// "cannot rate").
    /// </summary>
    public static RatingChange Between(
        RatingScale scale, IReadOnlyDictionary<string, int?> earlier, IReadOnlyDictionary<string, int?> later)
    {
        var pairs = earlier
            .Where(e => e.Value is not null && later.GetValueOrDefault(e.Key) is not null)
            .Select(e => (Earlier: e.Value, Later: later[e.Key]))
            .ToList();
        var (before, after) = (RatingDistribution.Of(scale, earlier.Values).CoefficientOfVariation,
            RatingDistribution.Of(scale, later.Values).CoefficientOfVariation);
        return new RatingChange(pairs.Count, pairs.Count(p => p.Earlier != p.Later), after - before);
    }
}
