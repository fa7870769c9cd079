using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samverkan.EventStore.Domain.Rounds.Rating;
using Xunit;
using static Samverkan.EventStore.Domain.Tests.Rounds.Rating.Panel;

namespace Samverkan.EventStore.Domain.Tests.Rounds.Rating;

public class RatingDistributionTests
{
    [Fact]
    public void Cannot_rate_is_counted_beside_the_ratings_and_never_in_them()
    {
        var ratings = Ratings(9, null, 7, 7, null, 1);
        Assert.Equal((4, 2), (ratings.N, ratings.Abstentions));
        Assert.Equal([1, 0, 0, 0, 0, 0, 2, 0, 1], ratings.Counts);
        Assert.Equal(new Fraction(3, 4), ratings.ShareIn(new RatingBand(7, 9)));
        Assert.Equal("1×1 2×7 1×9 (2 could not rate)", ratings.ToString());
    }

    [Fact]
    public void A_rating_off_the_scale_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ratings(10));

    /// <summary>
    /// Definition 7 (h = (N − 1)·p), by hand. Ratings 1 2 2 3 5 7 8 9 9 (N = 9):
    /// P30: h = 2.4 → x[2] + 0.4·(x[3] − x[2]) = 2 + 0.4 = 2.4;  P70: h = 5.6 → 7 + 0.6·(8 − 7) = 7.6;
    /// Q1: h = 2 → 2;  median: h = 4 → 5;  Q3: h = 6 → 8;  IQR 6.
    /// </summary>
    [Fact]
    public void Percentiles_interpolate_between_the_closest_ranks()
    {
        var ratings = Ratings(9, 1, 2, 8, 2, 3, 9, 5, 7);
        Assert.Equal(new Fraction(12, 5), ratings.Percentile(new Fraction(3, 10)));
        Assert.Equal(new Fraction(38, 5), ratings.Percentile(new Fraction(7, 10)));
        Assert.Equal<(Fraction?, Fraction?, Fraction?, Fraction?)>((2, 5, 8, 6),
            (ratings.Q1, ratings.Median, ratings.Q3, ratings.Iqr));
    }

    /// <summary>
    /// Ratings 4 6 7 9 (N = 4): median h = 1.5 → 6.5; Q1 h = 0.75 → 4 + 0.75·2 = 5.5; Q3 h = 2.25 → 7 + 0.25·2 = 7.5.
    /// </summary>
    [Fact]
    public void An_even_panel_has_a_median_between_its_middle_ratings()
    {
        var ratings = Ratings(9, 4, 7, 6);
        Assert.Equal((new Fraction(13, 2), new Fraction(11, 2), new Fraction(15, 2)),
            (ratings.Median!.Value, ratings.Q1!.Value, ratings.Q3!.Value));
        Assert.Equal<Fraction?>(2, ratings.Iqr);
    }

    [Fact]
    public void Without_ratings_there_are_no_figures()
    {
        var ratings = Ratings(null, null);
        Assert.Null(ratings.Median);
        Assert.Null(ratings.Iqr);
        Assert.Null(ratings.ShareIn(new RatingBand(7, 9)));
        Assert.Null(ratings.CoefficientOfVariation);
    }

    /// <summary>Ratings 2 4 4 4 5 5 7 9: mean 5, sample variance 32/7, sd 2.138, CV 0.4276.</summary>
    [Fact]
    public void Mean_and_coefficient_of_variation()
    {
        var ratings = Ratings(2, 4, 4, 4, 5, 5, 7, 9);
        Assert.Equal<Fraction?>(5, ratings.Mean);
        Assert.Equal(Math.Sqrt(32.0 / 7) / 5, ratings.CoefficientOfVariation!.Value, 12);
    }

    [Fact]
    public void A_group_under_k_is_not_shown_and_its_voters_count_in_the_panel()
    {
        var item = Items([
            .. Repeat((8, 5)).Select((r, i) => new CountedRating($"b{i}", 1, r, "brukare")),
            .. Repeat((2, 4)).Select((r, i) => new CountedRating($"p{i}", 1, r, "politiker")),
            new CountedRating("x", 1, 5),
        ]);
        Assert.Equal(10, item.Panel.N);
        Assert.Equal(["brukare", "politiker"], item.Groups.Select(g => g.Group));
        Assert.Equal(["brukare"], item.ShownGroups(ItemRatings.DefaultMinimumGroupSize).Select(g => g.Group));
    }

    [Fact]
    public void Scale_problems_are_named()
    {
        Assert.Empty(RatingScale.OneToNine.Problems());
        Assert.Empty(new RatingScale(0, 10).Problems());
        Assert.Single(new RatingScale(5, 5).Problems());
        Assert.Single(new RatingScale(-1, 9).Problems());
        Assert.Single(new RatingScale(1, 500).Problems());
    }

    [Property]
    public Property Percentiles_stay_between_the_lowest_and_highest_rating_and_rise_with_p(
        NonEmptyArray<byte> raw, byte p, byte q)
    {
        var ratings = Ratings(FromBytes(raw.Get));
        if (ratings.N == 0) return true.ToProperty();
        var (low, high) = (new Fraction(Math.Min(p, q), 255), new Fraction(Math.Max(p, q), 255));
        var (atLow, atHigh) = (ratings.Percentile(low)!.Value, ratings.Percentile(high)!.Value);
        return (atLow <= atHigh && atLow >= ratings.Ordered(0) && atHigh <= ratings.Ordered(ratings.N - 1))
            .ToProperty();
    }

    [Property]
    public bool The_median_is_the_middle_rating_or_the_mean_of_the_two(NonEmptyArray<byte> raw)
    {
        var sorted = FromBytes(raw.Get).OfType<int>().Order().ToList();
        if (sorted.Count == 0) return true;
        var middle = sorted.Count / 2;
        Fraction expected = sorted.Count % 2 == 1
            ? sorted[middle]
            : new Fraction(sorted[middle - 1] + sorted[middle], 2);
        return Ratings(FromBytes(raw.Get)).Median == expected;
    }
}
