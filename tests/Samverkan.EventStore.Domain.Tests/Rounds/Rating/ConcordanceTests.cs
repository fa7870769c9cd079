using Samverkan.EventStore.Domain.Rounds.Rating;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Rounds.Rating;

public class ConcordanceTests
{
    private static IEnumerable<CountedRating> Voter(string voter, params int?[] ratings) =>
        ratings.Select((r, i) => new CountedRating(voter, i + 1, r));

    /// <summary>
    /// Three voters rate four indicators; ranks are ascending, tied ratings share the mean of their ranks.
    ///
    ///              ratings         ranks              ties (t³ − t)
    ///   voter A    9  7  7  3      4    2.5  2.5  1   2³ − 2 = 6
    ///   voter B    8  8  6  2      3.5  3.5  2    1   2³ − 2 = 6
    ///   voter C    9  6  7  5      4    2    3    1   0
    ///   R_i                        11.5 8    7.5  3   (sum 30 = m·n(n + 1)/2)
    ///
    /// Mean R = m(n + 1)/2 = 7.5; S = 4² + 0.5² + 0² + 4.5² = 16 + 0.25 + 0 + 20.25 = 36.5.
    /// W = 12 S / (m²(n³ − n) − m Σ T) = 438 / (9 · 60 − 3 · 12) = 438 / 504 = 73/84 ≈ 0.869.
    /// (Without the tie correction it would be 438 / 540 ≈ 0.811.)
    /// </summary>
    [Fact]
    public void Kendalls_w_with_ties_by_hand()
    {
        var w = Concordance.Of([1, 2, 3, 4], [.. Voter("A", 9, 7, 7, 3), .. Voter("B", 8, 8, 6, 2),
            .. Voter("C", 9, 6, 7, 5)]);
        Assert.Equal(new Concordance(new Fraction(73, 84), 3, 4, 0), w);
    }

    /// <summary>
    /// Without ties W is the textbook's: two voters ranking 1 2 3 and 3 2 1 give R = 4 4 4, S = 0, W = 0.
    /// </summary>
    [Fact]
    public void Opposite_rankings_give_w_of_0() =>
        Assert.Equal<Fraction?>(0, Concordance.Of([1, 2, 3], [.. Voter("A", 1, 2, 3), .. Voter("B", 3, 2, 1)]).W);

    [Fact]
    public void Only_voters_who_rated_every_indicator_take_part()
    {
        var w = Concordance.Of([1, 2, 3, 4], [.. Voter("A", 9, 7, 7, 3), .. Voter("B", 8, 8, 6, 2),
            .. Voter("C", 9, 6, 7, 5), .. Voter("D", 1, null, 9, 9), .. Voter("E", 5, 5)]);
        Assert.Equal(new Concordance(new Fraction(73, 84), 3, 4, 2), w);
    }

    [Fact]
    public void W_is_undefined_for_one_voter_one_indicator_or_all_ratings_tied()
    {
        Assert.Null(Concordance.Of([1, 2], Voter("A", 9, 1)).W);
        Assert.Null(Concordance.Of([1], [.. Voter("A", 9), .. Voter("B", 1)]).W);
        Assert.Null(Concordance.Of([1, 2], [.. Voter("A", 5, 5), .. Voter("B", 7, 7)]).W);
    }

    [Fact]
    public void The_change_of_w_between_rounds()
    {
        var first = Concordance.Of([1, 2, 3], [.. Voter("A", 1, 2, 3), .. Voter("B", 3, 2, 1)]);
        var second = Concordance.Of([1, 2, 3], [.. Voter("A", 1, 2, 3), .. Voter("B", 1, 2, 3)]);
        Assert.Equal<Fraction?>(1, second.ChangeFrom(first));
    }
}
