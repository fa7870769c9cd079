using System.Collections.Immutable;
using Samverkan.EventStore.Domain.Rounds.Rating;

namespace Samverkan.EventStore.Domain.Voting;

// Each voter's ballots of one round form a stream of their own, so voters never contend for one stream's
// lock: 100 voters pressing at once append to 100 streams. The voter is a keyed pseudonym, never a person.

/// <summary>
/// A voter cast a ballot on an indicator for the first time in this round. In a rating round the answer is
/// <see cref="Answer.Rated"/> with its <see cref="Rating"/>, or an abstention ("cannot rate"). <see cref="Group"/> is
/// the stakeholder group the voter's credential carries, if any.
/// </summary>
public sealed record BallotCast(
    Guid ConferenceId, int Round, string Voter, Guid BallotId, int Indicator, Answer Answer, int? Rating = null,
    string? Group = null);

/// <summary>A voter changed their ballot on an indicator while the round was open; the latest counts.</summary>
public sealed record BallotChanged(
    Guid ConferenceId, int Round, string Voter, Guid BallotId, int Indicator, Answer Answer, Answer Previous,
    int? Rating = null, int? PreviousRating = null, string? Group = null);

/// <summary>What a ballot says of its indicator: the answer, and the rating when the answer is a rating.</summary>
public sealed record Mark(Answer Answer, int? Rating = null)
{
    public static implicit operator Mark(Answer answer) => new(answer);

    /// <summary>An answer that exists, with a rating when it is Rated and only then.</summary>
    public bool IsWellFormed => Enum.IsDefined(Answer) && (Answer == Answer.Rated) == (Rating is not null);

    /// <summary>
    /// Whether the mark is one a round takes: a rating on the scale or an abstention in a rating round (a scale
    /// given), yes, no or an abstention without a rating in a yes/no round.
    /// </summary>
    public bool Fits(RatingScale? scale) =>
        IsWellFormed
        && (scale is null
            ? Answer is Answer.Yes or Answer.No or Answer.Abstain
            : Answer == Answer.Abstain || (Answer == Answer.Rated && scale.Contains(Rating!.Value)));

    public override string ToString() => Rating is { } rating ? $"rated {rating}" : Answer.ToString();
}

/// <summary>How a ballot was recorded: as the voter's first answer on its indicator, or as a change of it.</summary>
public enum BallotRecording
{
    Cast,
    Changed,
}

/// <summary>One ballot of a sheet as the voter sends it: its own id, the indicator, the answer, any rating.</summary>
public sealed record SheetBallot(Guid BallotId, int Indicator, Answer Answer, int? Rating = null)
{
    public Mark Mark => new(Answer, Rating);
}

/// <summary>A ballot as acknowledged to the voter; a repeat of its ballot id gets this same acknowledgement.</summary>
public sealed record BallotReceipt(
    Guid BallotId, int Round, int Indicator, Answer Answer, BallotRecording Recording, int? Rating = null)
{
    public Mark Mark => new(Answer, Rating);
}

