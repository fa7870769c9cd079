using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

public static class AdoptProtocolHandler
{
    /// <summary>A retried adoption (its answer lost) appends nothing; the protocol view answers both.</summary>
    public static IEnumerable<object> Handle(AdoptProtocol command, [Conference] Conference conference) =>
        conference.Decide(command) is { } adopted ? [adopted] : [];
}
