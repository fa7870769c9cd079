using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;

namespace Samverkan.EventStore.Domain.Audit;

/// <summary>An event as the log holds it: its global sequence number and time, and its data.</summary>
public sealed record LoggedEvent(long Sequence, DateTimeOffset Time, object Data);

/// <summary>One step in an indicator's history, with the event that records it.</summary>
public sealed record AuditEntry(
    long Sequence, DateTimeOffset Time, string Event, string Summary,
    int? Round = null, Tally? Tally = null, int? Rank = null, DecidingRule? Rule = null, Outcome? Outcome = null,
    string? Reason = null, string? Level = null);

/// <summary>The same explanation in Swedish and English, citing the event it rests on.</summary>
public sealed record Explanation(string Sv, string En, long? Sequence);

/// <summary>
/// How one indicator got where it is: imported, each round it was in with the tally, rank, rule and decision at
/// the close, tie resolutions, overrides and adoption. Derived from the conference's own stream only; every
/// figure is copied from the event cited, never recomputed.
/// </summary>
public sealed record IndicatorAuditTrail(int Indicator, IReadOnlyList<AuditEntry> Entries, Explanation Explanation)
{
    public static IndicatorAuditTrail Of(int indicator, IReadOnlyList<LoggedEvent> conferenceStream)
    {
        var entries = new List<AuditEntry>();
        foreach (var logged in conferenceStream)
        {
            AuditEntry At(string summary) => new(logged.Sequence, logged.Time, logged.Data.GetType().Name, summary);
            switch (logged.Data)
            {
                case IndicatorCatalogImported e when e.Indicators.Any(i => i.Number == indicator):
                    entries.Add(At($"Imported from {e.Source}."));
                    break;
                case RoundOpened e when e.Indicators.Contains(indicator):
                    entries.Add(At($"Round {e.Round} opened with it in scope.") with { Round = e.Round });
                    break;
                case RoundClosed e when e.Decisions.FirstOrDefault(d => d.Indicator == indicator) is { } d:
                    entries.Add(At($"Round {e.Round} closed: {d.Tally.Yes} yes, {d.Tally.No} no, " +
                                   $"{d.Tally.Abstain} abstain of {d.Tally.Ballots} ballots, " +
                                   $"share {Percent.Of(d.Tally.Share)}, rank {d.Rank}; {d.Rule.Describe()}; "
                                   + $"{d.Outcome}.")
                        with { Round = e.Round, Tally = d.Tally, Rank = d.Rank, Rule = d.Rule, Outcome = d.Outcome });
                    break;
                case TieResolved e when e.Tie.Tied.Contains(indicator):
                    entries.Add(At($"Tie in round {e.Round} settled by the facilitator: " +
                                   $"{(e.Chosen.Contains(indicator) ? "chosen" : "not chosen")} for {e.Tie.Level}.")
                        with { Round = e.Round, Reason = e.Reason, Level = e.Tie.Level });
                    break;
                case OutcomeOverridden e when e.Indicator == indicator:
                    entries.Add(At($"Outcome of round {e.Round} overridden from {e.Previous} to {e.Outcome}.")
                        with { Round = e.Round, Outcome = e.Outcome, Reason = e.Reason });
                    break;
                case ProtocolAdopted e when e.Members.Any(m => m.Indicator == indicator):
                    entries.Add(At($"Adopted into the {e.Level} protocol.") with { Level = e.Level });
                    break;
            }
        }
        if (entries.Count == 0)
            throw CommandRejected.NotFound("unknown-indicator", "No such indicator",
                $"The catalog has no indicator {indicator}.");
        return new IndicatorAuditTrail(indicator, entries, Explain(indicator, entries));
    }

    /// <summary>One sentence on where the indicator stands, resting on the last decision that moved it.</summary>
    private static Explanation Explain(int indicator, List<AuditEntry> entries)
    {
        var decisive = entries.LastOrDefault(e => e.Outcome is not null && e.Outcome.Kind != OutcomeKind.Retained);
        if (decisive is null)
            return new($"Indikator {indicator} har ännu inte avgjorts i någon omröstning.",
                $"Indicator {indicator} has not yet been decided in any round.", null);

        var (round, at) = (decisive.Round, $"{decisive.Sequence}, {decisive.Time.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        var share = decisive.Tally is { } t ? Percent.Of(t.Share) : null;
        if (decisive.Event == nameof(OutcomeOverridden))
            return new(
                $"Indikator {indicator}: samtalsledaren ändrade utfallet i omröstning {round} "
                + $"så att den {Sv(decisive.Outcome!)}, med motiveringen \"{decisive.Reason}\" (händelse {at}).",
                $"Indicator {indicator}: the facilitator changed the outcome of round {round} "
                + $"to {decisive.Outcome} stating \"{decisive.Reason}\" (event {at}).",
                decisive.Sequence);

        var (ruleSv, ruleEn) = decisive.Rule!.Kind switch
        {
            // Elimination strikes first: an indicator under the threshold is out even where its rank would have
            // put it among the top N of an advance or a selection in the same round.
            RuleKind.EliminationThreshold => (
                $"under tröskeln {Percent.Of(decisive.Rule.Threshold!.Value)}, "
                + "som tillämpas före direktavancemang och urval",
                $"under the {Percent.Of(decisive.Rule.Threshold!.Value)} threshold, "
                + "which applies before any advance or selection"),
            RuleKind.DirectAdvanceShare => (
                $"minst {Percent.Of(decisive.Rule.Threshold!.Value)}",
                $"at or above {Percent.Of(decisive.Rule.Threshold!.Value)}"),
            RuleKind.DirectAdvanceTopN => (
                $"rang {decisive.Rank} bland de {decisive.Rule.TopN} främsta",
                $"rank {decisive.Rank}, among the top {decisive.Rule.TopN}"),
            RuleKind.FinalSelectionTopN => (
                $"bland de {decisive.Rule.TopN} främsta i sin kategori",
                $"among the top {decisive.Rule.TopN} of its category"),
            _ => ("enligt omröstningens regel för övriga", "by the round's rule for the rest"),
        };
        return new(
            $"Indikator {indicator} fick {share} ja-röster i omröstning {round}, {ruleSv}, "
            + $"och {Sv(decisive.Outcome!)} när omröstning {round} stängdes (händelse {at}).",
            $"Indicator {indicator} got {share} yes in round {round}, {ruleEn}, "
            + $"and was {En(decisive.Outcome!)} when round {round} closed (event {at}).",
            decisive.Sequence);
    }

    private static string Sv(Outcome o) => o.Kind switch
    {
        OutcomeKind.Advanced => $"gick vidare till protokollet {o.Level}",
        OutcomeKind.Eliminated => "utgick",
        OutcomeKind.CarriedOver => "gick vidare till nästa omröstning",
        _ => "behölls",
    };

    private static string En(Outcome o) => o.Kind switch
    {
        OutcomeKind.Advanced => $"advanced to the {o.Level} protocol",
        OutcomeKind.Eliminated => "eliminated",
        OutcomeKind.CarriedOver => "carried over to the next round",
        _ => "retained",
    };
}
