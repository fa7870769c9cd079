using JasperFx.Events;
using Marten;
using Marten.Events;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Contracts;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Application.Integration;

/// <summary>
/// A page of integration events after a sequence number; ask again with <see cref="NextAfter"/> for more.
/// </summary>
public sealed record IntegrationEventPage(IReadOnlyList<IIntegrationEvent> Events, long? NextAfter);

/// <summary>
/// Integration events derived from the event log, and only from it: the publisher (RabbitMQ, webhooks) and a
/// subscriber catching up ask the same question and get the same events, with the same ids.
/// </summary>
public static class IntegrationEventLog
{
    /// <summary>The internal events that become integration events.</summary>
    public static readonly Type[] SourceTypes = [typeof(RoundClosed), typeof(ProtocolAdopted)];

    /// <summary>
    /// What a subscriber missed: the integration events after a global sequence number, in log order.
    /// </summary>
    public static async Task<IntegrationEventPage> After(
        this IQuerySession session, long after, int limit, Guid? conferenceId, IReadOnlyCollection<string> types,
        CancellationToken ct)
    {
        var unknown = types.Except(IntegrationEventTypes.All).ToList();
        if (unknown.Count > 0)
            throw CommandRejected.Invalid("unknown-event-type", "Unknown integration event type",
                $"{string.Join(", ", unknown)} is not an integration event type; the types are " +
                $"{string.Join(", ", IntegrationEventTypes.All)}.");

        var names = SourceTypes.Select(session.TypeName).ToArray();
        var page = await session.Page("type = any(?) and (?::uuid is null or stream_id = ?::uuid)",
            [names, conferenceId?.ToString()!, conferenceId?.ToString()!], after, limit, ct);
        var integration = await session.IntegrationEventsOf(page.Events, ct);
        return new IntegrationEventPage(
            types.Count == 0 ? integration : integration.Where(e => types.Contains(e.Type)).ToList(), page.NextAfter);
    }

    /// <summary>
    /// The integration events of logged conference events, each with the conference as it stood right after it
    /// (the protocol members so far). Events of other types give none.
    /// </summary>
    public static async Task<IReadOnlyList<IIntegrationEvent>> IntegrationEventsOf(this IQuerySession session,
        IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var result = new List<IIntegrationEvent>();
        foreach (var stream in events.Where(e => SourceTypes.Contains(e.EventType)).GroupBy(e => e.StreamId))
        {
            var wanted = stream.ToDictionary(e => e.Version);
            // The usual case, the relay right after a close: the event is the stream's last, so the inline
            // projection holds the state right after it. Loaded before the stream's version is read, so that an
            // event appended in between is noticed, not mistaken for the state after this one.
            var current = await session.LoadAsync<Conference>(stream.Key, ct);
            if (wanted.Count == 1 && current is not null
                && (await session.Events.FetchStreamStateAsync(stream.Key, ct))?.Version == wanted.Keys.Single())
            {
                result.Add(Map(wanted.Values.Single(), current));
                continue;
            }
            // Otherwise (a subscriber catching up on older events) the conference is folded up to each of them.
            var conference = (Conference?)null;
            foreach (var logged in await session.Events.FetchStreamAsync(stream.Key, version: wanted.Keys.Max(),
                token: ct))
            {
                conference = Conference.Evolve(conference, logged.Data);
                if (wanted.TryGetValue(logged.Version, out var e)) result.Add(Map(e, conference));
            }
        }
        return result.OrderBy(e => e.Sequence).ToList();
    }

    private static IIntegrationEvent Map(IEvent e, Conference after) => e.Data switch
    {
        RoundClosed x => new RoundClosedV1(e.Id, e.Sequence, e.Timestamp, x.ConferenceId, after.Title, x.Round,
            x.ExpertsCheckedIn, x.Voters,
            x.BallotsCounted, x.Decisions.Select(Result).ToList(),
            (after.Plan?.ProtocolLevels ?? []).Select(level => new ProtocolV1(level, Members(after, level))).ToList()),
        ProtocolAdopted x => new ProtocolAdoptedV1(e.Id, e.Sequence, e.Timestamp, x.ConferenceId, after.Title, x.Level,
            Members(after, x.Level)),
        var other =>
            throw new InvalidOperationException($"{other.GetType().Name} is not the source of an integration event."),
    };

    private static IndicatorResultV1 Result(IndicatorDecision d) => new(
        d.Indicator, d.Category, d.Tally.Yes, d.Tally.No, d.Tally.Abstain, d.Tally.Denominator, d.Tally.Share, d.Rank,
        Kebab(d.Outcome.Kind.ToString()), d.Outcome.Level, Kebab(d.Rule.Kind.ToString()), d.Rule.Describe());

    private static IReadOnlyList<ProtocolMemberV1> Members(Conference conference, string level) =>
        conference.ProtocolMembers(level).OrderBy(m => m.Indicator)
            .Select(m => new ProtocolMemberV1(m.Indicator, m.Category, m.Text, m.Perspective, m.LastRound, m.Share))
            .ToList();

    /// <summary>Contract values do not follow the internal enums' casing.</summary>
    private static string Kebab(string name) => Naming.Separated(name, '-');
}
