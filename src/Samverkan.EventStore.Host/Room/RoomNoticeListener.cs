using Marten;
using Marten.Services;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Host.Room;

/// <summary>
/// Turns what a transaction committed into notices for the open pages of every node, after the commit (so a page
/// that reads at once sees the change). A ballot only marks its round's turnout; a change of a ballot does not even
/// do that.
/// </summary>
public sealed class RoomNoticeListener(RoomNoticeChannel channel) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var committed in commit.GetEvents())
        {
            switch (committed.Data)
            {
                case BallotCast ballot:
                    channel.BallotCast(ballot.ConferenceId, ballot.Round);
                    break;
                case RoundOpened opened:
                    channel.Send(new RoomNotice(opened.ConferenceId, "opened", opened.Round));
                    break;
                case RoundClosed closed:
                    channel.Send(new RoomNotice(closed.ConferenceId, "closed", closed.Round));
                    break;
                case var fact when ConsensusEventStore.ConferenceEventTypes.Contains(fact.GetType()):
                    channel.Send(new RoomNotice(committed.StreamId, "changed"));
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
