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

    /// <summary>A notice from any node; turnout waits for the next tick.</summary>
    public void Deliver(RoomNotice notice)
    {
        if (notice is { Kind: RoomNotice.Turnout, Round: { } round }) _turnout.TryAdd((notice.Conference, round), 0);
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
    /// Turnout is coalesced here, where the pages are: one notice per round and tick of this node's clock, however
    /// many nodes sent one meanwhile, so that its timing follows the clock rather than any one ballot.
    /// </summary>
    public void FlushTurnout()
    {
        foreach (var key in _turnout.Keys)
            if (_turnout.TryRemove(key, out _)) Tell(new RoomNotice(key.Conference, RoomNotice.Turnout, key.Round));
    }

    private void Tell(RoomNotice notice)
    {
        if (!_pages.TryGetValue(notice.Conference, out var pages)) return;
        foreach (var queue in pages.Keys) queue.Writer.TryWrite(notice);
    }
}

/// <summary>Ticks once a second: this node's pages get the turnout heard meanwhile, the nodes this node's own.
/// </summary>
public sealed class TurnoutTicker(RoomNotices notices, RoomNoticeChannel channel) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            notices.FlushTurnout();
            channel.Tick();
        }
    }
}