/// <summary>One voter's ballots in one round: the latest answer per indicator and every ballot id seen.</summary>
public sealed record BallotSheet(
    ImmutableDictionary<int, Mark> Answers, ImmutableDictionary<Guid, BallotReceipt> Receipts)
{
    /// <summary>The sheet's stream id (see <see cref="StreamId"/>).</summary>
    public Guid Id { get; init; }

    public static readonly BallotSheet Empty =
        new(ImmutableDictionary<int, Mark>.Empty, ImmutableDictionary<Guid, BallotReceipt>.Empty);

    /// <summary>
    /// The stream of one voter's ballots in one round: a name-based id, so every node derives the same one.
    /// </summary>
    public static Guid StreamId(Guid conferenceId, int round, string voter) =>
        StreamIds.FromName($"ballot-sheet:{conferenceId:N}:{round}:{voter}");

    /// <summary>The evolve function of a voter's sheet: the state after one more ballot.</summary>
    public static BallotSheet Evolve(BallotSheet? state, object @event) => @event switch
    {
        BallotCast e => (state ?? Empty).Record(
            new(e.BallotId, e.Round, e.Indicator, e.Answer, BallotRecording.Cast, e.Rating)),
        BallotChanged e => (state ?? Empty).Record(
            new(e.BallotId, e.Round, e.Indicator, e.Answer, BallotRecording.Changed, e.Rating)),
        _ => state ?? Empty,
    };

    private BallotSheet Record(BallotReceipt receipt) => this with
    {
        Answers = Answers.SetItem(receipt.Indicator, receipt.Mark),
        Receipts = Receipts.SetItem(receipt.BallotId, receipt),
    };

    /// <summary>
    /// The acknowledgement already given for this ballot id, or null when the id is new. A repeat is answered
    /// from the sheet alone, before the round is looked at: a ballot committed before the close (its answer lost
    /// on the way) is acknowledged again after the close, because it was counted. The same id with other content
    /// is refused, since one ballot cannot be two.
    /// </summary>
    public BallotReceipt? Earlier(Guid ballotId, int indicator, Mark mark)
    {
        if (!Receipts.TryGetValue(ballotId, out var earlier)) return null;
        if (earlier.Indicator == indicator && earlier.Mark == mark) return earlier;
        throw CommandRejected.Conflict("ballot-id-reused", "The ballot id was already used",
            $"Ballot {ballotId} was recorded as {earlier.Mark} on indicator {earlier.Indicator}; "
            + "a ballot id cannot be reused for another ballot.");
    }

    /// <summary>
    /// Decides a ballot: the voter's first answer on its indicator, a change of it, or (no event) a repeat of a
    /// ballot id already recorded, which gets its first acknowledgement.
    /// </summary>
    public (BallotReceipt Receipt, object? Event) Decide(
        Guid conferenceId, int round, string voter, Guid ballotId, int indicator, Mark mark, string? group = null)
    {
        var (answer, rating) = (mark.Answer, mark.Rating);
        if (!mark.IsWellFormed)
            throw CommandRejected.Invalid("invalid-answer", "Not an answer",
                "A ballot answers Yes, No or Abstain, or Rated with a rating; only Rated has a rating.");
        if (Earlier(ballotId, indicator, mark) is { } earlier) return (earlier, null);
        return Answers.TryGetValue(indicator, out var previous)
            ? (new(ballotId, round, indicator, answer, BallotRecording.Changed, rating),
                new BallotChanged(conferenceId, round, voter, ballotId, indicator, answer, previous.Answer,
                    rating, previous.Rating, group))
            : (new(ballotId, round, indicator, answer, BallotRecording.Cast, rating),
                new BallotCast(conferenceId, round, voter, ballotId, indicator, answer, rating, group));
    }

    /// <summary>The most ballots one request may carry: a whole catalog (Sundbyholm had 137) and then some.</summary>
    public const int MaxBallotsAtOnce = 1000;

    /// <summary>
    /// Decides ballots sent together, in their order, all or nothing: each as <see cref="Decide"/> does, a repeat
    /// acknowledged as it first was and appending nothing, a new ballot only where <paramref name="ensureCanVote"/>
    /// lets it (the round open, the indicator in scope, the credential not revoked, the answer of the round's kind).
    /// One ballot is a sheet of one.
    /// </summary>
    public (IReadOnlyList<BallotReceipt> Receipts, IReadOnlyList<object> Events) DecideAll(
        Guid conferenceId, int round, string voter, IReadOnlyList<SheetBallot> ballots,
        Action<SheetBallot> ensureCanVote, string? group = null)
    {
        EnsureSize(ballots);
        var (state, receipts, events) = (this, new List<BallotReceipt>(), new List<object>());
        foreach (var b in ballots)
        {
            if (state.Earlier(b.BallotId, b.Indicator, b.Mark) is { } repeat)
            {
                receipts.Add(repeat);
                continue;
            }
            ensureCanVote(b);
            var (receipt, e) = state.Decide(conferenceId, round, voter, b.BallotId, b.Indicator, b.Mark, group);
            receipts.Add(receipt);
            events.Add(e!);
            state = Evolve(state, e!);
        }
        return (receipts, events);
    }

    /// <summary>Refuses a sheet of no ballot or over <see cref="MaxBallotsAtOnce"/>, before anything is read.</summary>
    public static void EnsureSize(IReadOnlyList<SheetBallot> ballots)
    {
        if (ballots.Count is 0 or > MaxBallotsAtOnce)
            throw CommandRejected.Invalid("invalid-ballot-sheet", "Not a ballot sheet",
                $"A ballot sheet holds 1 to {MaxBallotsAtOnce} ballots, not {ballots.Count}.");
    }
}
