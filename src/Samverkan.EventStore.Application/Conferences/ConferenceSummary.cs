using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>
/// A conference as it stands: its facts, rounds and where every indicator is. No expert is linked to a ballot.
/// </summary>
public sealed record ConferenceSummary(
    Guid ConferenceId, string Title, string Place, DateOnly StartsOn, DateOnly EndsOn, string Language,
    IReadOnlyList<string> Categories, ConferenceStatus Status, int ExpertsRegistered, int ExpertsCheckedIn,
    IReadOnlyList<string> ProtocolLevels, IReadOnlyList<RoundSummary> Rounds,
    IReadOnlyList<IndicatorSummary> Indicators,
    IReadOnlyList<string> AdoptedProtocols)
{
    public static ConferenceSummary Of(Conference c) => new(
        c.Id, c.Title, c.Place, c.StartsOn, c.EndsOn, c.Language, c.Categories, c.Status,
        c.Experts.Count, c.ExpertsCheckedIn, c.Plan?.ProtocolLevels ?? [],
        c.Rounds.Values.Select(RoundSummary.Of).ToList(),
        c.Indicators.Values.Select(i => new IndicatorSummary(
            i.Indicator.Number, i.Indicator.Text, i.Indicator.Category, i.Indicator.Perspective, i.Status, i.Level,
            i.LastRound, i.LastShare)).ToList(),
        c.AdoptedProtocols);
}

/// <summary>
/// A round with the counts the Sundbyholm report gives: balloted, advanced, eliminated, carried over. A closed
/// rating round's view of its own (GET …/rounds/{n}) also has its <see cref="Feedback"/>: distributions, stability
/// and agreement.
/// </summary>
public sealed record RoundSummary(
    int Round, string Scope, RoundRules Rules, RoundStatus Status, IReadOnlyList<int> Indicators,
    int Balloted, int Advanced, int Eliminated, int CarriedOver, int Retained,
    IReadOnlyList<IndicatorDecision> Decisions, RoundFeedback? Feedback = null)
{
    public static RoundSummary Of(RoundState r)
    {
        int Count(OutcomeKind kind) => r.Decisions.Count(d => d.Outcome.Kind == kind);
        return new(r.Planned.Number, r.Planned.Scope.ToString(), r.Planned.Rules, r.Status, r.Scope, r.Scope.Count,
            Count(OutcomeKind.Advanced), Count(OutcomeKind.Eliminated), Count(OutcomeKind.CarriedOver),
            Count(OutcomeKind.Retained), r.Decisions);
    }
}

/// <summary>A protocol level as it stands (or as adopted): members by category, best share first.</summary>
public sealed record ProtocolView(string Level, bool Adopted, IReadOnlyList<ProtocolMember> Members)
{
    public static ProtocolView Of(Conference c, string level)
    {
        if (!(c.Plan?.ProtocolLevels.Contains(level) ?? false))
            throw Domain.CommandRejected.NotFound("unknown-level", "Unknown protocol level",
                $"The plan has no protocol level '{level}'.");
        var members = c.ProtocolMembers(level)
            .OrderBy(m => c.Categories.ToList().IndexOf(m.Category))
            .ThenByDescending(m => m.Share)
            .ThenBy(m => m.Indicator)
            .ToList();
        return new ProtocolView(level, c.AdoptedProtocols.Contains(level), members);
    }
}

public sealed record IndicatorSummary(
    int Number, string Text, string Category, string? Perspective, IndicatorStatus Status, string? Level,
    int? LastRound, decimal? LastShare);
