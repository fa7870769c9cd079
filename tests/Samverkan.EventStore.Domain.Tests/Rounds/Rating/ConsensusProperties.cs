using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samverkan.EventStore.Domain.Rounds.Rating;
using static Samverkan.EventStore.Domain.Tests.Rounds.Rating.Panel;

namespace Samverkan.EventStore.Domain.Tests.Rounds.Rating;

public class ConsensusProperties
{
    private static readonly string[] GroupNames = ["brukare", "tjänsteperson", "chef", "politiker"];

    /// <summary>
    /// A percent-in-band definition whose "in" band lies above its "out" band, as every published one does,
    /// with arbitrary percentages and comparators: in at least/more than p % rate a–9 (and at most/less than
    /// q % rate 1–b), out mirrored.
    /// </summary>
    private static ConsensusDefinition Generated(byte split, byte p, byte q, byte comparators, bool everyGroup)
    {
        var a = split % 6 + 4;
        var b = split / 6 % (a - 1) + 1;
        RatingBand high = new(a, 9), low = new(1, b);
        var most = (comparators & 1) == 0 ? Comparison.AtLeast : Comparison.MoreThan;
        var few = (comparators & 2) == 0 ? Comparison.AtMost : Comparison.LessThan;
        var (pPercent, qPercent) = (p % 101, q % 101);
        return new ConsensusDefinition("generated", new PercentInBand(
            new BandConsensus(new BandCondition(high, most, pPercent), new BandCondition(low, few, qPercent)),
            new BandConsensus(new BandCondition(low, most, pPercent), new BandCondition(high, few, qPercent))),
            Groups: everyGroup ? GroupRequirement.EveryGroup : GroupRequirement.WholePanel, MinimumGroupSize: 3);
    }

    private static ConsensusDefinition[] Definitions(byte split, byte p, byte q, byte comparators, bool everyGroup) =>
    [
        ConsensusDefinition.Comet7015,
        ConsensusDefinition.RandUclaIpras,
        ConsensusDefinition.RandUclaIpras with { Groups = GroupRequirement.EveryGroup, MinimumGroupSize = 2 },
        Generated(split, p, q, comparators, everyGroup),
    ];

    /// <summary>
    /// Ballots of a panel that leans one way, as real panels do (uniform ratings almost never reach consensus):
    /// ratings within 2 of a centre the first byte sets, now and then one anywhere or "cannot rate".
    /// </summary>
    private static List<CountedRating> Ballots(byte[] raw)
    {
        var centre = raw.Length == 0 ? 5 : raw[0] % 9 + 1;
        int? Rating(byte b) => (b % 17, b % 7) switch
        {
            (0, _) => null,
            (_, 0) => b % 9 + 1,
            _ => Math.Clamp(centre + b % 5 - 2, 1, 9),
        };
        return raw.Select((b, i) => new CountedRating($"v{i}", 1, Rating(b),
            b / 10 % 5 == 4 ? null : GroupNames[b / 10 % 5])).ToList();
    }

    [Property(MaxTest = 500)]
    public bool A_verdict_does_not_depend_on_the_order_of_ballots(byte[] raw, int seed, byte split, byte p, byte q,
        byte comparators, bool everyGroup)
    {
        var ballots = Ballots(raw);
        var random = new Random(seed);
        List<CountedRating> shuffled = [.. ballots.OrderBy(_ => random.Next())];
        return Definitions(split, p, q, comparators, everyGroup).All(d =>
            Consensus.Evaluate(d, Items(ballots)).ToString() == Consensus.Evaluate(d, Items(shuffled)).ToString());
    }

    [Property(MaxTest = 500)]
    public bool Adding_a_rating_inside_the_in_band_never_turns_consensus_in_into_consensus_out(byte[] raw,
        byte added, byte split, byte p, byte q, byte comparators, bool everyGroup)
    {
        var ballots = Ballots(raw);
        return Definitions(split, p, q, comparators, everyGroup).All(d =>
        {
            var band = d.PercentInBand?.In.Most.Band ?? new RatingBand(7, 9);
            var rating = band.From + added % (band.To - band.From + 1);
            var group = GroupNames[added % GroupNames.Length];
            var before = Consensus.Evaluate(d, Items(ballots)).Verdict;
            var after = Consensus.Evaluate(d, Items([.. ballots, new CountedRating("new", 1, rating, group)])).Verdict;
            return before != ConsensusVerdict.ConsensusIn || after != ConsensusVerdict.ConsensusOut;
        });
    }

    [Property]
    public bool Every_group_is_at_least_as_strict_as_the_whole_panel(byte[] raw, byte split, byte p, byte q,
        byte comparators)
    {
        var item = Items(Ballots(raw));
        var panel = Generated(split, p, q, comparators, everyGroup: false);
        var verdict = Consensus.Evaluate(panel with { Groups = GroupRequirement.EveryGroup }, item).Verdict;
        return verdict == ConsensusVerdict.NoConsensus || verdict == Consensus.Evaluate(panel, item).Verdict;
    }

    [Property]
    public Property Kendalls_w_is_between_0_and_1(NonEmptyArray<byte> raw, PositiveInt voters, PositiveInt items)
    {
        var (m, n) = (voters.Get % 8 + 2, items.Get % 6 + 2);
        var ratings = Enumerable.Range(0, m).SelectMany(j => Enumerable.Range(1, n).Select(i =>
            new CountedRating($"v{j}", i, raw.Get[(j * n + i) % raw.Get.Length] % 9 + 1)));
        var w = Concordance.Of(Enumerable.Range(1, n), ratings).W;
        return (w is null || (w >= 0 && w <= 1)).ToProperty();
    }

    [Property]
    public Property Kendalls_w_is_1_when_all_voters_rank_alike(NonEmptyArray<byte> raw, PositiveInt voters)
    {
        var m = voters.Get % 8 + 2;
        var ratings = Enumerable.Range(0, m).SelectMany(j => raw.Get.Select((r, i) =>
            new CountedRating($"v{j}", i + 1, r % 9 + 1)));
        var w = Concordance.Of(Enumerable.Range(1, raw.Get.Length), ratings).W;
        var allTied = raw.Get.Select(r => r % 9).Distinct().Count() == 1;
        return (allTied ? w is null : w == 1).ToProperty();
    }

    /// <summary>With no group shown, the panel's figures are the tally itself, shown whatever its size.</summary>
    [Property]
    public bool Beside_shown_groups_the_raters_not_shown_are_none_or_at_least_k(byte[] raw, byte k)
    {
        var item = Items(Ballots(raw));
        var minimum = k % 6 + 1;
        var shown = item.ShownGroups(minimum);
        var hidden = item.Panel.N - shown.Sum(g => g.Ratings.N);
        return shown.Count == 0 || hidden == 0 || hidden >= minimum;
    }
}
