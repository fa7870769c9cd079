namespace Samverkan.EventStore.Domain.Rounds.Rating;

/// <summary>
/// The points a voter rates an indicator on, Min to Max inclusive (default 1–9, as in the RAND/UCLA method and
/// COMET). "Cannot rate" is an abstention, not a point of the scale: it is never in a median or a share.
/// </summary>
public sealed record RatingScale(int Min = 1, int Max = 9)
{
    /// <summary>The 1–9 scale of the RAND/UCLA appropriateness method and of COMET.</summary>
    public static readonly RatingScale OneToNine = new();

    /// <summary>More points than any published Delphi scale; it keeps a distribution a short list.</summary>
    public const int MaxPoints = 101;

    public int Points => Max - Min + 1;

    public bool Contains(int rating) => rating >= Min && rating <= Max;

    /// <summary>Every problem of the scale, so that one rejection names them all. Empty when it is valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Min < 0) problems.Add($"the scale starts at {Min}: its lowest point must be at least 0.");
        if (Max <= Min) problems.Add($"the scale {Min}–{Max} has no second point: its highest must exceed its lowest.");
        else if ((long)Max - Min + 1 > MaxPoints)
            problems.Add($"the scale {Min}–{Max} has more than {MaxPoints} points.");
        return problems;
    }

    public override string ToString() => $"{Min}–{Max}";
}

/// <summary>A band of the scale, From to To inclusive: "7–9" is the ratings 7, 8 and 9.</summary>
public sealed record RatingBand(int From, int To)
{
    public bool Contains(int rating) => rating >= From && rating <= To;

    /// <summary>Why the band does not fit the scale; empty when it does.</summary>
    public IEnumerable<string> Problems(RatingScale scale)
    {
        if (From > To) yield return $"the band {this} is empty: it must run from a lower to a higher point.";
        else if (!scale.Contains(From) || !scale.Contains(To))
            yield return $"the band {this} is outside the scale {scale}.";
    }

    public override string ToString() => From == To ? $"{From}" : $"{From}–{To}";
}
