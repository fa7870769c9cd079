using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Evaluation;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Domain.Conferences;

// The facilitator's commands on a conference's stream, as data: Conference.Decide answers each with the events to
// append (none for a retry of what was done), or refuses it. Registration and check-in are decided with what only
// the server's secrets give (a sealed identity, an attendee token); closing and settling a tie with the round's
// ballots (a close reads them under the round's lock). Each names its conference by ConferenceId, by which
// Wolverine's aggregate handler workflow loads it.

public sealed record ImportCatalog(Guid ConferenceId, string Source, IReadOnlyList<Indicator> Indicators);

/// <summary>Revoke a voter credential (e.g. handed back by an expert who leaves). The voter is its pseudonym.</summary>
public sealed record RevokeVoterCredential(Guid ConferenceId, string Voter, string Reason);

public sealed record PlanRounds(Guid ConferenceId, RoundPlan Plan);

public sealed record OpenRound(Guid ConferenceId, int Round);

public sealed record CloseRound(Guid ConferenceId, int Round);

/// <summary>Settle a tie at a top-N cut-off of an open round: which of the tied indicators take the places.</summary>
public sealed record ResolveTie(
    Guid ConferenceId, int Round, string Level, string? Category, IReadOnlyList<int> Chosen, string Reason);

public sealed record OverrideOutcome(Guid ConferenceId, int Round, int Indicator, Outcome Outcome, string Reason);

public sealed record AdoptProtocol(Guid ConferenceId, string Level);

public sealed record PublishEvaluation(Guid ConferenceId, IReadOnlyList<EvaluationQuestion> Questions);
