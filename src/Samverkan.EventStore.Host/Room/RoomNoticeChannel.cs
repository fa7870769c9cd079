using System.Text.Json;
using System.Threading.Channels;
using Npgsql;

namespace Samverkan.EventStore.Host.Room;

/// <summary>
/// Carries the room's notices between the nodes that share the database, through PostgreSQL's LISTEN/NOTIFY: a node
/// sends what it committed (<c>pg_notify</c>), and every node, itself included, hears it on a connection of its own
/// that listens, and hands it to its own pages (<see cref="RoomNotices"/>). So a notice reaches a page by one way
/// only, whichever node committed it. The payload is the notice itself: conference, kind, round.
/// </summary>
public sealed class RoomNoticeChannel : BackgroundService
{
    public const string Name = "samverkan_room_notices";
    public const string ApplicationName = "samverkan room notices";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(15);

    private readonly NpgsqlDataSource _database;
    private readonly RoomNotices _notices;
    private readonly ILogger<RoomNoticeChannel> _log;
    private readonly Channel<RoomNotice> _outgoing =
        Channel.CreateUnbounded<RoomNotice>(new UnboundedChannelOptions { SingleReader = true });

    // The rounds whose turnout this node sent this tick, and whether a ballot came since (to be sent at the tick).
    private readonly Dictionary<(Guid Conference, int Round), bool> _turnout = new();

    public RoomNoticeChannel(string connectionString, RoomNotices notices, ILogger<RoomNoticeChannel> log)
    {
        // Keepalives while it waits, so that a listening connection cut off without a word is noticed; named, so that
        // an operator can tell these connections in pg_stat_activity.
        _database = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
            { KeepAlive = 10, ApplicationName = ApplicationName });
        _notices = notices;
        _log = log;
    }

    /// <summary>A notice for the pages of every node.</summary>
    public void Send(RoomNotice notice) => _outgoing.Writer.TryWrite(notice);

    /// <summary>
    /// A ballot was committed: its round's turnout goes to the nodes at once if it is the tick's first, else with the
    /// next tick, so that this node sends at most one a tick whatever the ballots, and the last ballot's is never
    /// lost. The pages hear one a tick, from however many nodes (see <see cref="RoomNotices.FlushTurnout"/>).
    /// </summary>
    public void BallotCast(Guid conference, int round)
    {
        lock (_turnout)
            if (!_turnout.TryAdd((conference, round), false)) _turnout[(conference, round)] = true;
            else Send(new RoomNotice(conference, RoomNotice.Turnout, round));
    }

    /// <summary>A new tick: the turnout of the ballots since the tick's first goes out; the other rounds are free.
    /// </summary>
    public void Tick()
    {
        lock (_turnout)
            foreach (var ((conference, round), since) in _turnout.ToList())
                if (since)
                {
                    _turnout[(conference, round)] = false;
                    Send(new RoomNotice(conference, RoomNotice.Turnout, round));
                }
                else _turnout.Remove((conference, round));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task SendAsync(CancellationToken ct)
    {
        await foreach (var notice in _outgoing.Reader.ReadAllAsync(ct))
        {
            try
            {
                await using var notify = _database.CreateCommand("select pg_notify($1, $2)");
                notify.Parameters.Add(new NpgsqlParameter { Value = Name });
                notify.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(notice, Json) });
                await notify.ExecuteNonQueryAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Lost, which a page survives: it reads again at the next notice, or when it or its node reconnects.
                _log.LogWarning(e, "A room notice ({Kind}) was not sent to the nodes", notice.Kind);
            }
        }
    }

    /// <summary>Listens for as long as the node runs, connecting again after a failure, at growing intervals.</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        var retry = FirstRetry;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _database.OpenConnectionAsync(ct);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"listen {Name}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                retry = FirstRetry;
                // Whatever was committed while this node did not listen, its pages read anew.
                _notices.EveryPageRereads();
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "Not listening to the room notices of the nodes; again in {Retry}", retry);
                try
                {
                    await Task.Delay(retry, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private void Receive(string payload)
    {
        try
        {
            if (JsonSerializer.Deserialize<RoomNotice>(payload, Json) is { Kind: not null } notice)
                _notices.Deliver(notice);
        }
        catch (JsonException e)
        {
            _log.LogWarning(e, "A room notice from the database could not be read");
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _database.Dispose();
    }
}
