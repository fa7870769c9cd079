using Samverkan.EventStore.Domain.Rounds.Rating;
using Xunit;
using static Samverkan.EventStore.Domain.Tests.Rounds.Rating.Panel;

namespace Samverkan.EventStore.Domain.Tests.Rounds.Rating;

public class RatingStabilityTests
{
    [Fact]
    public void A_rounds_figures_for_the_stability_table()
    {
        // 4 6 7 9: median 6.5, IQR 7.5 − 5.5 = 2, 2 of 4 rate 7–9.
        var figures = RoundFigures.Of(2, Ratings(9, 4, 7, 6, null), new RatingBand(7, 9));
        Assert.Equal((2, 4, new Fraction(13, 2), (Fraction)2, (Fraction)50),
            (figures.Round, figures.Ratings, figures.Median!.Value, figures.Iqr!.Value, figures.PercentInBand!.Value));
    }

    [Fact]
    public void Moved_counts_the_voters_who_rated_in_both_rounds_and_changed()
    {
        var earlier = new Dictionary<string, int?> { ["a"] = 5, ["b"] = 7, ["c"] = 9, ["d"] = null, ["e"] = 3 };
        var later = new Dictionary<string, int?> { ["a"] = 7, ["b"] = 7, ["c"] = 8, ["d"] = 8, ["f"] = 8 };
        var change = RatingChange.Between(RatingScale.OneToNine, earlier, later);
        // a, b and c rated in both rounds; a and c moved. d could not rate in round 1, e and f voted once.
        Assert.Equal((3, 2, new Fraction(2, 3)), (change.Compared, change.Moved, change.ShareMoved!.Value));
    }

    [Fact]
    public void Ratings_drawing_together_lower_the_coefficient_of_variation()
    {
        var earlier = new Dictionary<string, int?> { ["a"] = 2, ["b"] = 5, ["c"] = 8 };
        var later = new Dictionary<string, int?> { ["a"] = 6, ["b"] = 7, ["c"] = 8 };
        // CV 3/5 = 0.6 before, 1/7 ≈ 0.143 after.
        Assert.Equal(1.0 / 7 - 0.6, RatingChange.Between(RatingScale.OneToNine, earlier, later)
            .ChangeInCoefficientOfVariation!.Value, 12);
    }

    [Fact]
    public void Nobody_compared_means_no_share() =>
        Assert.Null(RatingChange.Between(RatingScale.OneToNine, new Dictionary<string, int?> { ["a"] = 5 },
            new Dictionary<string, int?> { ["b"] = 5 }).ShareMoved);
}
