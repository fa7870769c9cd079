using Marten;
using Samverkan.EventStore.Application.Security;

namespace Samverkan.EventStore.Application.Conferences;

public sealed record CheckInExpert(Guid ConferenceId, Guid ExpertId);

/// <summary>
/// The voter credential handed to the expert at check-in. It is returned this once and stored nowhere;
/// the log records only that the expert checked in.
/// </summary>
public sealed record VoterCredentialHandedOut(Guid ConferenceId, Guid ExpertId, string VoterCredential, int ExpertsCheckedIn);

public static class CheckInExpertHandler
{
    public static async Task<VoterCredentialHandedOut> Handle(
        CheckInExpert command, IDocumentSession session, ConferenceSecrets secrets, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        var conference = stream.Aggregate!;
        stream.AppendOne(conference.CheckIn(command.ExpertId));
        return new VoterCredentialHandedOut(command.ConferenceId, command.ExpertId,
            secrets.NewVoterCredential(command.ConferenceId), conference.ExpertsCheckedIn + 1);
    }
}
