using Samverkan.EventStore.Domain.Rounds.Rating;
using Xunit;
using static Samverkan.EventStore.Domain.Tests.Rounds.Rating.Panel;

namespace Samverkan.EventStore.Domain.Tests.Rounds.Rating;

/// <summary>
/// The RAND/UCLA appropriateness method as the User's Manual states it (Fitch et al. 2001, chapter 8):
/// IPR = P70 − P30, IPRCP = (P30 + P70) / 2, AI = |5 − IPRCP|, IPRAS = 2.35 + 1.5 · AI, disagreement when
/// IPR &gt; IPRAS. Percentiles by definition 7 (docs/rating-rounds.md). Each example's arithmetic is in its comment.
/// </summary>
public class RandUclaTests
{
    private static RandUclaFigures Figures(params int?[] ratings) =>
        Consensus.RandUclaFiguresOf(new RandUcla(), Ratings(ratings))!;

    private static ConsensusVerdict Verdict(params int?[] ratings) =>
        Consensus.Evaluate(ConsensusDefinition.RandUclaIpras, Item(null, ratings)).Verdict;

    /// <summary>
    /// The manual's constants: with perfect symmetry (IPRCP = 5) the IPR required for disagreement is 2.35, and
    /// each point of asymmetry adds 1.5. So IPRAS is 2.35 at IPRCP 5, 3.1 at 5.5, 3.85 at IPRCP 4 or 6, 6.1 at 2.5
    /// or 7.5, and at most 8.35 (IPRCP 1 or 9).
    /// </summary>
    [Theory]
    [InlineData(5, 5, "2.35")]
    [InlineData(3, 8, "3.1")]
    [InlineData(5, 7, "3.85")]
    [InlineData(3, 5, "3.85")]
    [InlineData(7, 8, "6.1")]
    [InlineData(2, 3, "6.1")]
    [InlineData(9, 9, "8.35")]
    [InlineData(1, 1, "8.35")]
    public void Ipras_is_the_manual_formula(int p30, int p70, string ipras)
    {
        // Nine ratings whose P30 (h = 2.4) and P70 (h = 5.6) fall on x[2] = x[3] = p30 and x[5] = x[6] = p70.
        var figures = Figures(p30, p30, p30, p30, p30, p70, p70, p70, p70);
        Assert.Equal((p30, p70), ((int)figures.P30.Numerator, (int)figures.P70.Numerator));
        Assert.Equal(Fraction.Of(decimal.Parse(ipras, System.Globalization.CultureInfo.InvariantCulture)),
            figures.Ipras);
    }

