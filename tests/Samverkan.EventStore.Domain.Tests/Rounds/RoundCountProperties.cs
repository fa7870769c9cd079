using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Tests.Rounds;

/// <summary>The count kept as ballots arrive is what counting the round's ballots gives, whatever they were.</summary>
public class RoundCountProperties
{
    private static readonly Guid Conference = Guid.NewGuid();

    private static readonly Mark[] Marks =
        [Answer.Yes, Answer.No, Answer.Abstain, new(Answer.Rated, 1), new(Answer.Rated, 5), new(Answer.Rated, 9)];

    /// <summary>
    /// Ballots of five voters (two in groups) on four indicators, each decided on its voter's sheet as the ballot
    /// box does: the voter's first answer, a change, or a repeat that adds nothing.
    /// </summary>
    private static List<object> Ballots(byte[] choices)
    {
        var sheets = new Dictionary<string, BallotSheet>();
        var events = new List<object>();
        foreach (var c in choices)
        {
            var voter = $"v{c % 5}";
            var sheet = sheets.GetValueOrDefault(voter, BallotSheet.Empty);
            var (_, e) = sheet.Decide(Conference, 1, voter, Guid.NewGuid(), c / 5 % 4 + 1, Marks[c / 20 % Marks.Length],
                (c % 5) switch { 0 => "a", 1 => "b", _ => null });
            if (e is null) continue;
            sheets[voter] = BallotSheet.Evolve(sheet, e);
            events.Add(e);
        }
        return events;
    }

    private static CountedBallot Counted(object ballot) => ballot switch
    {
        BallotCast b => new(b.Voter, b.Indicator, b.Answer, b.Rating, b.Group),
        BallotChanged b => new(b.Voter, b.Indicator, b.Answer, b.Rating, b.Group),
        _ => throw new ArgumentOutOfRangeException(nameof(ballot)),
    };

    private static IEnumerable<string> Multiset(IEnumerable<CountedBallot> ballots) =>
        ballots.Select(b => $"{b.Indicator} {b.Answer} {b.Rating} {b.Group}").Order();

    [Property]
    public Property The_kept_count_is_the_count_of_each_voters_latest_ballot(byte[] choices)
    {
        var ballots = Ballots(choices);
        var kept = ballots.Aggregate(RoundCount.Empty(Conference, 1), (count, e) => count.Evolve(e));
        return Multiset(kept.Counted()).SequenceEqual(Multiset(Tally.Latest(ballots.Select(Counted).ToList())))
            .ToProperty();
    }

    [Property]
    public Property A_mark_no_voter_holds_any_longer_is_not_kept(byte[] choices)
    {
        var kept = Ballots(choices).Aggregate(RoundCount.Empty(Conference, 1), (count, e) => count.Evolve(e));
        return kept.Marks.All(m => m.Voters > 0).ToProperty();
    }
}
