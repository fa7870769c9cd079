using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Rounds.Rating;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Conferences;

/// <summary>
/// The decide half of the conference: each command (ConferenceCommands.cs) checked against the current
/// state, returning the event to append (none for a retry of what was done) or throwing <see cref="CommandRejected"/>
/// before anything is appended.
/// </summary>
public sealed partial record Conference
{
    /// <summary>How a missing conference is described, also where Wolverine finds none (ConferenceAttribute).</summary>
    public const string Missing = "No conference {0} exists.";

    public static CommandRejected Unknown(Guid id) => Unknown(string.Format(Missing, id));

    public static CommandRejected Unknown(string detail) =>
        CommandRejected.NotFound("unknown-conference", "No such conference", detail);

    public static ConferencePlanned PlanConference(
        Guid id, string title, string place, DateOnly startsOn, DateOnly endsOn, string language,
        IReadOnlyList<string> categories)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(title)) problems.Add("The title is empty.");
        if (string.IsNullOrWhiteSpace(place)) problems.Add("The place is empty.");
        if (string.IsNullOrWhiteSpace(language)) problems.Add("The language is empty.");
        if (endsOn < startsOn)
            problems.Add($"The conference ends ({endsOn:yyyy-MM-dd}) before it starts ({startsOn:yyyy-MM-dd}).");
        if (categories.Count == 0) problems.Add("The conference names no indicator category.");
        if (categories.Any(string.IsNullOrWhiteSpace)) problems.Add("An indicator category has an empty name.");
        if (categories.Distinct().Count() != categories.Count) problems.Add("An indicator category is named twice.");
        CommandRejected.ThrowIfAny(problems, "invalid-conference", "The conference cannot be planned");
        return new ConferencePlanned(id, title.Trim(), place.Trim(), startsOn, endsOn, language.Trim(), categories);
    }

    /// <summary>Whether this conference is the one <paramref name="planned"/> plans: a retry of its planning.</summary>
    public bool WasPlannedAs(ConferencePlanned planned) =>
        (Id, Title, Place, StartsOn, EndsOn, Language) ==
        (planned.ConferenceId, planned.Title, planned.Place, planned.StartsOn, planned.EndsOn, planned.Language)
        && Categories.SequenceEqual(planned.Categories);

    public IndicatorCatalogImported Decide(ImportCatalog command)
    {
        var (source, indicators) = (command.Source, command.Indicators);
        if (Status != ConferenceStatus.Planning)
            throw CommandRejected.Conflict("conference-not-planning", "The catalog can no longer change",
                $"The conference is {Status.ToString().ToLowerInvariant()}: " +
                "a catalog can only be imported before the first round opens.");
        CommandRejected.ThrowIfAny(IndicatorCatalog.Problems(indicators, Categories), "invalid-catalog",
            "The catalog was not imported");
        return new IndicatorCatalogImported(Id, source, indicators);
    }

    /// <summary>
    /// Registers an expert under their sealed identity (<see cref="ExpertIdentity"/>, sealed the same way for the same
    /// expert and identity), or (no event) recognises a retry of the same registration: the same id with the same
    /// identity. The same id with another identity is refused.
    /// </summary>
    public ExpertRegistered? RegisterExpert(Guid expertId, string sealedIdentity)
    {
        EnsureNotConcluded();
        if (!Experts.TryGetValue(expertId, out var earlier)) return new ExpertRegistered(Id, expertId, sealedIdentity);
        if (earlier.Identity == sealedIdentity) return null;
        throw CommandRejected.Conflict("idempotency-key-reused", "The Idempotency-Key was used for another expert",
            $"Expert {expertId} was registered under this Idempotency-Key as someone else; use a new key.");
    }

    /// <summary>
    /// Checks an expert in as <paramref name="attendee"/> (the keyed token the log names them by), or (no event)
    /// recognises a retry of the same check-in by its retry token, so that its lost answer can be handed out again:
    /// only while the credential has not been used, since a credential that voted did arrive. A second check-in
    /// otherwise is refused: one expert, one credential.
    /// </summary>
    public ExpertCheckedIn? CheckIn(Guid expertId, string attendee, string? retryToken, bool credentialUsed = false)
    {
        EnsureNotConcluded();
        if (!Experts.ContainsKey(expertId))
            throw CommandRejected.NotFound("unknown-expert", "No such expert",
                $"No expert {expertId} is registered for this conference.");
        if (!Attendees.TryGetValue(attendee, out var earlier)) return new ExpertCheckedIn(Id, attendee, retryToken);
        if (retryToken is not null && earlier == retryToken)
            return credentialUsed
                ? throw CommandRejected.Conflict("credential-in-use", "The credential was used",
                    $"Expert {expertId}'s credential has voted, so it did arrive: it is not handed out again.")
                : null;
        throw CommandRejected.Conflict("already-checked-in", "The expert is already checked in",
            $"Expert {expertId} is already checked in and holds a voter credential. A check-in whose answer was lost "
            + "is answered again only when sent with the same Idempotency-Key.");
    }

    /// <summary>Whether an expert checked in, known by the keyed token the log names them by.</summary>
    public bool HasCheckedIn(string attendee) => Attendees.ContainsKey(attendee);

    public VoterCredentialRevoked Decide(RevokeVoterCredential command)
    {
        var (voter, reason) = (command.Voter, command.Reason);
        if (string.IsNullOrWhiteSpace(reason))
            throw CommandRejected.Invalid("missing-reason", "A reason is required",
                "State why the credential is revoked.");
        if (RevokedVoters.Contains(voter))
            throw CommandRejected.Conflict("already-revoked", "The credential is already revoked",
                "This voter credential was revoked before.");
        return new VoterCredentialRevoked(Id, voter, reason.Trim());
    }

    public RoundsPlanned Decide(PlanRounds command)
    {
        var plan = command.Plan;
        if (Status != ConferenceStatus.Planning)
            throw CommandRejected.Conflict("conference-not-planning", "The round plan can no longer change",
                $"The conference is {Status.ToString().ToLowerInvariant()}: " +
                "rounds can only be planned before the first round opens.");
        CommandRejected.ThrowIfAny(plan.Problems(Categories), "invalid-round-plan", "The round plan was not accepted");
        return new RoundsPlanned(Id, plan);
    }

    public bool IsClosed(int number) => Rounds.GetValueOrDefault(number)?.Status == RoundStatus.Closed;

    /// <summary>Opens a round; a retry of an open that happened (its answer lost) gets no event, no refusal.</summary>
    public RoundOpened? Decide(OpenRound command)
    {
        var number = command.Round;
        if (Rounds.GetValueOrDefault(number)?.Status == RoundStatus.Open) return null;
        EnsureNotConcluded();
        var round = RoundOrThrow(number);
        if (round.Status != RoundStatus.Planned)
            throw CommandRejected.Conflict($"round-{round.Status.ToString().ToLowerInvariant()}",
                $"Round {number} cannot open",
                $"Round {number} is already {round.Status.ToString().ToLowerInvariant()}.");
        if (Indicators.Count == 0)
            throw CommandRejected.Conflict("no-catalog", "No catalog",
                "Import the indicator catalog before opening a round.");

        var blocking = Blocking(round);
        if (blocking.Count > 0)
            throw CommandRejected.Conflict("previous-round-not-closed", $"Round {number} cannot open yet",
                $"Round {string.Join(", ", blocking)} of the same scope must be closed before round {number} opens.");

        var scope = ScopeOf(round.Planned.Scope);
        if (!RoundSchedule.IsHeld(scope))
            throw CommandRejected.Conflict("empty-scope", $"Round {number} has nothing to vote on",
                $"No indicator is in the scope of round {number} ({round.Planned.Scope}).");
        return new RoundOpened(Id, number, scope);
    }

    /// <summary>
    /// Checks a ballot against the conference: the round must be open, the indicator in its scope, the
    /// voter's credential not revoked and the answer of the round's kind (a rating on its scale in a rating round,
    /// yes or no in a yes/no round; an abstention in either). Whether it is new, a change or a repeat is the ballot
    /// sheet's to decide.
    /// </summary>
    public void EnsureCanVote(int round, SheetBallot ballot, string voter)
    {
        var indicator = ballot.Indicator;
        if (RevokedVoters.Contains(voter))
            throw new CommandRejected(new(RejectionKind.Forbidden, "credential-revoked",
                "The voter credential is revoked",
                "This voter credential was revoked and can no longer vote."));
        var state = RoundOrThrow(round);
        if (state.Status != RoundStatus.Open)
            throw CommandRejected.Conflict($"round-{state.Status.ToString().ToLowerInvariant()}",
                $"Round {round} is not open",
                state.Status == RoundStatus.Closed
                    ? $"Round {round} is closed: the ballot was not counted."
                    : $"Round {round} has not opened yet.");
        if (!state.Scope.Contains(indicator))
            throw CommandRejected.Invalid("indicator-out-of-scope", "The indicator is not voted on in this round",
                $"Indicator {indicator} is not in the scope of round {round}.");
        EnsureOfKind(round, state.Planned.Rules.Rating?.Scale, ballot.Mark);
    }

    private static void EnsureOfKind(int round, RatingScale? scale, Mark mark)
    {
        // A malformed answer is the ballot sheet's to refuse (invalid-answer).
        if (!mark.IsWellFormed || mark.Fits(scale)) return;
        if (scale is null)
            throw CommandRejected.Invalid("rating-in-yes-no-round", $"Round {round} is not a rating round",
                $"Round {round} asks Yes, No or Abstain, not a rating.");
        if (mark.Rating is { } rating)
            throw CommandRejected.Invalid("rating-off-scale", "The rating is off the scale",
                $"Round {round} rates on {scale}: {rating} is not a point of it.");
        throw CommandRejected.Invalid("yes-no-in-rating-round", $"Round {round} is a rating round",
            $"Round {round} asks for a rating on its scale {scale} (Rated with a rating), or Abstain when "
            + "the indicator cannot be rated.");
    }

    /// <summary>What closing the round would decide now, from the ballots cast so far.</summary>
    public RoundResult Standings(int number, IEnumerable<CountedBallot> ballotsInLogOrder) =>
        Standings(RoundOrThrow(number), Tally.Latest(ballotsInLogOrder));

    /// <summary>What closing the round would decide now, from the count kept as its ballots arrived.</summary>
    public RoundResult Standings(int number, RoundCount count) => Standings(RoundOrThrow(number), count.Counted());

    private RoundResult Standings(RoundState round, IReadOnlyList<CountedBallot> counted)
    {
        var rules = round.Planned.Rules;
        string CategoryOf(int i) => Indicators[i].Indicator.Category;
        if (rules.Rating is { } rating)
            return RoundClosing.Decide(rules, rating.Entries(round.Scope, counted, CategoryOf), round.Settlements);
        var tallies = Tally.Count(round.Scope, counted, rules, ExpertsCheckedIn);
        return RoundClosing.Decide(rules,
            round.Scope.Select(i => new IndicatorTally(i, CategoryOf(i), tallies[i])).ToList(), round.Settlements);
    }

    /// <summary>Closes a round on its ballots (a retry is answered by the handler from the recorded closure).</summary>
    public RoundClosed Decide(CloseRound command, IReadOnlyList<CountedBallot> ballotsInLogOrder)
    {
        var number = command.Round;
        var round = OpenRoundOrThrow(number, "close");
        var counted = Tally.Latest(ballotsInLogOrder);
        var result = Standings(round, counted);
        if (!result.CanClose)
            throw new CommandRejected(new(RejectionKind.Conflict, "unsettled-tie",
                $"Round {number} has a tie to settle",
                $"Round {number} cannot close: its tie policy asks the facilitator to settle " +
                string.Join("; ", result.UnsettledTies.Select(t =>
                    $"{t.Tied.Count} indicators ({string.Join(", ", t.Tied)}) tied for {t.Places} place(s) " +
                    $"in {t.Level}{(t.Category is null ? "" : $" ({t.Category})")}")) + ".")
            {
                Extensions = new Dictionary<string, object?> { ["ties"] = result.UnsettledTies },
            });

        return new RoundClosed(Id, number, round.Planned.Rules, ExpertsCheckedIn,
            Voters: counted.Select(b => b.Voter).Distinct().Count(), BallotsCounted: counted.Count, result.Decisions);
    }

    public TieResolved Decide(ResolveTie command, IEnumerable<CountedBallot> ballotsInLogOrder)
    {
        var (number, level, category, chosen, reason) =
            (command.Round, command.Level, command.Category, command.Chosen, command.Reason);
        OpenRoundOrThrow(number, "settle a tie in");
        if (string.IsNullOrWhiteSpace(reason))
            throw CommandRejected.Invalid("missing-reason", "A reason is required",
                "State why these indicators were chosen.");
        var tie = Standings(number, ballotsInLogOrder).UnsettledTies
            .FirstOrDefault(t => t.Level == level && t.Category == category)
            ?? throw CommandRejected.Conflict("no-tie", "There is no tie to settle",
                $"Round {number} has no unsettled tie at the cut-off into " +
                $"{level}{(category is null ? "" : $" ({category})")}.");
        if (chosen.Distinct().Count() != tie.Places || chosen.Any(i => !tie.Tied.Contains(i)))
            throw CommandRejected.Invalid("invalid-tie-choice", "The choice does not settle the tie",
                $"Choose exactly {tie.Places} distinct indicator(s) among the tied {string.Join(", ", tie.Tied)}.");
        return new TieResolved(Id, number, tie, chosen.Order().ToList(), reason.Trim());
    }

    public OutcomeOverridden Decide(OverrideOutcome command)
    {
        var (number, indicator, outcome, reason) = (command.Round, command.Indicator, command.Outcome, command.Reason);
        EnsureNotConcluded();
        var round = RoundOrThrow(number);
        if (round.Status != RoundStatus.Closed)
            throw CommandRejected.Conflict("round-not-closed", "Only a closed round's outcome can be overridden",
                $"Round {number} is not closed.");
        var decision = round.Decisions.FirstOrDefault(d => d.Indicator == indicator)
            ?? throw CommandRejected.NotFound("indicator-not-in-round", "The indicator was not in this round",
                $"Indicator {indicator} was not voted on in round {number}.");
        if (string.IsNullOrWhiteSpace(reason))
            throw CommandRejected.Invalid("missing-reason", "A reason is required",
                "State why the outcome is overridden.");
        if ((outcome.Kind == OutcomeKind.Advanced) != (outcome.Level is not null))
            throw CommandRejected.Invalid("invalid-outcome", "The outcome is not valid",
                "An advance names a protocol level; no other outcome does.");
        if (outcome.Level is { } level && !(Plan?.ProtocolLevels.Contains(level) ?? false))
            // A level named in the body is a bad outcome (400); unknown-level is a level in the path (404).
            throw CommandRejected.Invalid("invalid-outcome", "The outcome is not valid",
                $"The plan has no protocol level '{level}' to advance to.");
        if (decision.Outcome == outcome)
            throw CommandRejected.Conflict("same-outcome", "Nothing to override",
                $"Indicator {indicator} already has the outcome {outcome} in round {number}.");
        return new OutcomeOverridden(Id, number, indicator, decision.Outcome, outcome, reason.Trim());
    }

    /// <summary>Adopts a protocol level; a retry of an adoption that happened gets no event.</summary>
    public ProtocolAdopted? Decide(AdoptProtocol command)
    {
        var level = command.Level;
        if (AdoptedProtocols.Contains(level)) return null;
        EnsureNotConcluded();
        if (!(Plan?.ProtocolLevels.Contains(level) ?? false))
            throw CommandRejected.NotFound("unknown-level", "Unknown protocol level",
                $"The plan has no protocol level '{level}'.");
        var open = Rounds.Values.Where(r => r.Status == RoundStatus.Open).Select(r => r.Planned.Number).ToList();
        if (open.Count > 0)
            throw CommandRejected.Conflict("round-open", "A round is still open",
                $"Close round {string.Join(", ", open)} before adopting a protocol.");
        var members = ProtocolMembers(level);
        if (members.Count == 0)
            throw CommandRejected.Conflict("empty-protocol", "The protocol is empty",
                $"No indicator has reached the {level} protocol.");
        return new ProtocolAdopted(Id, level, members);
    }

    /// <summary>
    /// Publishes the evaluation questionnaire, once; experts answer it at the end, even after adoption.
    /// </summary>
    public Evaluation.EvaluationQuestionnairePublished Decide(PublishEvaluation command)
    {
        var questions = command.Questions;
        if (Questionnaire is not null)
            throw CommandRejected.Conflict("questionnaire-published", "The questionnaire is already published",
                "The evaluation questionnaire was published before.");
        CommandRejected.ThrowIfAny(Evaluation.EvaluationRules.QuestionnaireProblems(questions),
            "invalid-questionnaire", "The questionnaire was not published");
        return new Evaluation.EvaluationQuestionnairePublished(Id, questions);
    }

    private IReadOnlyList<int> Blocking(RoundState round) =>
        RoundSchedule.Blocking(Plan!, round.Planned, r => IsDone(Rounds[r.Number]));

    /// <summary>
    /// Whether a round no longer holds up later ones: it is closed, or passed over: nothing to vote on, and no earlier
    /// round that could still bring it indicators is unfinished (<see cref="RoundSchedule"/>).
    /// </summary>
    private bool IsDone(RoundState r) =>
        r.Status == RoundStatus.Closed
        || (r.Status == RoundStatus.Planned && !RoundSchedule.IsHeld(ScopeOf(r.Planned.Scope))
            && Blocking(r).Count == 0);

    private RoundState RoundOrThrow(int number) =>
        Rounds.GetValueOrDefault(number)
        ?? throw CommandRejected.NotFound("unknown-round", "No such round", $"The round plan has no round {number}.");

    private RoundState OpenRoundOrThrow(int number, string action)
    {
        var round = RoundOrThrow(number);
        if (round.Status != RoundStatus.Open)
            throw CommandRejected.Conflict($"round-{round.Status.ToString().ToLowerInvariant()}",
                $"Cannot {action} round {number}",
                $"Round {number} is {(round.Status == RoundStatus.Closed ? "already closed" : "not open yet")}.");
        return round;
    }

    private void EnsureNotConcluded()
    {
        if (Status == ConferenceStatus.Concluded)
            throw CommandRejected.Conflict("conference-concluded", "The conference is concluded",
                "A protocol was adopted; the conference accepts no more changes.");
    }
}
