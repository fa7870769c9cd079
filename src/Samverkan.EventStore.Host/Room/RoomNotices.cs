using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Samverkan.EventStore.Host.Room;

/// <summary>
/// What an open page is told: that something of a conference changed, after which it reads the public views again.
/// Never an event (events carry pseudonyms), never a ballot. <see cref="Kind"/> is <c>opened</c> or <c>closed</c> (a
/// round), <c>turnout</c> (someone voted in the last second or so; never who, never how) or <c>changed</c>.
/// </summary>
public sealed record RoomNotice(Guid Conference, string Kind, int? Round = null);

/// <summary>
/// Hands notices to every page subscribed to a conference. Each page has a small queue that drops its oldest notice
/// when full: a notice only says "read again", so a slow page loses nothing by missing an older one.
/// Turnout is coalesced and sent on a tick shared by all conferences (<see cref="FlushTurnout"/>), so that its
/// timing follows the clock rather than any one ballot.
/// </summary>
public sealed class RoomNotices
{
    private const int QueuePerPage = 16;
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<RoomNotice>, byte>> _pages = new();
    private readonly ConcurrentDictionary<(Guid Conference, int Round), byte> _turnout = new();

    /// <summary>The notices of a conference from now on, until the page goes away.</summary>
    public async IAsyncEnumerable<RoomNotice> Follow(
        Guid conference, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var queue = Channel.CreateBounded<RoomNotice>(new BoundedChannelOptions(QueuePerPage)
            { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var pages = _pages.GetOrAdd(conference, _ => new());
        pages.TryAdd(queue, 0);
        try
        {
            // The first notice tells the page it is connected, so it reads the views it may have missed meanwhile.
            yield return new RoomNotice(conference, "changed");
            await foreach (var notice in queue.Reader.ReadAllAsync(ct)) yield return notice;
        }
        finally
        {
            pages.TryRemove(queue, out _);
        }
    }

    public void Publish(RoomNotice notice)
    {
        if (!_pages.TryGetValue(notice.Conference, out var pages)) return;
        foreach (var queue in pages.Keys) queue.Writer.TryWrite(notice);
    }

    /// <summary>A ballot was committed: the round's turnout goes out with the next tick.</summary>
    public void TurnoutChanged(Guid conference, int round) => _turnout.TryAdd((conference, round), 0);

    public void FlushTurnout()
    {
        foreach (var key in _turnout.Keys)
            if (_turnout.TryRemove(key, out _)) Publish(new RoomNotice(key.Conference, "turnout", key.Round));
    }
}

/// <summary>Sends the coalesced turnout notices once a second.</summary>
public sealed class TurnoutTicker(RoomNotices notices) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken)) notices.FlushTurnout();
    }
}
