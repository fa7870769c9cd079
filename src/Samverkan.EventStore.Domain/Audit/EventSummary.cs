using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Audit;

/// <summary>What an event changed, in one line, for stepping through a conference like a recording.</summary>
public static class EventSummary
{
    public static string Of(object e) => e switch
    {
        ConferencePlanned x =>
            $"Conference '{x.Title}' planned at {x.Place}, {x.StartsOn:yyyy-MM-dd}–{x.EndsOn:yyyy-MM-dd}.",
        IndicatorCatalogImported x =>
            $"Catalog of {x.Indicators.Count} indicators imported (" +
            string.Join(", ", x.Indicators
                .GroupBy(i => i.Category)
                .Select(g => $"{g.Count()} {g.Key}")) + ").",
        ExpertRegistered => "An expert was registered (who is sealed: the facilitator's list of experts names them).",
        ExpertCheckedIn => "An expert checked in and received a voter credential.",
        VoterCredentialRevoked x => $"A voter credential was revoked: {x.Reason}",
        RoundsPlanned x =>
            $"Round plan of {x.Plan.Rounds.Count} rounds into {string.Join(", ", x.Plan.ProtocolLevels)}.",
        RoundOpened x => $"Round {x.Round} opened on {x.Indicators.Count} indicators.",
        BallotCast x => $"A ballot in round {x.Round}: {new Mark(x.Answer, x.Rating)} on indicator {x.Indicator}.",
        BallotChanged x => $"A ballot in round {x.Round} changed from {new Mark(x.Previous, x.PreviousRating)} "
            + $"to {new Mark(x.Answer, x.Rating)} on indicator {x.Indicator}.",
        TieResolved x =>
            $"Tie in round {x.Round} settled: {string.Join(", ", x.Chosen)} of {string.Join(", ", x.Tie.Tied)} " +
            $"into {x.Tie.Level}.",
        RoundClosed x => $"Round {x.Round} closed with {x.BallotsCounted} ballots from {x.Voters} voters: " +
                         string.Join(", ", x.Decisions
                             .GroupBy(d => d.Outcome.ToString())
                             .Select(g => $"{g.Count()} {g.Key}")) + ".",
        OutcomeOverridden x =>
            $"Outcome of indicator {x.Indicator} in round {x.Round} overridden from {x.Previous} to {x.Outcome}: " +
            $"{x.Reason}",
        ProtocolAdopted x => $"The {x.Level} protocol adopted with {x.Members.Count} indicators.",
        _ => e.GetType().Name,
    };
}
