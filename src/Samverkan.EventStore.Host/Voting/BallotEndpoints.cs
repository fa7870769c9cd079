using Marten;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain.Voting;
using Samverkan.EventStore.Host.Http;
using Wolverine;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Voting;

/// <summary>
/// A ballot: the client chooses its id, so that sending it again is safe. In a rating round the answer is Rated with
/// a <see cref="Rating"/> on the round's scale, or Abstain ("cannot rate").
/// </summary>
public sealed record BallotRequest(Guid BallotId, int Indicator, Answer Answer, int? Rating = null);

/// <summary>A voter's ballots on many indicators, sent together.</summary>
public sealed record BallotSheetRequest(IReadOnlyList<BallotRequest> Ballots);

/// <summary>Voting as the <see cref="Voter"/> the credential proved: no handler or event sees the credential.</summary>
[For(Role.Voter)]
public static class BallotEndpoints
{
    /// <summary>Casts or changes a ballot. 200 means it is committed and will be counted exactly once.</summary>
    [WolverinePost("/api/conferences/{conferenceId}/rounds/{round}/ballots", OperationId = "CastBallot")]
    public static Task<BallotAcknowledged> Cast(
        Guid conferenceId, int round, BallotRequest body, Voter voter, IMessageBus bus) =>
        bus.InvokeAsync<BallotAcknowledged>(new CastBallot(
            conferenceId, round, voter.Pseudonym, body.BallotId, body.Indicator, body.Answer, body.Rating,
            voter.Group));

    /// <summary>
    /// Casts or changes ballots on many indicators at once, each with its own ballot id: all are recorded, or none
    /// (the first refusal is the answer). Sent again, the sheet gets the same acknowledgements.
    /// </summary>
    [WolverinePost("/api/conferences/{conferenceId}/rounds/{round}/ballot-sheets", OperationId = "CastBallotSheet")]
    public static Task<BallotSheetAcknowledged> CastSheet(
        Guid conferenceId, int round, BallotSheetRequest body, Voter voter, IMessageBus bus) =>
        bus.InvokeAsync<BallotSheetAcknowledged>(new CastBallotSheet(conferenceId, round, voter.Pseudonym,
            body.Ballots.Select(b => new SheetBallot(b.BallotId, b.Indicator, b.Answer, b.Rating)).ToList(),
            voter.Group));

    /// <summary>The voter's own answers in a round, as counted now: only the credential's holder sees them.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/rounds/{round}/ballots/mine", OperationId = "GetOwnBallots")]
    public static async Task<OwnBallots> Mine(
        Guid conferenceId, int round, Voter voter, IQuerySession session, CancellationToken ct)
    {
        var sheet = await session.Events.AggregateStreamAsync<BallotSheet>(
            BallotSheet.StreamId(conferenceId, round, voter.Pseudonym), token: ct) ?? BallotSheet.Empty;
        return new OwnBallots(round,
            sheet.Answers.OrderBy(a => a.Key)
                .Select(a => new OwnAnswer(a.Key, a.Value.Answer, a.Value.Rating)).ToList());
    }
}

/// <summary>An answer of the voter's own; a yes/no answer has no rating, and shows none.</summary>
/// <summary>Feedback as the voter's own, through their credential only.</summary>
[For(Role.Voter)]
public static class OwnFeedbackEndpoints
{
    /// <summary>
    /// The voter's own rating of each indicator of a closed rating round beside the panel's figures and their own
    /// group's (when it is shown): what a Delphi panellist sees before rating again.
    /// </summary>
    [WolverineGet("/api/conferences/{conferenceId}/rounds/{round}/feedback/mine", OperationId = "GetOwnFeedback")]
    public static Task<OwnFeedback> Mine(
        Guid conferenceId, int round, Voter voter, IQuerySession session, CancellationToken ct) =>
        session.OwnFeedback(conferenceId, round, voter.Pseudonym, voter.Group, ct);
}

public sealed record OwnAnswer(int Indicator, Answer Answer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Rating = null);

public sealed record OwnBallots(int Round, IReadOnlyList<OwnAnswer> Answers);
