using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;

namespace Samverkan.EventStore.Domain.Rounds.Rating;

/// <summary>
/// An exact rational number, always in lowest terms with a positive denominator, so that equal values are equal
/// records. Medians, percentiles, IPRAS, shares and Kendall's W are fractions: a threshold is never compared in
/// floating point (7/10 of a panel is exactly 70 %). <see cref="ToDecimal"/> is for display only.
/// Arithmetic runs in big integers and the result is reduced before it is stored, so no step overflows quietly.
/// </summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    public long Numerator { get; }
    public long Denominator { get; }

    // A struct is otherwise read back from JSON through its parameterless constructor, as 0/0.
    [JsonConstructor]
    public Fraction(long numerator, long denominator) : this((BigInteger)numerator, denominator)
    {
    }

    private Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("A fraction's denominator cannot be 0.");
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        var sign = denominator.Sign;
        Numerator = checked((long)(sign * numerator / gcd));
        Denominator = checked((long)(sign * denominator / gcd));
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
        new((BigInteger)a.Numerator * b.Denominator + (BigInteger)b.Numerator * a.Denominator,
            (BigInteger)a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) => a + -b;
    public static Fraction operator -(Fraction a) => new(-(BigInteger)a.Numerator, a.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) =>
        new((BigInteger)a.Numerator * b.Numerator, (BigInteger)a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) =>
        new((BigInteger)a.Numerator * b.Denominator, (BigInteger)a.Denominator * b.Numerator);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    /// <summary>Compares by cross-multiplying (denominators are positive).</summary>
    public int CompareTo(Fraction other) =>
        ((BigInteger)Numerator * other.Denominator).CompareTo((BigInteger)other.Numerator * Denominator);

    public Fraction Abs() => new(Math.Abs(Numerator), Denominator);

    /// <summary>The largest integer at most this value.</summary>
    public long Floor()
    {
        var (quotient, remainder) = Math.DivRem(Numerator, Denominator);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Rounded to 28 significant digits or fewer: for display and CSV, never for a decision.</summary>
    public decimal ToDecimal() => (decimal)Numerator / Denominator;

    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>At most two decimals, invariant culture: "7", "6.1", "0.87".</summary>
    public override string ToString() =>
        Math.Round(ToDecimal(), 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
}
