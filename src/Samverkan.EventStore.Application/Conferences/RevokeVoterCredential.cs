using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Conferences;

public static class RevokeVoterCredentialHandler
{
    public static VoterCredentialRevoked Handle(RevokeVoterCredential command, [Conference] Conference conference) =>
        conference.Decide(command);
}
