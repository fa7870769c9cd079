using System.Globalization;
using System.Numerics;

namespace Samverkan.EventStore.Domain.Rounds.Rating;

/// <summary>
/// An exact rational number, always in lowest terms with a positive denominator, so that equal values are equal
/// records. Medians, percentiles, IPRAS, shares and Kendall's W are fractions: a threshold is never compared in
/// floating point (7/10 of a panel is exactly 70 %). <see cref="ToDecimal"/> is for display only.
/// </summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("A fraction's denominator cannot be 0.");
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        var sign = denominator.Sign;
        Numerator = sign * numerator / gcd;
        Denominator = sign * denominator / gcd;
    }

    public static readonly Fraction Zero = new(0, 1);

    public static implicit operator Fraction(long value) => new(value, 1);

    /// <summary>A decimal as it is written (2.35 is 235/100 exactly): the constants of a definition.</summary>
    public static Fraction Of(decimal value)
    {
        var bits = decimal.GetBits(value);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        return new Fraction(bits[3] < 0 ? -magnitude : magnitude, BigInteger.Pow(10, scale));
    }

    public static Fraction operator +(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) => a + -b;
    public static Fraction operator -(Fraction a) => new(-a.Numerator, a.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    /// <summary>Compares by cross-multiplying (denominators are positive).</summary>
    public int CompareTo(Fraction other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public Fraction Abs() => new(BigInteger.Abs(Numerator), Denominator);

    /// <summary>The largest integer at most this value.</summary>
    public BigInteger Floor() => BigInteger.Divide(Numerator - (Numerator.Sign < 0 ? Denominator - 1 : 0), Denominator);

    /// <summary>Rounded to 28 significant digits or fewer: for display and CSV, never for a decision.</summary>
    public decimal ToDecimal() => (decimal)Numerator / (decimal)Denominator;

    public double ToDouble() => (double)Numerator / (double)Denominator;

    /// <summary>At most two decimals, invariant culture: "7", "6.1", "0.87".</summary>
    public override string ToString() =>
        Math.Round(ToDecimal(), 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
}
