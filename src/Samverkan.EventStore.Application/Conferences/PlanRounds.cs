using Marten;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Application.Conferences;

public sealed record PlanRounds(Guid ConferenceId, RoundPlan Plan);

public static class PlanRoundsHandler
{
    public static async Task Handle(PlanRounds command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        stream.AppendOne(stream.Aggregate!.PlanRounds(command.Plan));
    }
}
