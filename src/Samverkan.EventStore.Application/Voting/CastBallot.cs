using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Voting;

/// <summary>
/// A voter's ballot on one indicator. <see cref="Voter"/> is the credential's pseudonym, never a person.
/// </summary>
public sealed record CastBallot(
    Guid ConferenceId, int Round, string Voter, Guid BallotId, int Indicator, Answer Answer);

/// <summary>
/// The acknowledgement of a ballot: once given, the ballot is committed and will be counted exactly once.
/// Sending the same ballot again, before or after the close, gets this same acknowledgement.
/// </summary>
public sealed record BallotAcknowledged(
    Guid BallotId, int Round, int Indicator, Answer Answer, BallotRecording Recording)
{
    public static BallotAcknowledged Of(BallotReceipt r) =>
        new(r.BallotId, r.Round, r.Indicator, r.Answer, r.Recording);
}

public static class CastBallotHandler
{
    public static async Task<BallotAcknowledged> Handle(
        CastBallot command, IDocumentSession session, CancellationToken ct)
    {
        var sheetId = BallotSheet.StreamId(command.ConferenceId, command.Round, command.Voter);
        // Held until commit: a close of this round waits for this ballot, or this ballot sees the round closed;
        // and one voter's ballots (ten first answers sent at once) take turns on their sheet instead of colliding.
        await session.LockForBallot(command.ConferenceId, command.Round, sheetId, ct);
        var sheet = await session.Events.FetchForWriting<BallotSheet>(sheetId, ct);
        var state = sheet.Aggregate ?? BallotSheet.Empty;
        if (state.Earlier(command.BallotId, command.Indicator, command.Answer) is { } repeat)
            return BallotAcknowledged.Of(repeat);

        var conference = await session.LoadConference(command.ConferenceId, ct);
        conference.EnsureCanVote(command.Round, command.Indicator, command.Voter);
        var (receipt, ballot) = state.Decide(
            command.ConferenceId, command.Round, command.Voter, command.BallotId, command.Indicator, command.Answer);
        if (ballot is not null) sheet.AppendOne(ballot);
        return BallotAcknowledged.Of(receipt);
    }
}
