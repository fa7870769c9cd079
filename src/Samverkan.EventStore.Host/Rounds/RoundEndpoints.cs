using Marten;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Host.Http;
using Wolverine;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Rounds;

public sealed record ResolveTieRequest(string Level, IReadOnlyList<int> Chosen, string Reason, string? Category = null);

public sealed record OverrideOutcomeRequest(int Indicator, Outcome Outcome, string Reason);

/// <summary>Running the rounds and the protocol decisions: the facilitator's commands.</summary>
[For(Role.Facilitator)]
public static class RoundEndpoints
{
    [WolverinePost("/api/conferences/{conferenceId}/rounds/{round}/open", OperationId = "OpenRound")]
    public static Task<RoundOpenedResponse> Open(Guid conferenceId, int round, IMessageBus bus) =>
        bus.InvokeAsync<RoundOpenedResponse>(new OpenRound(conferenceId, round));

    /// <summary>Closes the round: every indicator in scope gets its decision, tally, rank and deciding rule.</summary>
    [WolverinePost("/api/conferences/{conferenceId}/rounds/{round}/close", OperationId = "CloseRound")]
    public static async Task<RoundClosure> Close(Guid conferenceId, int round, IMessageBus bus) =>
        await bus.InvokeAsync<RoundClosure>(new CloseRound(conferenceId, round));

    [WolverinePost("/api/conferences/{conferenceId}/rounds/{round}/tie-resolutions", OperationId = "ResolveTie")]
    public static Task<TieSettlement> ResolveTie(
        Guid conferenceId, int round, ResolveTieRequest body, IMessageBus bus) =>
        bus.InvokeAsync<TieSettlement>(
            new ResolveTie(conferenceId, round, body.Level, body.Category, body.Chosen, body.Reason));

    [WolverinePost("/api/conferences/{conferenceId}/rounds/{round}/overrides", OperationId = "OverrideOutcome")]
    public static Task<OutcomeOverride> Override(
        Guid conferenceId, int round, OverrideOutcomeRequest body, IMessageBus bus) =>
        bus.InvokeAsync<OutcomeOverride>(
            new OverrideOutcome(conferenceId, round, body.Indicator, body.Outcome, body.Reason));

    /// <summary>Adopts a protocol level and concludes the conference; answers with the protocol as adopted.</summary>
    [WolverinePost("/api/conferences/{conferenceId}/protocols/{level}/adoption", OperationId = "AdoptProtocol")]
    public static async Task<ProtocolView> Adopt(
        Guid conferenceId, string level, IMessageBus bus, IQuerySession session, CancellationToken ct)
    {
        await bus.InvokeAsync(new AdoptProtocol(conferenceId, level), ct);
        return ProtocolView.Of(await session.LoadConference(conferenceId, ct), level);
    }
}
