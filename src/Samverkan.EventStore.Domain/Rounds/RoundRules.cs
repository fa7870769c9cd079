using System.Text.Json.Serialization;
using Samverkan.EventStore.Domain.Rounds.Rating;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Rounds;

/// <summary>What the share of yes votes is divided by.</summary>
public enum ShareDenominator
{
    /// <summary>
    /// The ballots cast on the indicator (with or without abstentions, see <see cref="AbstentionPolicy"/>).
    /// </summary>
    VotesCast,
    /// <summary>The experts checked in when the round closes, whether they voted on the indicator or not.</summary>
    ExpertsCheckedIn,
}

/// <summary>How abstentions count when the denominator is the votes cast.</summary>
public enum AbstentionPolicy
{
    /// <summary>An abstention is left out of the denominator.</summary>
    Excluded,
    /// <summary>An abstention counts in the denominator, like a no.</summary>
    CountedInDenominator,
}

/// <summary>What happens when indicators tie across a top-N cut-off.</summary>
public enum TiePolicy
{
    /// <summary>All tied indicators pass the cut-off (more than N may pass).</summary>
    IncludeAllTied,
    /// <summary>None of the tied indicators pass (fewer than N pass).</summary>
    ExcludeAllTied,
    /// <summary>The round cannot close until the facilitator has recorded which of the tied pass.</summary>
    FacilitatorDecides,
}

/// <summary>What happens to the indicators of a round that no rule advanced, selected or eliminated.</summary>
public enum RemainderPolicy
{
    /// <summary>They go on to the next round of their scope (cross-group discussion, then a new vote).</summary>
    CarryOver,
    /// <summary>They are eliminated.</summary>
    Eliminate,
    /// <summary>They stay where they are (e.g. in the comprehensive protocol when the core is selected).</summary>
    Retain,
}

/// <summary>Eliminate every indicator whose share of yes votes is below the threshold (Sundbyholm: 0.50).</summary>
public sealed record EliminationRule(decimal Below);

/// <summary>
/// Advance directly to a protocol level: either the top N by share, or every indicator at or above a share.
/// Exactly one of <see cref="TopN"/> and <see cref="AtOrAbove"/> is given.
/// </summary>
public sealed record DirectAdvanceRule(string ToLevel, int? TopN = null, decimal? AtOrAbove = null);

/// <summary>
/// The final selection: the top N of each category into a protocol level (Sundbyholm: 10 process and 5 effect).
/// </summary>
public sealed record FinalSelectionRule(string ToLevel, IReadOnlyDictionary<string, int> TopNPerCategory);

/// <summary>
/// A rating round: each voter rates every indicator on <see cref="Scale"/> ("cannot rate" is an abstention) and
/// the <see cref="Consensus"/> definition decides each one at the close: consensus in advances it to
/// <see cref="ToLevel"/>, consensus out eliminates it, and without consensus the round's remainder policy applies
/// (carry over: rated again in the next round of its scope).
/// </summary>
public sealed record RatingRules(RatingScale Scale, ConsensusDefinition Consensus, string ToLevel)
{
    /// <summary>
    /// The band a rating round's share is taken in (the definition's "in" band; RAND/UCLA's appropriate band), so
    /// that a rating round ranks, shows a share and records protocol members as a yes/no round does.
    /// </summary>
    [JsonIgnore]
    public RatingBand ShareBand => Consensus.PercentInBand is { } band
        ? band.In.Most.Band
        : new RatingBand((int)Math.Ceiling(Consensus.RandUcla?.AppropriateFrom ?? Scale.Max), Scale.Max);

    /// <summary>
    /// An indicator's tally in a rating round: ratings in the <see cref="ShareBand"/> as yes, other ratings as no,
    /// "cannot rate" as abstentions, and the share over the ratings on the scale.
    /// </summary>
    public Tally TallyOf(ItemRatings item)
    {
        var inBand = item.Panel.InBand(ShareBand);
        return new Tally(inBand, item.Panel.N - inBand, item.Panel.Abstentions, item.Panel.N);
    }

    /// <summary>
    /// What a rating round's close takes in: each indicator of the scope with its ratings (each voter's latest
    /// ballot, <see cref="Tally.Latest"/>) and its <see cref="TallyOf"/>. The one count of a rating round, for the
    /// live close and reruns.
    /// </summary>
    public IReadOnlyList<IndicatorTally> Entries(
        IReadOnlyList<int> scope, IEnumerable<CountedBallot> counted, Func<int, string> categoryOf)
    {
        var items = ItemRatings.Count(Scale, scope, counted.Select(b => b.AsRating()));
        return scope.Select(i => new IndicatorTally(i, categoryOf(i), TallyOf(items[i]), items[i])).ToList();
    }

    /// <summary>Every problem of the rating part of a plan, given its protocol levels.</summary>
    public IEnumerable<string> Problems(IReadOnlyList<string> protocolLevels)
    {
        var scale = Scale.Problems();
        foreach (var problem in scale) yield return problem;
        // A definition is checked against its scale only when the scale is one.
        if (scale.Count == 0)
            foreach (var problem in Consensus.Problems(Scale)) yield return problem;
        if (!protocolLevels.Contains(ToLevel))
            yield return $"consensus in advances to the unknown protocol level '{ToLevel}'.";
    }
}

/// <summary>
/// The rules that decide a round when it closes. A yes/no round applies them in this order: elimination, then
/// direct advance, then final selection, and whatever is left follows the remainder policy. A rating round
/// (<see cref="Rating"/> given) is decided by its consensus definition, and the remainder policy takes the
/// indicators without consensus.
/// </summary>
public sealed record RoundRules(
    EliminationRule? Eliminate = null,
    DirectAdvanceRule? Advance = null,
    FinalSelectionRule? Select = null,
    RemainderPolicy Remainder = RemainderPolicy.CarryOver,
    ShareDenominator Denominator = ShareDenominator.VotesCast,
    AbstentionPolicy Abstentions = AbstentionPolicy.Excluded,
    TiePolicy Ties = TiePolicy.IncludeAllTied,
    // Left out of a yes/no round's JSON, which reads and writes as it did before rating rounds.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RatingRules? Rating = null);
