using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Tests.Voting;

/// <summary>
/// The ballot box reads of a voter's sheet only the ballots on the indicators and with the ids it is asked about;
/// deciding on that part must be deciding on the whole sheet.
/// </summary>
public class BallotSheetProperties
{
    private static readonly Guid Conference = Guid.NewGuid();
    private static readonly Guid[] Ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
    private static readonly Answer[] Answers = [Answer.Yes, Answer.No, Answer.Abstain];

    /// <summary>A ballot from a byte: one of eight ballot ids, five indicators and three answers.</summary>
    private static SheetBallot Ballot(byte b) => new(Ids[b % 8], b / 8 % 5 + 1, Answers[b / 40 % 3]);

    private static string Outcome(BallotSheet sheet, IReadOnlyList<SheetBallot> asked)
    {
        try
        {
            var (receipts, events) = sheet.DecideAll(Conference, 1, "v", asked, _ => { });
            return string.Join(";", receipts) + "|" + string.Join(";", events);
        }
        catch (CommandRejected refused)
        {
            return refused.Rejection.Code;
        }
    }

    [Property]
    public Property Deciding_on_the_part_asked_about_is_deciding_on_the_whole_sheet(byte[] before, byte[] now)
    {
        var whole = BallotSheet.Empty;
        var log = new List<object>();
        foreach (var ballot in before.Select(Ballot))
        {
            try
            {
                var (_, e) = whole.Decide(Conference, 1, "v", ballot.BallotId, ballot.Indicator, ballot.Mark);
                if (e is null) continue;
                whole = BallotSheet.Evolve(whole, e);
                log.Add(e);
            }
            catch (CommandRejected)
            {
                // A reused ballot id with other content: refused, and so not in the log.
            }
        }
        var asked = now.Take(6).Select(Ballot).ToList();
        // As EventLog.SheetBallots reads it: the earlier ballots on an indicator or with a ballot id asked about.
        var part = log.Where(e => e switch
        {
            BallotCast c => asked.Any(a => a.Indicator == c.Indicator || a.BallotId == c.BallotId),
            BallotChanged c => asked.Any(a => a.Indicator == c.Indicator || a.BallotId == c.BallotId),
            _ => false,
        }).Aggregate(BallotSheet.Empty, BallotSheet.Evolve);
        return (Outcome(part, asked) == Outcome(whole, asked)).ToProperty();
    }
}
