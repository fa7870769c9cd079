using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Application.Rounds;

public sealed record OverrideOutcome(Guid ConferenceId, int Round, int Indicator, Outcome Outcome, string Reason);

public static class OverrideOutcomeHandler
{
    public static async Task<OutcomeOverridden> Handle(
        OverrideOutcome command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        var overridden = stream.Aggregate!.OverrideOutcome(
            command.Round, command.Indicator, command.Outcome, command.Reason);
        stream.AppendOne(overridden);
        return overridden;
    }
}
