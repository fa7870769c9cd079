namespace Samverkan.EventStore.Domain.Rounds.Rating;

/// <summary>
/// Kendall's coefficient of concordance W of one round: how alike the voters rank the indicators, from 0 (no
/// agreement) to 1 (all rank alike). <see cref="W"/> is none when it is undefined: fewer than two voters or two
/// indicators, or every voter rated every indicator alike. Only voters who rated every indicator of the scope on
/// the scale take part (W needs complete rankings); <see cref="VotersLeftOut"/> says how many did not.
/// </summary>
public sealed record Concordance(Fraction? W, int Voters, int Indicators, int VotersLeftOut)
{
    /// <summary>The change of W from an earlier round: positive when the panel has come to rank more alike.</summary>
    public Fraction? ChangeFrom(Concordance earlier) => W - earlier.W;

    /// <summary>
    /// W with the correction for ties. Each voter's ratings become ranks 1..n, tied ratings sharing the mean of
    /// their ranks; with R_i the sum of indicator i's ranks over the m voters and T_j = Σ (t³ − t) over voter j's
    /// groups of t tied ratings: W = 12 · Σ (R_i − m(n + 1)/2)² / (m²(n³ − n) − m · Σ T_j).
    /// Ranks are kept doubled (mean ranks are halves), so W is exact.
    /// </summary>
    public static Concordance Of(IEnumerable<int> scope, IEnumerable<CountedRating> ratings)
    {
        var indicators = scope.Distinct().Order().ToList();
        var byVoter = ratings.Where(r => r.Rating is not null && indicators.Contains(r.Indicator))
            .GroupBy(r => r.Voter)
            .Select(v => v.ToDictionary(r => r.Indicator, r => r.Rating!.Value))
            .ToList();
        var complete = byVoter.Where(v => v.Count == indicators.Count).ToList();
        var (m, n) = (complete.Count, indicators.Count);
        var left = byVoter.Count - m;
        if (m < 2 || n < 2) return new Concordance(null, m, n, left);

        var doubledRankSums = new long[n];
        long ties = 0;
        foreach (var voter in complete)
        {
            var (doubledRanks, voterTies) = DoubledRanks(indicators.Select(i => voter[i]).ToList());
            for (var i = 0; i < n; i++) doubledRankSums[i] += doubledRanks[i];
            ties += voterTies;
        }
        // With doubled ranks, Σ (2R_i − m(n + 1))² = 4 · S, so 12 · S = 3 · Σ (2R_i − m(n + 1))².
        var twelveS = 3 * doubledRankSums.Aggregate(Fraction.Zero,
            (sum, r) => sum + (r - (long)m * (n + 1)) * (Fraction)(r - (long)m * (n + 1)));
        var denominator = (Fraction)m * m * ((long)n * n * n - n) - (Fraction)m * ties;
        return new Concordance(denominator == 0 ? null : twelveS / denominator, m, n, left);
    }

    /// <summary>One voter's doubled mean ranks (2 to 2n) of their ratings, and Σ (t³ − t) over their ties.</summary>
    private static (long[] DoubledRanks, long Ties) DoubledRanks(IReadOnlyList<int> ratings)
    {
        var doubled = new long[ratings.Count];
        long ties = 0;
        var below = 0;
        foreach (var tied in Enumerable.Range(0, ratings.Count).GroupBy(i => ratings[i]).OrderBy(g => g.Key))
        {
            long t = tied.Count();
            // Ranks below + 1 … below + t share their mean; doubled, that is 2 · below + t + 1.
            foreach (var i in tied) doubled[i] = 2L * below + t + 1;
            ties += t * t * t - t;
            below += (int)t;
        }
        return (doubled, ties);
    }
}
