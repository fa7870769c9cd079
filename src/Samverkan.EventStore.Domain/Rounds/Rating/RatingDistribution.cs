namespace Samverkan.EventStore.Domain.Rounds.Rating;

/// <summary>
/// One counted rating of an indicator: the voter's pseudonym and stakeholder group, never who the voter is.
/// <see cref="Rating"/> is null for "cannot rate", an abstention. One per voter and indicator: the latest ballot.
/// </summary>
public sealed record CountedRating(string Voter, int Indicator, int? Rating, string? Group = null);

/// <summary>
/// The ratings of one indicator: how many voters rated each point of the scale, and how many could not rate.
/// Every figure is taken over the N ratings on the scale; abstentions are counted beside them, never in them.
/// Percentiles (and so the median and quartiles) have one definition, <see cref="Percentile"/>.
/// </summary>
public sealed record RatingDistribution
{
    private readonly int[] counts;

    private RatingDistribution(RatingScale scale, int[] counts, int abstentions)
    {
        Scale = scale;
        this.counts = counts;
        Abstentions = abstentions;
        N = counts.Sum();
    }

    public RatingScale Scale { get; }

    /// <summary>The ratings at each point of the scale, lowest point first.</summary>
    public IReadOnlyList<int> Counts => counts.AsReadOnly();

    /// <summary>The voters who could not rate the indicator.</summary>
    public int Abstentions { get; }

    /// <summary>The ratings on the scale: the denominator of every share.</summary>
    public int N { get; }

    /// <summary>
    /// The ratings counted per point. A rating off the scale is a ballot the decide step should have refused.
    /// </summary>
    public static RatingDistribution Of(RatingScale scale, IEnumerable<int?> ratings)
    {
        var counts = new int[scale.Points];
        var abstentions = 0;
        foreach (var rating in ratings)
        {
            if (rating is not { } r) abstentions++;
            else if (!scale.Contains(r))
                throw new ArgumentOutOfRangeException(nameof(ratings), r, $"Not a point of the scale {scale}.");
            else counts[r - scale.Min]++;
        }
        return new RatingDistribution(scale, counts, abstentions);
    }

    /// <summary>A distribution from its counts, e.g. a bootstrap's, where each voter weighs the times drawn.</summary>
    public static RatingDistribution FromCounts(RatingScale scale, IReadOnlyList<int> counts, int abstentions)
    {
        if (counts.Count != scale.Points || counts.Any(c => c < 0) || abstentions < 0)
            throw new ArgumentException($"Counts are one non-negative number per point of the scale {scale}.");
        return new RatingDistribution(scale, [.. counts], abstentions);
    }

    public int CountAt(int point) => Scale.Contains(point) ? counts[point - Scale.Min] : 0;

    /// <summary>The ratings within a band of the scale.</summary>
    public int InBand(RatingBand band) =>
        Enumerable.Range(band.From, Math.Max(0, band.To - band.From + 1)).Sum(CountAt);

    /// <summary>The share of the ratings within a band, in [0, 1]; none without ratings.</summary>
    public Fraction? ShareIn(RatingBand band) => N == 0 ? null : new Fraction(InBand(band), N);

    /// <summary>The k-th lowest rating, counting from 0.</summary>
    public int Ordered(int k)
    {
        if (k < 0 || k >= N) throw new ArgumentOutOfRangeException(nameof(k), k, $"There are {N} ratings.");
        var below = 0;
        for (var i = 0; ; i++)
        {
            below += counts[i];
            if (k < below) return Scale.Min + i;
        }
    }

