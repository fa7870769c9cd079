using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Domain.Conferences;

// The events of a conference's own stream, in the order a conference lives them.
// Ballots are not here: each voter's ballots of a round have a stream of their own (see Voting/BallotSheet.cs).

/// <summary>The steering group planned a consensus conference (konsensuskonferens).</summary>
public sealed record ConferencePlanned(
    Guid ConferenceId, string Title, string Place, DateOnly StartsOn, DateOnly EndsOn, string Language,
    IReadOnlyList<string> Categories);

/// <summary>The indicator catalog was imported; it replaces any catalog imported before voting began.</summary>
public sealed record IndicatorCatalogImported(Guid ConferenceId, string Source, IReadOnlyList<Indicator> Indicators);

/// <summary>
/// An expert was registered as a participant. <see cref="Identity"/> is their name, organisation and role sealed with
/// a key derived from the server secret: the log names nobody to its readers (an auditor, a backup, the database), so
/// the place of a registration next to a check-in says nothing of who checked in. The facilitator's list opens it.
/// </summary>
public sealed record ExpertRegistered(Guid ConferenceId, Guid ExpertId, string Identity);

/// <summary>Who an expert is, as the facilitator registers them; stored sealed (see ExpertRegistered).</summary>
public sealed record ExpertIdentity(string Name, string Organisation, string Role)
{
    /// <summary>The identity with every part given, trimmed; otherwise the registration is refused.</summary>
    public static ExpertIdentity Of(string name, string organisation, string role)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name)) problems.Add("The name is empty.");
        if (string.IsNullOrWhiteSpace(organisation)) problems.Add("The organisation is empty.");
        if (string.IsNullOrWhiteSpace(role)) problems.Add("The role is empty.");
        CommandRejected.ThrowIfAny(problems, "invalid-expert", "The expert was not registered");
        return new(name.Trim(), organisation.Trim(), role.Trim());
    }
}

/// <summary>
/// An expert checked in and was handed a voter credential. The expert is named by <see cref="Attendee"/>, a token
/// keyed with the server secret, not by id: the log says that someone checked in, not who, so its order and time
/// cannot be matched with the first ballots of a pseudonym. <see cref="RetryToken"/> recognises a retry of this
/// check-in under the same Idempotency-Key. Neither the credential nor its pseudonym is here.
/// </summary>
public sealed record ExpertCheckedIn(Guid ConferenceId, string Attendee, string? RetryToken);

/// <summary>
/// The stakeholder group (e.g. brukare, tjänsteperson, chef, politiker) the facilitator assigns an expert at check-in.
/// It travels in the voter credential and so in each ballot beside the pseudonym; no event of the conference's own
/// stream names it, so the log's check-ins say nothing of who is in which group.
/// </summary>
public static class StakeholderGroup
{
    public const int MaxLength = 64;

    /// <summary>The label trimmed, or null for none; a blank or over-long label, or one with a control character, is
    /// refused.</summary>
    public static string? Of(string? label)
    {
        if (label is null) return null;
        var trimmed = label.Trim();
        if (trimmed.Length is 0 or > MaxLength || trimmed.Any(char.IsControl))
            throw CommandRejected.Invalid("invalid-group", "Not a stakeholder group",
                $"A stakeholder group is a label of 1 to {MaxLength} characters without control characters.");
        return trimmed;
    }
}

/// <summary>A voter credential was handed back or withdrawn; its later ballots are refused.</summary>
public sealed record VoterCredentialRevoked(Guid ConferenceId, string Voter, string Reason);

/// <summary>The round plan was drawn up: protocol levels, and each round's scope and rules.</summary>
public sealed record RoundsPlanned(Guid ConferenceId, RoundPlan Plan);

/// <summary>The facilitator opened a round (omröstning) on the indicators of its scope, resolved now.</summary>
public sealed record RoundOpened(Guid ConferenceId, int Round, IReadOnlyList<int> Indicators);

/// <summary>
/// The facilitator closed a round. The rules were applied to the tallies, and every indicator in scope got a
/// decision with its evidence: tally, rank and deciding rule.
/// </summary>
public sealed record RoundClosed(
    Guid ConferenceId, int Round, RoundRules Rules, int ExpertsCheckedIn, int Voters, int BallotsCounted,
    IReadOnlyList<IndicatorDecision> Decisions);

/// <summary>The facilitator settled a tie at a top-N cut-off before the round could close.</summary>
public sealed record TieResolved(
    Guid ConferenceId, int Round, TieAtCutoff Tie, IReadOnlyList<int> Chosen, string Reason);

/// <summary>The facilitator overrode the outcome a round decided for one indicator, with a stated reason.</summary>
public sealed record OutcomeOverridden(
    Guid ConferenceId, int Round, int Indicator, Outcome Previous, Outcome Outcome, string Reason);

/// <summary>
/// A member of an adopted protocol, with its share of yes votes (andel ja-röster) in its last round.
/// </summary>
public sealed record ProtocolMember(
    int Indicator, string Category, string Text, string? Perspective, int LastRound, decimal Share);

/// <summary>A protocol level was adopted with its members; the conference is concluded.</summary>
public sealed record ProtocolAdopted(Guid ConferenceId, string Level, IReadOnlyList<ProtocolMember> Members);
