using Marten;
using Samverkan.EventStore.Application.History;
using Samverkan.EventStore.Domain.Audit;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Http;

/// <summary>Auditors' and researchers' questions about the past: every answer is derived from the log.</summary>
public static class HistoryEndpoints
{
    /// <summary>How an indicator got where it is, with the events cited, and one sentence in Swedish and English.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/indicators/{indicator}/audit", OperationId = "GetIndicatorAuditTrail")]
    public static Task<IndicatorAuditTrail> Audit(Guid conferenceId, int indicator, IQuerySession session, CancellationToken ct) =>
        session.AuditTrail(conferenceId, indicator, ct);

    /// <summary>The conference as it stood at a global event sequence number, or at a time (ISO 8601), or both.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/as-of", OperationId = "GetConferenceAsOf")]
    public static Task<ConferenceAsOf> AsOf(Guid conferenceId, long? sequence, DateTimeOffset? time, IQuerySession session, CancellationToken ct) =>
        session.AsOf(conferenceId, sequence, time, ct);

    /// <summary>Every event of the conference in log order, ballots included; page on with after = nextAfter.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/events", OperationId = "WalkConferenceEvents")]
    public static Task<EventPage> Events(Guid conferenceId, long? after, int? limit, IQuerySession session, CancellationToken ct) =>
        session.Walk(conferenceId, after ?? 0, limit ?? 100, ct);
}
