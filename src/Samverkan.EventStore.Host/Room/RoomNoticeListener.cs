using Marten;
using Marten.Services;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Host.Room;

/// <summary>
/// Turns what a transaction committed into notices for the open pages, after the commit (so a page that reads at
/// once sees the change). A ballot only marks its round's turnout; a change of a ballot does not even do that.
/// </summary>
public sealed class RoomNoticeListener(RoomNotices notices) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var committed in commit.GetEvents())
        {
            switch (committed.Data)
            {
                case BallotCast ballot:
                    notices.TurnoutChanged(ballot.ConferenceId, ballot.Round);
                    break;
                case RoundOpened opened:
                    notices.Publish(new RoomNotice(opened.ConferenceId, "opened", opened.Round));
                    break;
                case RoundClosed closed:
                    notices.Publish(new RoomNotice(closed.ConferenceId, "closed", closed.Round));
                    break;
                case var fact when ConsensusEventStore.ConferenceEventTypes.Contains(fact.GetType()):
                    notices.Publish(new RoomNotice(committed.StreamId, "changed"));
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
