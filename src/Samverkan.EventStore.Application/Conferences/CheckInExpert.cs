using Marten;
using Samverkan.EventStore.Application.Security;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>Checks an expert in. With an <see cref="IdempotencyKey"/>, a retry hands out the same credential.</summary>
public sealed record CheckInExpert(Guid ConferenceId, Guid ExpertId, string? IdempotencyKey = null);

/// <summary>
/// The voter credential handed to the expert at check-in. It is stored nowhere; the log records only that someone
/// checked in (see <see cref="Domain.Conferences.ExpertCheckedIn"/>).
/// </summary>
public sealed record VoterCredentialHandedOut(
    Guid ConferenceId, Guid ExpertId, string VoterCredential, int ExpertsCheckedIn);

public static class CheckInExpertHandler
{
    public static async Task<VoterCredentialHandedOut> Handle(
        CheckInExpert command, IDocumentSession session, ConferenceSecrets secrets, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        var (credential, retryToken) = command.IdempotencyKey is { } key
            ? secrets.CheckInUnder(command.ConferenceId, command.ExpertId, key)
            : (secrets.NewVoterCredential(command.ConferenceId), null);
        var checkedIn = stream.Aggregate!.CheckIn(
            command.ExpertId, secrets.Attendee(command.ConferenceId, command.ExpertId), retryToken);
        if (checkedIn is not null) stream.AppendOne(checkedIn);
        return new VoterCredentialHandedOut(command.ConferenceId, command.ExpertId, credential,
            stream.Aggregate.ExpertsCheckedIn + (checkedIn is null ? 0 : 1));
    }
}