    /// <summary>
    /// The percentile p (in [0, 1]) by linear interpolation between the closest ranks: with the ratings ordered
    /// x[0] ≤ … ≤ x[N − 1] and h = (N − 1)·p, it is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). This is Hyndman and
    /// Fan's definition 7: R's quantile() default, Excel's PERCENTILE and PERCENTILE.INC, NumPy's default, which
    /// panels' spreadsheets compute (docs/rating-rounds.md, "Percentiles"). Exact: a fraction, none without ratings.
    /// </summary>
    public Fraction? Percentile(Fraction p)
    {
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "A percentile is in [0, 1].");
        if (N == 0) return null;
        var h = (N - 1) * p;
        var low = (int)h.Floor();
        var lowRating = Ordered(low);
        return low == N - 1 ? lowRating : lowRating + (h - low) * (Ordered(low + 1) - lowRating);
    }

    public Fraction? Median => Percentile(new Fraction(1, 2));
    public Fraction? Q1 => Percentile(new Fraction(1, 4));
    public Fraction? Q3 => Percentile(new Fraction(3, 4));

    /// <summary>The interquartile range Q3 − Q1.</summary>
    public Fraction? Iqr => Q3 - Q1;

    public Fraction? Mean => N == 0 ? null : new Fraction(Points().Sum(p => (long)p.Rating * p.Count), N);

    /// <summary>The sample standard deviation (divided by N − 1); none for fewer than two ratings.</summary>
    public double? StandardDeviation
    {
        get
        {
            if (N < 2 || Mean is not { } mean) return null;
            var squares = Points().Aggregate(Fraction.Zero,
                (sum, p) => sum + p.Count * (p.Rating - mean) * (p.Rating - mean));
            return Math.Sqrt((squares / (N - 1)).ToDouble());
        }
    }

    /// <summary>
    /// The coefficient of variation, standard deviation / mean: a stability figure between rounds, never a
    /// threshold. None for fewer than two ratings or a mean of 0.
    /// </summary>
    public double? CoefficientOfVariation =>
        StandardDeviation is { } sd && Mean is { } mean && mean != 0 ? sd / mean.ToDouble() : null;

    private IEnumerable<(int Rating, int Count)> Points() =>
        counts.Select((count, i) => (Scale.Min + i, count));

    public bool Equals(RatingDistribution? other) =>
        other is not null && Scale == other.Scale && Abstentions == other.Abstentions
        && counts.SequenceEqual(other.counts);

    public override int GetHashCode() =>
        counts.Aggregate(HashCode.Combine(Scale, Abstentions), (hash, count) => HashCode.Combine(hash, count));

    /// <summary>"1×3 2×7 3×9 (2 could not rate)": the counts per point, as feedback shows them.</summary>
    public override string ToString() =>
        string.Join(" ", Points().Where(p => p.Count > 0).Select(p => $"{p.Count}×{p.Rating}"))
        + (Abstentions == 0 ? "" : $" ({Abstentions} could not rate)");
}

/// <summary>One stakeholder group's ratings of an indicator.</summary>
public sealed record GroupRatings(string Group, RatingDistribution Ratings);

/// <summary>
/// The ratings of one indicator in one round: the whole panel's distribution, and each stakeholder group's.
/// A group's figures are shown, and can be required by a consensus definition, only as <see cref="ShownGroups"/>
/// says; the voters of a group not shown count in the panel only.
/// </summary>
public sealed record ItemRatings(
    int Indicator, RatingDistribution Panel, IReadOnlyList<GroupRatings> Groups)
{
    /// <summary>k: the fewest raters a group's figures are shown for, unless the plan says otherwise.</summary>
    public const int DefaultMinimumGroupSize = 5;

    /// <summary>
    /// The groups whose figures are shown, by name: those of at least k raters on the scale, less any needed so
    /// that the panel's figures minus the shown groups' (the hidden raters' ratings, by subtraction) are of no
    /// rater or of at least k. Until then the smallest shown group is hidden too, as statistics offices suppress a
    /// second cell to protect the first.
    /// </summary>
    public IReadOnlyList<GroupRatings> ShownGroups(int minimumGroupSize)
    {
        var shown = Groups.Where(g => g.Ratings.N >= minimumGroupSize)
            .OrderBy(g => g.Ratings.N).ThenBy(g => g.Group, StringComparer.Ordinal)
            .ToList();
        while (shown.Count > 0 && Panel.N - shown.Sum(g => g.Ratings.N) is > 0 and var hidden
               && hidden < minimumGroupSize)
            shown.RemoveAt(0);
        return shown.OrderBy(g => g.Group, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The ratings of each indicator of the scope, overall and per group (in ordinal order of the group's name).
    /// A voter without a group counts in the panel only.
    /// </summary>
    public static IReadOnlyDictionary<int, ItemRatings> Count(
        RatingScale scale, IEnumerable<int> scope, IEnumerable<CountedRating> ratings)
    {
        var byIndicator = ratings.ToLookup(r => r.Indicator);
        return scope.ToDictionary(i => i, i => Of(scale, i, byIndicator[i]));
    }

    private static ItemRatings Of(RatingScale scale, int indicator, IEnumerable<CountedRating> ratings)
    {
        var list = ratings.ToList();
        var groups = list.Where(r => r.Group is not null)
            .GroupBy(r => r.Group!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupRatings(g.Key, RatingDistribution.Of(scale, g.Select(r => r.Rating))))
            .ToList();
        return new ItemRatings(indicator, RatingDistribution.Of(scale, list.Select(r => r.Rating)), groups);
    }
}
