using Marten;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain.Evaluation;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>
/// Checks an expert in, in a stakeholder group if given. With an <see cref="IdempotencyKey"/>, a retry hands out the
/// same credential.
/// </summary>
public sealed record CheckInExpert(
    Guid ConferenceId, Guid ExpertId, string? IdempotencyKey = null, string? Group = null);

/// <summary>
/// The voter credential handed to the expert at check-in. It is stored nowhere; the log records only that someone
/// checked in (see <see cref="Domain.Conferences.ExpertCheckedIn"/>).
/// </summary>
public sealed record VoterCredentialHandedOut(
    Guid ConferenceId, Guid ExpertId, string VoterCredential, int ExpertsCheckedIn);

public static class CheckInExpertHandler
{
    public static async Task<(VoterCredentialHandedOut, IEnumerable<object>)> Handle(CheckInExpert command,
        [Conference] Conference conference, IQuerySession session, ConferenceSecrets secrets, CancellationToken ct)
    {
        var (credential, retryToken) = command.IdempotencyKey is { } key
            ? secrets.CheckInUnder(command.ConferenceId, command.ExpertId, key, command.Group)
            : (secrets.NewVoterCredential(command.ConferenceId, command.Group), null);
        var attendee = secrets.Attendee(command.ConferenceId, command.ExpertId);
        var recovering = retryToken is not null && conference.HasCheckedIn(attendee);
        var checkedIn = conference.CheckIn(command.ExpertId, attendee, retryToken,
            recovering && await session.HasVoted(command.ConferenceId, conference.Rounds.Keys, secrets.Check(
                command.ConferenceId, credential), ct));
        return (new VoterCredentialHandedOut(command.ConferenceId, command.ExpertId, credential,
            conference.ExpertsCheckedIn + (checkedIn is null ? 0 : 1)), checkedIn is null ? [] : [checkedIn]);
    }

    /// <summary>Whether a credential has cast a ballot in any round or answered the evaluation.</summary>
    private static async Task<bool> HasVoted(this IQuerySession session, Guid conferenceId, IEnumerable<int> rounds,
        CredentialCheck credential, CancellationToken ct)
    {
        var streams = rounds.Select(r => BallotSheet.StreamId(conferenceId, r, credential.Voter!))
            .Append(EvaluationRules.ResponseStreamId(conferenceId, credential.Respondent!));
        foreach (var stream in streams)
            if (await session.Events.FetchStreamStateAsync(stream, ct) is not null) return true;
        return false;
    }
}
