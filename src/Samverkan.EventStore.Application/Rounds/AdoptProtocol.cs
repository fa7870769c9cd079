using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

public sealed record AdoptProtocol(Guid ConferenceId, string Level);

public static class AdoptProtocolHandler
{
    public static async Task<ProtocolAdopted> Handle(AdoptProtocol command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        var adopted = stream.Aggregate!.AdoptProtocol(command.Level);
        stream.AppendOne(adopted);
        return adopted;
    }
}
