using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Voting;

/// <summary>A voter's ballot on one indicator. <see cref="Voter"/> is the credential's pseudonym, never a person.</summary>
public sealed record CastBallot(Guid ConferenceId, int Round, string Voter, Guid BallotId, int Indicator, Answer Answer);

/// <summary>The acknowledgement of a ballot: once given, the ballot is committed and will be counted exactly once.</summary>
public sealed record BallotAcknowledged(Guid BallotId, int Round, int Indicator, Answer Answer, BallotRecording Recording);

public static class CastBallotHandler
{
    public static async Task<BallotAcknowledged> Handle(CastBallot command, IDocumentSession session, CancellationToken ct)
    {
        // Held until commit: a close of this round waits for this ballot, or this ballot sees the round closed.
        await session.LockSharedForBallot(command.ConferenceId, command.Round, ct);
        var conference = await session.LoadConference(command.ConferenceId, ct);
        conference.EnsureCanVote(command.Round, command.Indicator, command.Voter);

        // The voter's own stream for this round: voters never contend with each other for a stream.
        var sheet = await session.Events.FetchForWriting<BallotSheet>(
            BallotSheet.StreamId(command.ConferenceId, command.Round, command.Voter), ct);
        var (recording, ballot) = (sheet.Aggregate ?? BallotSheet.Empty).Decide(
            command.ConferenceId, command.Round, command.Voter, command.BallotId, command.Indicator, command.Answer);
        if (ballot is not null) sheet.AppendOne(ballot);
        return new BallotAcknowledged(command.BallotId, command.Round, command.Indicator, command.Answer, recording);
    }
}
