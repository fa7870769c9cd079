using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain.Voting;
using Wolverine;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Http;

/// <summary>A ballot: the client chooses its id, so that sending it again is safe.</summary>
public sealed record BallotRequest(Guid BallotId, int Indicator, Answer Answer);

/// <summary>Voting. The credential is turned into its pseudonym here; no handler or event ever sees the credential.</summary>
public static class BallotEndpoints
{
    public static ProblemDetails Validate(Guid conferenceId, [FromHeader(Name = Access.VoterHeader)] string? voterCredential, ConferenceSecrets secrets) =>
        Access.Voter(secrets.Check(conferenceId, voterCredential));

    /// <summary>Casts or changes a ballot. 200 means it is committed and will be counted exactly once.</summary>
    [WolverinePost("/api/conferences/{conferenceId}/rounds/{round}/ballots", OperationId = "CastBallot")]
    public static Task<BallotAcknowledged> Cast(
        Guid conferenceId, int round, BallotRequest body,
        [FromHeader(Name = Access.VoterHeader)] string voterCredential, ConferenceSecrets secrets, IMessageBus bus) =>
        bus.InvokeAsync<BallotAcknowledged>(new CastBallot(
            conferenceId, round, secrets.Check(conferenceId, voterCredential).Voter!, body.BallotId, body.Indicator, body.Answer));
}
