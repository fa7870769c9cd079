using Marten;
using Npgsql;
using Samverkan.EventStore.Domain.Voting;

/// <summary>
/// What a ballot path is set beside, on the same PostgreSQL in the same run: a bare Marten append per ballot (a store
/// of Marten's defaults in a schema of its own: no projection, no listener) and a raw Npgsql insert per ballot, one
/// transaction each. The server takes 200 connections (LocalPostgres) and a
/// service beside it keeps its own pool, so each path lets its idle connections go (given a connection string with
/// a short idle lifetime) before the next runs.
/// </summary>
public sealed class Baselines : IAsyncDisposable
{
    private readonly IDocumentStore _store;
    private readonly NpgsqlDataSource _source;

    private Baselines(IDocumentStore store, NpgsqlDataSource source)
    {
        _store = store;
        _source = source;
    }

    /// <summary>The bare store's schema and the raw insert's table, in the database of
    /// <paramref name="connectionString"/>.</summary>
    public static async Task<Baselines> CreateAsync(string connectionString)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = "baseline";
            options.Events.AddEventType<BallotCast>();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var source = NpgsqlDataSource.Create(connectionString);
        await using var table = source.CreateCommand(
            "create table raw_ballots (voter text, indicator int, answer text, at timestamptz default now())");
        await table.ExecuteNonQueryAsync();
        return new Baselines(store, source);
    }

    /// <summary>Long enough for connections idle 1 s to be pruned (Npgsql checks every second at the most).
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public async Task ReportAsync(int inFlight, IReadOnlyList<(string Voter, int Indicator)> work)
    {
        await Load.Report("baseline: Marten append", inFlight, work, async (voter, indicator) =>
        {
            await using var session = _store.LightweightSession();
            session.Events.Append(Guid.NewGuid(),
                new BallotCast(Guid.NewGuid(), 1, voter, Guid.NewGuid(), indicator, Answer.Yes));
            await session.SaveChangesAsync();
        });
        await Task.Delay(Settle);
        await Load.Report("baseline: raw insert", inFlight, work, async (voter, indicator) =>
        {
            await using var insert = _source.CreateCommand(
                "insert into raw_ballots (voter, indicator, answer) values ($1, $2, 'Yes')");
            insert.Parameters.Add(new NpgsqlParameter { Value = voter });
            insert.Parameters.Add(new NpgsqlParameter { Value = indicator });
            await insert.ExecuteNonQueryAsync();
        });
        await Task.Delay(Settle);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _source.DisposeAsync();
    }
}
