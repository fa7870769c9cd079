using System.Collections.Immutable;
using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Domain.Conferences;

public enum ConferenceStatus
{
    /// <summary>Catalog, experts and round plan are being prepared.</summary>
    Planning,
    /// <summary>The first round has opened.</summary>
    Voting,
    /// <summary>A protocol was adopted.</summary>
    Concluded,
}

public enum IndicatorStatus
{
    InPlay,
    Eliminated,
    InProtocol,
}

/// <summary>Where one indicator stands: in play, eliminated in a round, or in a protocol level.</summary>
public sealed record IndicatorState(
    Indicator Indicator, IndicatorStatus Status, string? Level, int? LastRound, decimal? LastShare);

/// <summary>A registered expert: their id and their sealed identity (see <see cref="ExpertRegistered"/>).</summary>
public sealed record Expert(Guid Id, string Identity);

public enum RoundStatus
{
    Planned,
    Open,
    Closed,
}

/// <summary>
/// A round as it stands. <see cref="Found"/> holds each indicator of its scope as the round found it when it opened:
/// a carry-over (or an override into one) leaves an indicator there.
/// </summary>
public sealed record RoundState(
    PlannedRound Planned, RoundStatus Status, IReadOnlyList<int> Scope, ImmutableList<TieSettled> Settlements,
    IReadOnlyList<IndicatorDecision> Decisions, ImmutableDictionary<int, IndicatorState>? Found = null);

