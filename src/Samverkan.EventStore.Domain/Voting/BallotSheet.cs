using System.Collections.Immutable;

namespace Samverkan.EventStore.Domain.Voting;

// Each voter's ballots of one round form a stream of their own, so voters never contend for one stream's
// lock: 100 voters pressing at once append to 100 streams. The voter is a keyed pseudonym, never a person.

/// <summary>A voter cast a ballot on an indicator for the first time in this round.</summary>
public sealed record BallotCast(Guid ConferenceId, int Round, string Voter, Guid BallotId, int Indicator, Answer Answer);

/// <summary>A voter changed their ballot on an indicator while the round was open; the latest counts.</summary>
public sealed record BallotChanged(Guid ConferenceId, int Round, string Voter, Guid BallotId, int Indicator, Answer Answer, Answer Previous);

/// <summary>How a ballot was recorded: as new, as a change, or as a repeat of a ballot id already recorded.</summary>
public enum BallotRecording
{
    Cast,
    Changed,
    AlreadyRecorded,
}

/// <summary>A ballot as acknowledged to the voter; a repeat of the same ballot id gets the same acknowledgement.</summary>
public sealed record BallotReceipt(Guid BallotId, int Round, int Indicator, Answer Answer);

/// <summary>One voter's ballots in one round: the latest answer per indicator and every ballot id seen.</summary>
public sealed record BallotSheet(ImmutableDictionary<int, Answer> Answers, ImmutableDictionary<Guid, BallotReceipt> Receipts)
{
    /// <summary>The sheet's stream id (see <see cref="StreamId"/>).</summary>
    public Guid Id { get; init; }

    public static readonly BallotSheet Empty = new(ImmutableDictionary<int, Answer>.Empty, ImmutableDictionary<Guid, BallotReceipt>.Empty);

    /// <summary>The stream of one voter's ballots in one round: a name-based id, so every node derives the same one.</summary>
    public static Guid StreamId(Guid conferenceId, int round, string voter) => StreamIds.FromName($"ballot-sheet:{conferenceId:N}:{round}:{voter}");

    /// <summary>The evolve function of a voter's sheet: the state after one more ballot.</summary>
    public static BallotSheet Evolve(BallotSheet? state, object @event) => @event switch
    {
        BallotCast e => (state ?? Empty).Record(e.BallotId, e.Round, e.Indicator, e.Answer),
        BallotChanged e => (state ?? Empty).Record(e.BallotId, e.Round, e.Indicator, e.Answer),
        _ => state ?? Empty,
    };

    private BallotSheet Record(Guid ballotId, int round, int indicator, Answer answer) => this with
    {
        Answers = Answers.SetItem(indicator, answer),
        Receipts = Receipts.SetItem(ballotId, new BallotReceipt(ballotId, round, indicator, answer)),
    };

    /// <summary>
    /// Decides how a ballot is recorded. A repeat of a ballot id with the same content is acknowledged again
    /// and appends nothing; the same id with other content is refused, since it cannot be both.
    /// </summary>
    public (BallotRecording Recording, object? Event) Decide(Guid conferenceId, int round, string voter, Guid ballotId, int indicator, Answer answer)
    {
        if (Receipts.TryGetValue(ballotId, out var earlier))
        {
            if (earlier.Indicator == indicator && earlier.Answer == answer) return (BallotRecording.AlreadyRecorded, null);
            throw CommandRejected.Conflict("ballot-id-reused", "The ballot id was already used",
                $"Ballot {ballotId} was recorded as {earlier.Answer} on indicator {earlier.Indicator}; a ballot id cannot be reused for another ballot.");
        }
        return Answers.TryGetValue(indicator, out var previous)
            ? (BallotRecording.Changed, new BallotChanged(conferenceId, round, voter, ballotId, indicator, answer, previous))
            : (BallotRecording.Cast, new BallotCast(conferenceId, round, voter, ballotId, indicator, answer));
    }
}
