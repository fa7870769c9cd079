using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.EventStore;

/// <summary>A page of logged events in log order; ask again after <see cref="NextAfter"/> for more.</summary>
public sealed record LoggedPage(IReadOnlyList<IEvent> Events, long? NextAfter);

/// <summary>
/// The one place that reads Marten's event table with SQL, for the questions its LINQ cannot ask cheaply: a page of
/// events by a filter, and the ballots of a round. Everything else reads streams and documents through Marten.
/// </summary>
public static class EventLog
{
    private const string Events = $"{ConsensusEventStore.Schema}.mt_events";
    private const string Streams = $"{ConsensusEventStore.Schema}.mt_streams";

    /// <summary>The name Marten stores an event type under (snake case: <c>ballot_cast</c>).</summary>
    public static string TypeName(this IQuerySession session, Type eventType) =>
        session.DocumentStore.TypeName(eventType);

    public static string TypeName(this IDocumentStore store, Type eventType) =>
        ((EventGraph)store.Options.Events).EventMappingFor(eventType).EventTypeName;

    /// <summary>
    /// The events after a global sequence number that match <paramref name="where"/> (SQL over <c>mt_events</c>,
    /// with <c>?</c> for each of <paramref name="parameters"/>), at most <paramref name="limit"/> of them.
    /// </summary>
    public static async Task<LoggedPage> Page(this IQuerySession session, string where, object[] parameters,
        long after, int limit, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
            throw CommandRejected.Invalid("invalid-page", "Invalid page size",
                $"A page holds 1 to 1000 events, not {limit}.");
        if (after < 0)
            throw CommandRejected.Invalid("invalid-page", "Invalid sequence",
                $"Ask for events after a sequence number of 0 or more, not {after}.");
        var sequences = await session.QueryAsync<long>(
            $"select seq_id from {Events} where ({where}) and seq_id > ? order by seq_id limit ?",
            ct, [.. parameters, after, limit + 1]);
        var page = sequences.Take(limit).ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence.IsOneOf(page)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return new LoggedPage(events, sequences.Count > limit ? page[^1] : null);
    }

    /// <summary>
    /// Every ballot of a round in log order, as the tally counts them (pseudonym, indicator, answer, rating, group).
    /// Read through <see cref="BallotsByRound"/>, so it costs what the round holds, not what the store holds.
    /// </summary>
    public static async Task<IReadOnlyList<CountedBallot>> InLogOrder(
        this IQuerySession session, Guid conferenceId, int round, CancellationToken ct) =>
        await session.QueryAsync<CountedBallot>(InLogOrderSql(session.DocumentStore), ct, conferenceId.ToString(),
            round);

    /// <summary>The query of <see cref="InLogOrder"/>, with <c>?</c> for the conference id and the round.</summary>
    public static string InLogOrderSql(IDocumentStore store) =>
        $"""
         select jsonb_build_object(
             'voter', data ->> 'voter', 'indicator', (data ->> 'indicator')::int, 'answer', data ->> 'answer',
             'rating', (data ->> 'rating')::int, 'group', data ->> 'group')
         from {Events}
         where {BallotTypes(store)} and data ->> 'conferenceId' = ? and (data ->> 'round')::int = ?
         order by seq_id
         """;

    /// <summary>
    /// The index of the ballots by conference and round, in log order. Partial (ballot events only) and written with
    /// the same expressions as <see cref="InLogOrder"/>'s filter, so that the planner can use it. Built
    /// concurrently, so that building it on a large store does not stop ballots.
    /// </summary>
    public static async Task IndexBallotsByRound(this IDocumentStore store, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"""
             create index concurrently if not exists {BallotsByRound} on {Events}
                 ((data ->> 'conferenceId'), ((data ->> 'round')::int), seq_id) where {BallotTypes(store)}
             """, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public const string BallotsByRound = "mt_events_ballots_by_round";

    /// <summary>
    /// What ballots ask of their voters' sheets, and no more: each sheet's earlier ballots on the same indicators or
    /// with the same ballot ids, in log order, as rows of stream id, event type and data. A batch of ballots thus reads
    /// what it asks about, not every ballot its voters cast before (a sheet grows to a whole catalog in a round).
    /// Lateral, so that each sheet is found through the stream's index whatever the planner guesses of the store.
    /// </summary>
    public static NpgsqlBatchCommand SheetBallots(IReadOnlyList<(Guid Sheet, int Indicator, Guid BallotId)> asked) =>
        new($"""
             select e.stream_id, e.type, e.data
             from (select sheet, array_agg(indicator) as indicators, array_agg(id::text) as ids
                   from unnest($1::uuid[], $2::int[], $3::uuid[]) as asked(sheet, indicator, id) group by sheet) a
             cross join lateral (
                 select stream_id, type, data, seq_id from {Events}
                 where stream_id = a.sheet
                     and ((data ->> 'indicator')::int = any(a.indicators) or data ->> 'ballotId' = any(a.ids))) e
             order by e.seq_id
             """)
        {
            Parameters =
            {
                new() { Value = asked.Select(a => a.Sheet).ToArray() },
                new() { Value = asked.Select(a => a.Indicator).ToArray() },
                new() { Value = asked.Select(a => a.BallotId).ToArray() },
            },
        };

    /// <summary>The version of each of these streams that exists, as rows of id and version.</summary>
    public static NpgsqlBatchCommand StreamVersions(IReadOnlyList<Guid> streams) =>
        new($"select id, version from {Streams} where id = any($1)") { Parameters = { new() { Value = streams } } };

    // The types are written into the SQL, not passed as a parameter: only then can the planner see that the query
    // asks for what the partial index holds. They are Marten's names of our own event types.
    private static string BallotTypes(IDocumentStore store) =>
        $"type in ('{store.TypeName(typeof(BallotCast))}', '{store.TypeName(typeof(BallotChanged))}')";
}