    /// <summary>
    /// A worked example published with the manual's method: BMJ Open 2012;2(5):e001431, Table 1
    /// (doi:10.1136/bmjopen-2012-001431), criterion one, round one. 15 panellists: five rated 7, five 8, two 9,
    /// and three below 7 (which points the table's excerpt we had does not show; below 7 they change no figure,
    /// so every placement is tried). The table gives median 7, P30 7, P70 8, IPR 1, IPRCP 7.5, AI 2.5, IPRAS 6.1,
    /// no disagreement. (Its text calls the constant 2.5, but 2.5 + 1.5 · 2.5 is 6.25: its 6.1 is 2.35 + 3.75.)
    /// Here: h(P30) = 14 · 0.3 = 4.2 → x[4] = x[5] = 7; h(P70) = 9.8 → x[9] = x[10] = 8; median h = 7 → x[7] = 7.
    /// </summary>
    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(4, 5, 6)]
    [InlineData(6, 6, 6)]
    [InlineData(1, 1, 1)]
    [InlineData(2, 4, 6)]
    public void The_published_worked_example_of_criterion_one(int a, int b, int c)
    {
        var figures = Figures([a, b, c, .. Repeat((7, 5), (8, 5), (9, 2))]);
        Assert.Equal<Fraction>([7, 7, 8, 1, new Fraction(61, 10)],
            [figures.Median, figures.P30, figures.P70, figures.Ipr, figures.Ipras]);
        Assert.False(figures.Disagreement);
        Assert.Equal(ConsensusVerdict.ConsensusIn, Verdict([a, b, c, .. Repeat((7, 5), (8, 5), (9, 2))]));
    }

    /// <summary>
    /// Ratings 1 1 2 3 5 7 8 9 9: P30 = 2 + 0.4 · (3 − 2) = 2.4, P70 = 7 + 0.6 · (8 − 7) = 7.6, IPR 5.2,
    /// IPRCP 5, AI 0, IPRAS 2.35 → disagreement (and the median, 5, is uncertain anyway).
    /// </summary>
    [Fact]
    public void A_split_panel_disagrees()
    {
        var figures = Figures(1, 1, 2, 3, 5, 7, 8, 9, 9);
        Assert.Equal<Fraction>([new Fraction(12, 5), new Fraction(38, 5), new Fraction(26, 5), new Fraction(47, 20)],
            [figures.P30, figures.P70, figures.Ipr, figures.Ipras]);
        Assert.True(figures.Disagreement);
    }

    /// <summary>
    /// Ratings 1 1 2 7 7 8 9 9 9: median 7, yet P30 = 2 + 0.4 · 5 = 4, P70 = 8 + 0.6 · 1 = 8.6, IPR 4.6,
    /// IPRCP 6.3, AI 1.3, IPRAS 2.35 + 1.95 = 4.3 &lt; 4.6 → disagreement: uncertain, no consensus.
    /// </summary>
    [Fact]
    public void An_appropriate_median_with_disagreement_is_no_consensus()
    {
        var figures = Figures(1, 1, 2, 7, 7, 8, 9, 9, 9);
        Assert.Equal((Appropriateness.Appropriate, new Fraction(23, 5), new Fraction(43, 10), true),
            (figures.MedianBand, figures.Ipr, figures.Ipras, figures.Disagreement));
        Assert.Equal(ConsensusVerdict.NoConsensus, Verdict(1, 1, 2, 7, 7, 8, 9, 9, 9));
    }

    /// <summary>
    /// 5 6 7 7 8 8 8 9 9: median 8, P30 7, P70 8, IPR 1, IPRAS 6.1 → appropriate, consensus in.
    /// 1 1 1 2 2 3 4 6 8: median 2, P30 1.4, P70 3.6, IPR 2.2, IPRCP 2.5, IPRAS 6.1 → inappropriate, consensus out.
    /// 4 5 5 5 5 6 6 6 6: median 5 → uncertain, no consensus.
    /// </summary>
    [Fact]
    public void The_median_band_decides_without_disagreement()
    {
        Assert.Equal(ConsensusVerdict.ConsensusIn, Verdict(5, 6, 7, 7, 8, 8, 8, 9, 9));
        Assert.Equal(ConsensusVerdict.ConsensusOut, Verdict(1, 1, 1, 2, 2, 3, 4, 6, 8));
        Assert.Equal(ConsensusVerdict.NoConsensus, Verdict(4, 5, 5, 5, 5, 6, 6, 6, 6));
    }

    /// <summary>An even panel's median of 6.5 (6 6 7 7) or 3.5 is between the bands: uncertain.</summary>
    [Fact]
    public void A_median_between_bands_is_uncertain()
    {
        Assert.Equal(Appropriateness.Uncertain, Figures(6, 6, 7, 7).MedianBand);
        Assert.Equal(Appropriateness.Uncertain, Figures(3, 3, 4, 4).MedianBand);
        Assert.Equal(ConsensusVerdict.NoConsensus, Verdict(6, 6, 7, 7));
    }

    /// <summary>
    /// With constants 2 and 0 (IPRAS 2 everywhere), an IPR of exactly 2 (3 3 3 5 5 5: P30 at h = 1.5 is 3, P70 at
    /// h = 3.5 is 5) is not disagreement: the manual's rule is IPR &gt; IPRAS.
    /// </summary>
    [Fact]
    public void An_ipr_equal_to_the_ipras_is_not_disagreement()
    {
        var figures = Consensus.RandUclaFiguresOf(new RandUcla(SymmetricIpr: 2m, AsymmetryFactor: 0m),
            Ratings(3, 3, 3, 5, 5, 5))!;
        Assert.Equal((2, 2), ((int)figures.Ipr.Numerator, (int)figures.Ipras.Numerator));
        Assert.False(figures.Disagreement);
    }

    [Fact]
    public void The_decision_prints_the_figures_that_decided_it()
    {
        var decision = Consensus.Evaluate(ConsensusDefinition.RandUclaIpras, Item(null, 1, 1, 2, 7, 7, 8, 9, 9, 9));
        Assert.Equal(
            "Indicator 1: no consensus by RAND/UCLA, which must hold in the whole panel. In the whole panel "
            + "(9 ratings, 0 could not rate): median 7 (appropriate), P30 4, P70 8.6, IPR 4.6 > IPRAS 4.3: "
            + "disagreement → no consensus.", decision.ToString());
    }

    [Fact]
    public void Rand_ucla_needs_the_one_to_nine_scale()
    {
        Assert.Empty(ConsensusDefinition.RandUclaIpras.Problems(RatingScale.OneToNine));
        Assert.Equal(["RAND/UCLA is defined on the 1–9 scale, not 0–10."],
            ConsensusDefinition.RandUclaIpras.Problems(new RatingScale(0, 10)));
    }
}
