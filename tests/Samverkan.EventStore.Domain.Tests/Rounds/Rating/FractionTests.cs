using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Samverkan.EventStore.Domain.Rounds.Rating;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Rounds.Rating;

public class FractionTests
{
    [Fact]
    public void A_fraction_is_kept_in_lowest_terms_with_a_positive_denominator()
    {
        Assert.Equal(new Fraction(7, 10), new Fraction(-70, -100));
        Assert.Equal((-1L, 2L), (new Fraction(2, -4).Numerator, new Fraction(2, -4).Denominator));
        Assert.Equal(new Fraction(47, 20), Fraction.Of(2.35m));
        Assert.Equal("6.1", (Fraction.Of(2.35m) + Fraction.Of(1.5m) * Fraction.Of(2.5m)).ToString());
    }

    /// <summary>The service stores with System.Text.Json; a struct would otherwise come back as 0/0.</summary>
    [Fact]
    public void A_fraction_survives_json()
    {
        Fraction? ipras = new Fraction(61, 10);
        Assert.Equal(ipras, JsonSerializer.Deserialize<Fraction?>(JsonSerializer.Serialize(ipras)));
    }

    /// <summary>Percentages and constants as a plan writes them: up to six decimals.</summary>
    [Property]
    public bool Fractions_compare_as_the_decimals_they_are_written_as(int a, int b, byte scaleA, byte scaleB)
    {
        var (x, y) = (new decimal(a) / Pow10(scaleA % 7), new decimal(b) / Pow10(scaleB % 7));
        var (fx, fy) = (Fraction.Of(x), Fraction.Of(y));
        return fx.CompareTo(fy) == x.CompareTo(y) && (fx - fy).ToDecimal() == x - y && fx.ToDecimal() == x;
    }

    private static decimal Pow10(int n) => Enumerable.Repeat(10m, n).Aggregate(1m, (p, t) => p * t);

    [Property]
    public bool Floor_is_the_largest_integer_at_most_the_fraction(long numerator, PositiveInt denominator)
    {
        var floor = new Fraction(numerator, denominator.Get).Floor();
        decimal d = denominator.Get;
        return floor * d <= numerator && (floor + 1) * d > numerator;
    }
}
