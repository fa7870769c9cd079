using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;
using Xunit;

namespace Samverkan.EventStore.Domain.Tests.Rounds;

public class TallyTests
{
    [Fact]
    public void A_changed_ballot_counts_once_with_its_latest_answer()
    {
        var tallies = Tally.Count([1],
            Tally.Latest([new("v1", 1, Answer.Yes), new("v1", 1, Answer.No), new("v2", 1, Answer.Yes)]),
            new RoundRules(), 2);
        Assert.Equal(new Tally(1, 1, 0, 2), tallies[1]);
    }

    [Theory]
    [InlineData(ShareDenominator.VotesCast, AbstentionPolicy.Excluded, 3)]
    [InlineData(ShareDenominator.VotesCast, AbstentionPolicy.CountedInDenominator, 4)]
    [InlineData(ShareDenominator.ExpertsCheckedIn, AbstentionPolicy.Excluded, 23)]
    public void The_denominator_follows_the_rules(ShareDenominator denominator, AbstentionPolicy abstentions,
        int expected)
    {
        var rules = new RoundRules(Denominator: denominator, Abstentions: abstentions);
        CountedBallot[] ballots =
            [new("a", 1, Answer.Yes), new("b", 1, Answer.Yes), new("c", 1, Answer.No), new("d", 1, Answer.Abstain)];
        Assert.Equal(expected, Tally.Count([1], ballots, rules, expertsCheckedIn: 23)[1].Denominator);
    }

    [Fact]
    public void Ballots_outside_the_scope_are_not_counted() =>
        Assert.Equal(0, Tally.Count([1], [new("a", 2, Answer.Yes)], new RoundRules(), 1)[1].Ballots);

    [Property]
    public Property Every_voter_counts_at_most_once_per_indicator(NonEmptyArray<(byte Voter, bool Yes)> presses)
    {
        var ballots = presses.Get.Select(p => new CountedBallot($"v{p.Voter % 30}", 1, p.Yes ? Answer.Yes : Answer.No))
            .ToList();
        var tally = Tally.Count([1], Tally.Latest(ballots), new RoundRules(), 30)[1];
        var voters = ballots.Select(b => b.Voter).Distinct().Count();
        var lastYes = ballots.GroupBy(b => b.Voter).Count(g => g.Last().Answer == Answer.Yes);
        return (tally.Ballots == voters && tally.Yes == lastYes).ToProperty();
    }

    [Property]
    public Property Share_comparison_agrees_with_exact_fractions(PositiveInt aDen, PositiveInt bDen,
        NonNegativeInt aYes, NonNegativeInt bYes)
    {
        var a = new Tally(aYes.Get % (aDen.Get + 1), 0, 0, aDen.Get);
        var b = new Tally(bYes.Get % (bDen.Get + 1), 0, 0, bDen.Get);
        var exact = ((decimal)a.Yes / a.Denominator).CompareTo((decimal)b.Yes / b.Denominator);
        return (Math.Sign(Tally.CompareShares(a, b)) == Math.Sign(exact)
            || (decimal)a.Yes * b.Denominator == (decimal)b.Yes * a.Denominator).ToProperty();
    }
}
