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
        var (receipt, e) = BallotSheet.Empty.Decide(Conference, 1, "v", First, 7, Answer.Yes);
        Assert.Equal(BallotRecording.Cast, receipt.Recording);
        Assert.Equal(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes), e);
    }

    [Fact]
    public void The_same_ballot_again_appends_nothing_and_gets_the_first_acknowledgement()
    {
        var sheet = After(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes));
        var first = new BallotReceipt(First, 1, 7, Answer.Yes, BallotRecording.Cast);
        Assert.Equal((first, (object?)null), sheet.Decide(Conference, 1, "v", First, 7, Answer.Yes));
        Assert.Equal(first, sheet.Earlier(First, 7, Answer.Yes));
    }

    [Fact]
    public void A_repeated_change_is_acknowledged_as_the_change_it_was()
    {
        var second = Guid.NewGuid();
        var sheet = After(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes),
            new BallotChanged(Conference, 1, "v", second, 7, Answer.No, Answer.Yes));
        Assert.Equal(BallotRecording.Changed, sheet.Earlier(second, 7, Answer.No)!.Recording);
        Assert.Null(sheet.Earlier(Guid.NewGuid(), 7, Answer.No));
    }

    [Fact]
    public void A_new_ballot_on_the_same_indicator_is_a_change()
    {
        var sheet = After(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes));
        var second = Guid.NewGuid();
        var (receipt, e) = sheet.Decide(Conference, 1, "v", second, 7, Answer.No);
        Assert.Equal(BallotRecording.Changed, receipt.Recording);
        Assert.Equal(new BallotChanged(Conference, 1, "v", second, 7, Answer.No, Answer.Yes), e);
    }

    [Fact]
    public void A_ballot_id_cannot_be_reused_for_another_ballot()
    {
        var sheet = After(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes));
        var refused = Assert.Throws<CommandRejected>(() => sheet.Decide(Conference, 1, "v", First, 7, Answer.No));
        Assert.Equal("ballot-id-reused", refused.Rejection.Code);
    }

    [Fact]
    public void An_answer_that_is_not_yes_no_or_abstain_is_refused()
    {
        // Such a ballot once made every later tally of its round fail: one voter could stop a conference.
        var refused =
            Assert.Throws<CommandRejected>(() => BallotSheet.Empty.Decide(Conference, 1, "v", First, 7, (Answer)7));
        Assert.Equal("invalid-answer", refused.Rejection.Code);
    }

    [Fact]
    public void Ballots_sent_together_are_decided_in_order_and_all_or_nothing()
    {
        var sheet = After(new BallotCast(Conference, 1, "v", First, 7, Answer.Yes));
        var second = Guid.NewGuid();
        var (receipts, events) = sheet.DecideAll(Conference, 1, "v",
            [new(First, 7, Answer.Yes), new(second, 7, Answer.No), new(Guid.NewGuid(), 8, Answer.Yes)], _ => { });
        Assert.Equal([BallotRecording.Cast, BallotRecording.Changed, BallotRecording.Cast],
            receipts.Select(r => r.Recording));
        Assert.Equal(2, events.Count);

        var refused = Assert.Throws<CommandRejected>(() => sheet.DecideAll(Conference, 1, "v",
            [new(Guid.NewGuid(), 8, Answer.Yes), new(Guid.NewGuid(), 99, Answer.Yes)], b =>
            {
                if (b.Indicator == 99)
                    throw CommandRejected.Invalid("indicator-out-of-scope", "Out of scope", "Not in scope.");
            }));
        Assert.Equal("indicator-out-of-scope", refused.Rejection.Code);
    }
}
