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
/// The rules that decide a round when it closes. They apply in this order: elimination, then direct
/// advance, then final selection, and whatever is left follows the remainder policy.
/// </summary>
public sealed record RoundRules(
    EliminationRule? Eliminate = null,
    DirectAdvanceRule? Advance = null,
    FinalSelectionRule? Select = null,
    RemainderPolicy Remainder = RemainderPolicy.CarryOver,
    ShareDenominator Denominator = ShareDenominator.VotesCast,
    AbstentionPolicy Abstentions = AbstentionPolicy.Excluded,
    TiePolicy Ties = TiePolicy.IncludeAllTied);
