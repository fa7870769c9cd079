using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Samverkan.EventStore.Host.Room;

/// <summary>
/// What an open page is told: that something of a conference changed, after which it reads the public views again.
/// Never an event (events carry pseudonyms), never a ballot. <see cref="Kind"/> is <c>opened</c> or <c>closed</c> (a
/// round), <c>turnout</c> (someone voted in the last second or two; never who, never how) or <c>changed</c>.
/// </summary>
public sealed record RoomNotice(Guid Conference, string Kind, int? Round = null)
{
    public const string Turnout = "turnout";
}

/// <summary>
/// Hands notices to every page of this node subscribed to a conference, whichever node committed the change (they
/// come through <see cref="RoomNoticeChannel"/>). Each page has a small queue that drops its oldest notice when full:
/// a notice only says "read again", so a slow page loses nothing by missing an older one.
/// </summary>
public sealed class RoomNotices
{
    private const int QueuePerPage = 16;
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<RoomNotice>, byte>> _pages = new();

    // The rounds whose turnout went to the pages this tick, and whether another came meanwhile (to go at the tick).
    private readonly Dictionary<(Guid Conference, int Round), bool> _turnout = new();

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

    /// <summary>A notice from any node; turnout goes through <see cref="TurnoutChanged"/>.</summary>
    public void Deliver(RoomNotice notice)
    {
        if (notice.Kind == RoomNotice.Turnout && notice.Round is { } round) TurnoutChanged(notice.Conference, round);
        else Tell(notice);
    }

    /// <summary>
    /// Every page reads again: this node may have missed notices (it was not listening to the other nodes).
    /// </summary>
    public void EveryPageRereads()
    {
        foreach (var conference in _pages.Keys) Tell(new RoomNotice(conference, "changed"));
    }

    /// <summary>
    /// Turnout is coalesced here, where the pages are: at most one notice per round per tick of this node's clock,
    /// however many nodes took ballots. The first of a tick goes at once (each node sends it on its own tick, so its
    /// timing follows a clock, not a ballot); any later one waits for the next tick.
    /// </summary>
    private void TurnoutChanged(Guid conference, int round)
    {
        lock (_turnout)
        {
            if (_turnout.TryAdd((conference, round), false))
                Tell(new RoomNotice(conference, RoomNotice.Turnout, round));
            else _turnout[(conference, round)] = true;
        }
    }

    /// <summary>A new tick: the turnout held back goes out (and counts for this tick); the other rounds are free.
    /// </summary>
    public void Tick()
    {
        lock (_turnout)
            foreach (var ((conference, round), waiting) in _turnout.ToList())
                if (waiting)
                {
                    _turnout[(conference, round)] = false;
                    Tell(new RoomNotice(conference, RoomNotice.Turnout, round));
                }
                else _turnout.Remove((conference, round));
    }

    private void Tell(RoomNotice notice)
    {
        if (!_pages.TryGetValue(notice.Conference, out var pages)) return;
        foreach (var queue in pages.Keys) queue.Writer.TryWrite(notice);
    }
}

/// <summary>Ticks once a second: this node's pages get the turnout held back, and the other nodes this node's.
/// </summary>
public sealed class TurnoutTicker(RoomNotices notices, RoomNoticeChannel channel) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        // In this order: this node's own turnout, sent now, comes back in the new tick and goes to its pages at once.
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            notices.Tick();
            channel.SendTurnout();
        }
    }
}
