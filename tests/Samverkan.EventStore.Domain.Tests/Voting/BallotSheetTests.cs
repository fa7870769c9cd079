using Samverkan.EventStore.Domain.Voting;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Voting;

public class BallotSheetTests
{
    private static readonly Guid Conference = Guid.NewGuid();
    private static readonly Guid First = Guid.NewGuid();

    private static BallotSheet After(params object[] events) => events.Aggregate(BallotSheet.Empty, BallotSheet.Evolve);

    [Fact]
    public void A_first_ballot_is_cast()
    {
        var (recording, e) = BallotSheet.Empty.Decide(Conference, 1, "v", First, 7, Answer.Yes);
        Assert.Equal(BallotRecording.Cast, recording);
        Assert.Equal(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes), e);
    }

    [Fact]
    public void The_same_ballot_again_appends_nothing()
    {
        var sheet = After(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes));
        Assert.Equal((BallotRecording.AlreadyRecorded, (object?)null), sheet.Decide(Conference, 1, "v", First, 7, Answer.Yes));
    }

    [Fact]
    public void A_new_ballot_on_the_same_indicator_is_a_change()
    {
        var sheet = After(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes));
        var second = Guid.NewGuid();
        var (recording, e) = sheet.Decide(Conference, 1, "v", second, 7, Answer.No);
        Assert.Equal(BallotRecording.Changed, recording);
        Assert.Equal(new BallotChanged(Conference, 1, "v", second, 7, Answer.No, Answer.Yes), e);
    }

    [Fact]
    public void A_ballot_id_cannot_be_reused_for_another_ballot()
    {
        var sheet = After(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes));
        var refused = Assert.Throws<CommandRejected>(() => sheet.Decide(Conference, 1, "v", First, 7, Answer.No));
        Assert.Equal("ballot-id-reused", refused.Rejection.Code);
    }
}
