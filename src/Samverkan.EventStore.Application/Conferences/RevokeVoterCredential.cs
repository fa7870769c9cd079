using Marten;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>Revoke a voter credential (e.g. handed back by an expert who leaves). The voter is its pseudonym.</summary>
public sealed record RevokeVoterCredential(Guid ConferenceId, string Voter, string Reason);

public static class RevokeVoterCredentialHandler
{
    public static async Task Handle(RevokeVoterCredential command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        stream.AppendOne(stream.Aggregate!.RevokeVoter(command.Voter, command.Reason));
    }
}
