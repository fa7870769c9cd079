using Samverkan.EventStore.Domain.Rounds.Rating;

namespace Samverkan.EventStore.Domain.Voting;

/// <summary>
/// A voter's answer on one indicator: yes, no, or an abstention (the clicker's third button) in a yes/no round;
/// a rating on the round's scale, or an abstention ("cannot rate"), in a rating round.
/// </summary>
public enum Answer
{
    Yes,
    No,
    Abstain,
    /// <summary>A rating on the round's scale, given beside the answer; only in a rating round.</summary>
    Rated,
}

/// <summary>
/// One ballot as the tally sees it: the voter's pseudonym and stakeholder group, never who the voter is.
/// <see cref="Rating"/> is given when the answer is <see cref="Answer.Rated"/>, and only then.
/// </summary>
public sealed record CountedBallot(
    string Voter, int Indicator, Answer Answer, int? Rating = null, string? Group = null)
{
    /// <summary>The ballot as a rating round counts it ("cannot rate" as no rating).</summary>
    public CountedRating AsRating() => new(Voter, Indicator, Rating, Group);
}