/// <summary>
/// A conference as its own stream's events leave it. <see cref="Evolve"/> is the evolve function: pure,
/// with one When per event, each returning a new state.
/// </summary>
public sealed partial record Conference(
    Guid Id,
    string Title,
    string Place,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string Language,
    IReadOnlyList<string> Categories,
    ConferenceStatus Status,
    ImmutableSortedDictionary<int, IndicatorState> Indicators,
    ImmutableDictionary<Guid, Expert> Experts,
    ImmutableDictionary<string, string?> Attendees,
    ImmutableHashSet<string> RevokedVoters,
    RoundPlan? Plan,
    ImmutableSortedDictionary<int, RoundState> Rounds,
    ImmutableList<string> AdoptedProtocols,
    IReadOnlyList<Evaluation.EvaluationQuestion>? Questionnaire = null)
{
    public int ExpertsCheckedIn => Attendees.Count;

    public static Conference From(ConferencePlanned e) => new(
        e.ConferenceId, e.Title, e.Place, e.StartsOn, e.EndsOn, e.Language, e.Categories, ConferenceStatus.Planning,
        ImmutableSortedDictionary<int, IndicatorState>.Empty, ImmutableDictionary<Guid, Expert>.Empty,
        ImmutableDictionary<string, string?>.Empty, ImmutableHashSet<string>.Empty, null,
        ImmutableSortedDictionary<int, RoundState>.Empty, []);

    public Conference When(IndicatorCatalogImported e) => this with
    {
        Indicators = e.Indicators.ToImmutableSortedDictionary(
            i => i.Number, i => new IndicatorState(i, IndicatorStatus.InPlay, null, null, null)),
    };

    public Conference When(ExpertRegistered e) =>
        this with { Experts = Experts.SetItem(e.ExpertId, new Expert(e.ExpertId, e.Identity)) };

    public Conference When(ExpertCheckedIn e) => this with { Attendees = Attendees.SetItem(e.Attendee, e.RetryToken) };

    public Conference When(VoterCredentialRevoked e) => this with { RevokedVoters = RevokedVoters.Add(e.Voter) };

    public Conference When(RoundsPlanned e) => this with
    {
        Plan = e.Plan,
        Rounds = e.Plan.Rounds.ToImmutableSortedDictionary(
            r => r.Number,
            r => new RoundState(r, RoundStatus.Planned, [], [], [])),
    };

    public Conference When(RoundOpened e) => this with
    {
        Status = ConferenceStatus.Voting,
        Rounds = Rounds.SetItem(e.Round, Rounds[e.Round] with
        {
            Status = RoundStatus.Open, Scope = e.Indicators,
            Found = e.Indicators.ToImmutableDictionary(i => i, i => Indicators[i]),
        }),
    };

    public Conference When(TieResolved e) => this with
    {
        Rounds = Rounds.SetItem(e.Round, Rounds[e.Round] with
        {
            Settlements = Rounds[e.Round].Settlements.Add(new TieSettled(e.Tie, e.Chosen)),
        }),
    };

    public Conference When(RoundClosed e) => this with
    {
        Rounds = Rounds.SetItem(e.Round, Rounds[e.Round] with { Status = RoundStatus.Closed, Decisions = e.Decisions }),
        Indicators = e.Decisions.Aggregate(Indicators, (indicators, d) => indicators.SetItem(d.Indicator,
            Move(indicators[d.Indicator], Rounds[e.Round], d.Outcome)
                with { LastRound = e.Round, LastShare = d.Tally.Share })),
    };

    public Conference When(OutcomeOverridden e) => this with
    {
        Rounds = Rounds.SetItem(e.Round, Rounds[e.Round] with
        {
            Decisions = Rounds[e.Round].Decisions
                .Select(d => d.Indicator == e.Indicator
                    ? d with { Outcome = e.Outcome, Rule = new DecidingRule(RuleKind.FacilitatorOverride) }
                    : d)
                .ToList(),
        }),
        Indicators = Indicators.SetItem(e.Indicator, Move(Indicators[e.Indicator], Rounds[e.Round], e.Outcome)),
    };

    public Conference When(Evaluation.EvaluationQuestionnairePublished e) => this with { Questionnaire = e.Questions };

    public Conference When(ProtocolAdopted e) =>
        this with { Status = ConferenceStatus.Concluded, AdoptedProtocols = AdoptedProtocols.Add(e.Level) };

    /// <summary>
    /// Moves an indicator as an outcome of a round says. Carried over and retained leave it where the round found
    /// it (a protocol member carried over in a round of its level stays in that level), also when the facilitator
    /// overrides an advance or an elimination into one of them.
    /// </summary>
    private static IndicatorState Move(IndicatorState state, RoundState round, Outcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Advanced => state with { Status = IndicatorStatus.InProtocol, Level = outcome.Level },
        OutcomeKind.Eliminated => state with { Status = IndicatorStatus.Eliminated, Level = null },
        _ when round.Found?.GetValueOrDefault(state.Indicator.Number) is { } found =>
            state with { Status = found.Status, Level = found.Level },
        _ => state,
    };

    /// <summary>The evolve function: the state after one more event of the conference's stream.</summary>
    public static Conference Evolve(Conference? state, object @event) => (state, @event) switch
    {
        (null, ConferencePlanned planned) => From(planned),
        (null, _) => throw new InvalidOperationException(
            $"A conference stream must start with {nameof(ConferencePlanned)}, not {@event.GetType().Name}."),
        (_, IndicatorCatalogImported e) => state.When(e),
        (_, ExpertRegistered e) => state.When(e),
        (_, ExpertCheckedIn e) => state.When(e),
        (_, VoterCredentialRevoked e) => state.When(e),
        (_, RoundsPlanned e) => state.When(e),
        (_, RoundOpened e) => state.When(e),
        (_, TieResolved e) => state.When(e),
        (_, RoundClosed e) => state.When(e),
        (_, OutcomeOverridden e) => state.When(e),
        (_, ProtocolAdopted e) => state.When(e),
        (_, Evaluation.EvaluationQuestionnairePublished e) => state.When(e),
        _ => state,
    };

    /// <summary>Folds a stream's events from the start.</summary>
    public static Conference Fold(IEnumerable<object> events) =>
        events.Aggregate((Conference?)null, Evolve)
        ?? throw new InvalidOperationException("A conference stream cannot be empty.");

    /// <summary>The members of a protocol level with the share of yes votes of their last round.</summary>
    public IReadOnlyList<ProtocolMember> ProtocolMembers(string level) =>
        MembersOf(level)
            .Select(i => new ProtocolMember(
                i.Indicator.Number, i.Indicator.Category, i.Indicator.Text, i.Indicator.Perspective,
                i.LastRound ?? 0, i.LastShare ?? 0m))
            .ToList();

    /// <summary>Members of a protocol level: indicators placed at that level or a narrower one.</summary>
    public IEnumerable<IndicatorState> MembersOf(string level)
    {
        var levels = Plan?.ProtocolLevels.ToList() ?? [];
        var index = levels.IndexOf(level);
        return Indicators.Values.Where(i =>
            i.Status == IndicatorStatus.InProtocol && index >= 0 && levels.IndexOf(i.Level!) >= index);
    }

    /// <summary>
    /// The indicators a round's scope holds now: the members of a protocol level, or those in play of its categories.
    /// </summary>
    public IReadOnlyList<int> ScopeOf(RoundScope scope) =>
        (scope.ProtocolLevel is { } level
            ? MembersOf(level)
            : Indicators.Values.Where(i =>
                i.Status == IndicatorStatus.InPlay && scope.Categories!.Contains(i.Indicator.Category)))
        .Select(i => i.Indicator.Number)
        .ToList();
}
