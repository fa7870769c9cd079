using System.Globalization;

namespace Samverkan.EventStore.Domain.Rounds;

/// <summary>How a share of yes votes (andel ja-röster) is written as a percentage, in one place.</summary>
public static class Percent
{
    /// <summary>"56.5 %" (and "50 %"): the audit trail's sentences.</summary>
    public static string Of(decimal share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>"56.5 %" (and "50.0 %"): one decimal always, so that a rerun's diff lines up.</summary>
    public static string OneDecimal(decimal share) => share.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>"57": whole percent, as the report prints the protocol.</summary>
    public static string Whole(decimal share) =>
        Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
}
