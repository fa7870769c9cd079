using Marten;
using Samverkan.EventStore.Application.History;
using Samverkan.EventStore.Domain.Audit;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.History;

/// <summary>The public question about the past: how an indicator got where it is, derived from the log.</summary>
public static class HistoryEndpoints
{
    /// <summary>How an indicator got where it is, the events cited, and one sentence in Swedish and English.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/indicators/{indicator}/audit",
        OperationId = "GetIndicatorAuditTrail")]
    public static Task<IndicatorAuditTrail> Audit(
        Guid conferenceId, int indicator, IQuerySession session, CancellationToken ct) =>
        session.AuditTrail(conferenceId, indicator, ct);
}
