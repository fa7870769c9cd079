using Marten;
using JasperFx.Events;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>Loading a conference from its stream, with a clear rejection when there is none.</summary>
public static class ConferenceStream
{
    public static async Task<IEventStream<Conference>> FetchConferenceForWriting(
        this IDocumentSession session, Guid id, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Conference>(id, ct);
        if (stream.Aggregate is null) throw Conference.Unknown(id);
        return stream;
    }

    public static async Task<Conference> LoadConference(this IQuerySession session, Guid id, CancellationToken ct) =>
        await session.LoadAsync<Conference>(id, ct) ?? throw Conference.Unknown(id);

    /// <summary>
    /// The event of a stream a command recorded before, so that a retry of it (its answer lost) gets the answer the
    /// first try had; the default when the stream holds none.
    /// </summary>
    public static async Task<TEvent?> Recorded<TEvent>(
        this IQuerySession session, Guid streamId, Func<TEvent, bool> which, CancellationToken ct)
        where TEvent : class =>
        (await session.Events.FetchStreamAsync(streamId, token: ct)).Select(e => e.Data).OfType<TEvent>()
        .SingleOrDefault(which);
}
