using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

public sealed record AdoptProtocol(Guid ConferenceId, string Level);

public static class AdoptProtocolHandler
{
    public static async Task<ProtocolAdopted> Handle(
        AdoptProtocol command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        // A retried adoption (its answer lost) gets the adoption it would have had.
        if (stream.Aggregate!.IsAdopted(command.Level))
            return (await session.Recorded<ProtocolAdopted>(command.ConferenceId, e => e.Level == command.Level, ct))!;
        var adopted = stream.Aggregate!.AdoptProtocol(command.Level);
        stream.AppendOne(adopted);
        return adopted;
    }
}
