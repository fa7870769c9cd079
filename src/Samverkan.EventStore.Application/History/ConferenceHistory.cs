using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Integration.Webhooks;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Audit;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.History;

/// <summary>
/// One event of a conference as the walk shows it: where it is in the log, what it is and what it records.
/// </summary>
public sealed record LoggedEventView(
    long Sequence, Guid StreamId, long Version, DateTimeOffset Time, string Type, string Summary, object Data);

public sealed record EventPage(Guid ConferenceId, IReadOnlyList<LoggedEventView> Events, long? NextAfter);

/// <summary>A conference as it stood at one point of the log.</summary>
public sealed record ConferenceAsOf(long Sequence, DateTimeOffset Time, ConferenceSummary Conference);

/// <summary>Questions about the past of a conference, answered from its events only.</summary>
public static class ConferenceHistory
{
    public static async Task<IReadOnlyList<LoggedEvent>> LoggedConferenceStream(
        this IQuerySession session, Guid conferenceId, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(conferenceId, token: ct);
        if (events.Count == 0) throw Conference.Unknown(conferenceId);
        return events.Select(e => new LoggedEvent(e.Sequence, e.Timestamp, e.Data)).ToList();
    }

    public static async Task<IndicatorAuditTrail> AuditTrail(
        this IQuerySession session, Guid conferenceId, int indicator, CancellationToken ct) =>
        IndicatorAuditTrail.Of(indicator, await session.LoggedConferenceStream(conferenceId, ct));

    /// <summary>The conference as of a global sequence number or a time: its events up to there, folded.</summary>
    public static async Task<ConferenceAsOf> AsOf(
        this IQuerySession session, Guid conferenceId, long? sequence, DateTimeOffset? time, CancellationToken ct)
    {
        var stream = await session.LoggedConferenceStream(conferenceId, ct);
        var upTo = stream
            .Where(e => (sequence is null || e.Sequence <= sequence) && (time is null || e.Time <= time))
            .ToList();
        if (upTo.Count == 0)
            throw CommandRejected.NotFound("before-conference", "The conference did not exist yet",
                $"Conference {conferenceId} was planned at event {stream[0].Sequence} ({stream[0].Time:O}); " +
                "nothing stood before that.");
        return new ConferenceAsOf(upTo[^1].Sequence, upTo[^1].Time,
            ConferenceSummary.Of(Conference.Fold(upTo.Select(e => e.Data))));
    }

    /// <summary>
    /// Every event of a conference in log order, ballots included, a page at a time: a conference stepped
    /// through like a recording. Ballots carry pseudonyms only.
    /// </summary>
    public static async Task<EventPage> Walk(
        this IQuerySession session, Guid conferenceId, long after, int limit, CancellationToken ct)
    {
        await session.LoggedConferenceStream(conferenceId, ct);
        var page = await session.Page("stream_id = ? or data ->> 'conferenceId' = ?",
            [conferenceId, conferenceId.ToString()], after, limit, ct);
        var views = page.Events.Select(e => new LoggedEventView(e.Sequence, e.StreamId, e.Version, e.Timestamp,
            e.EventTypeName, EventSummary.Of(e.Data), Shown(e.Data))).ToList();
        return new EventPage(conferenceId, views, page.NextAfter);
    }

    /// <summary>An event as an auditor may see it: a webhook's sealed secret is not shown, even sealed.</summary>
    private static object Shown(object data) =>
        data is WebhookSubscribed w ? w with { SealedSecret = "(not shown)" } : data;
}
