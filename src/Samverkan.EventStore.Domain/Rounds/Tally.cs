using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Rounds;

/// <summary>
/// The count of one indicator in one round, and the denominator its share of yes votes is taken over.
/// Shares are compared as exact fractions; <see cref="Share"/> is rounded for display only.
/// </summary>
public sealed record Tally(int Yes, int No, int Abstain, int Denominator)
{
    /// <summary>The share of yes votes, rounded to four decimals (0.5652 for 13 of 23).</summary>
    public decimal Share =>
        Denominator == 0 ? 0m : Math.Round((decimal)Yes / Denominator, 4, MidpointRounding.AwayFromZero);

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
    /// Counts the ballots that count in a round (<see cref="Latest"/>: a changed ballot once, with its new answer).
    /// </summary>
    public static IReadOnlyDictionary<int, Tally> Count(
        IEnumerable<int> scope, IEnumerable<CountedBallot> counted, RoundRules rules, int expertsCheckedIn)
    {
        var counts = Answers(counted.Select(b => (b.Indicator, b.Answer, 1)));
        return scope.ToDictionary(i => i, i =>
        {
            var (yes, no, abstain) = counts.GetValueOrDefault(i);
            return Of(yes, no, abstain, rules, expertsCheckedIn);
        });
    }

    /// <summary>
    /// The yes, no and abstain votes per indicator of counted ballots, each weighing its voter's weight: 1 when a
    /// round closes, and the times a voter was drawn when a bootstrap resamples the panel. The one count of votes.
    /// </summary>
    public static Dictionary<int, (int Yes, int No, int Abstain)> Answers(
        IEnumerable<(int Indicator, Answer Answer, int Weight)> ballots)
    {
        var counts = new Dictionary<int, (int Yes, int No, int Abstain)>();
        foreach (var (indicator, answer, w) in ballots)
        {
            var (yes, no, abstain) = counts.GetValueOrDefault(indicator);
            counts[indicator] = answer switch
            {
                Answer.Yes => (yes + w, no, abstain),
                Answer.No => (yes, no + w, abstain),
                Answer.Abstain => (yes, no, abstain + w),
                _ => throw new ArgumentOutOfRangeException(nameof(ballots), answer, "Not an answer."),
            };
        }
        return counts;
    }

    /// <summary>
    /// The ballots that count: each voter's latest ballot on each indicator, in the order they were first cast.
    /// </summary>
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
