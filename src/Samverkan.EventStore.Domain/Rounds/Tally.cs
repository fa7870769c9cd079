using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Rounds;

/// <summary>
/// The count of one indicator in one round, and the denominator its share of yes votes is taken over.
/// Shares are compared as exact fractions; <see cref="Share"/> is rounded for display only.
/// </summary>
public sealed record Tally(int Yes, int No, int Abstain, int Denominator)
{
    /// <summary>The share of yes votes, rounded to four decimals (0.5652 for 13 of 23).</summary>
    public decimal Share => Denominator == 0 ? 0m : Math.Round((decimal)Yes / Denominator, 4, MidpointRounding.AwayFromZero);

    public int Ballots => Yes + No + Abstain;

    /// <summary>Whether the exact share is below a threshold: yes / denominator &lt; threshold.</summary>
    public bool IsBelow(decimal threshold) => Denominator == 0 ? threshold > 0m : Yes < threshold * Denominator;

    /// <summary>Compares two exact shares by cross-multiplying, so that 13/23 and 26/46 are equal.</summary>
    public static int CompareShares(Tally a, Tally b)
    {
        var (aYes, aDen) = a.Denominator == 0 ? (0L, 1L) : (a.Yes, (long)a.Denominator);
        var (bYes, bDen) = b.Denominator == 0 ? (0L, 1L) : (b.Yes, (long)b.Denominator);
        return (aYes * bDen).CompareTo(bYes * aDen);
    }

    /// <summary>
    /// Counts the ballots of a round. Ballots come in log order; a voter's latest ballot on an indicator
    /// is the one that counts, so a changed ballot is counted once, with its new answer.
    /// </summary>
    public static IReadOnlyDictionary<int, Tally> Count(
        IEnumerable<int> scope, IEnumerable<CountedBallot> ballotsInLogOrder, RoundRules rules, int expertsCheckedIn)
    {
        var counts = scope.ToDictionary(i => i, _ => new int[3]);
        foreach (var ballot in Latest(ballotsInLogOrder))
            if (counts.TryGetValue(ballot.Indicator, out var c)) c[(int)ballot.Answer]++;

        return counts.ToDictionary(kv => kv.Key, kv => Of(kv.Value[0], kv.Value[1], kv.Value[2], rules, expertsCheckedIn));
    }

    /// <summary>The ballots that count: each voter's latest ballot on each indicator, in the order they were first cast.</summary>
    public static IReadOnlyList<CountedBallot> Latest(IEnumerable<CountedBallot> ballotsInLogOrder)
    {
        var latest = new Dictionary<(string Voter, int Indicator), CountedBallot>();
        foreach (var ballot in ballotsInLogOrder)
            latest[(ballot.Voter, ballot.Indicator)] = ballot;
        return latest.Values.ToList();
    }

    /// <summary>A tally with the denominator the rules ask for.</summary>
    public static Tally Of(int yes, int no, int abstain, RoundRules rules, int expertsCheckedIn) =>
        new(yes, no, abstain, rules switch
        {
            { Denominator: ShareDenominator.ExpertsCheckedIn } => expertsCheckedIn,
            { Abstentions: AbstentionPolicy.CountedInDenominator } => yes + no + abstain,
            _ => yes + no,
        });
}
