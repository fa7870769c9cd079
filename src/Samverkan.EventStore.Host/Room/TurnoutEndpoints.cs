using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Room;

/// <summary>How many of the checked-in experts have voted in a round: what the big screen shows while it is open.
/// </summary>
public sealed record RoundTurnout(int Round, RoundStatus Status, int Voted, int CheckedIn);

public static class TurnoutEndpoints
{
    /// <summary>The turnout of a round: a count of voters, no tally, nothing of who or when.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/rounds/{round}/turnout", OperationId = "GetRoundTurnout")]
    public static async Task<RoundTurnout> Get(
        Guid conferenceId, int round, IQuerySession session, CancellationToken ct)
    {
        var conference = await session.LoadConference(conferenceId, ct);
        if (!conference.Rounds.TryGetValue(round, out var state))
            throw CommandRejected.NotFound("unknown-round", "No such round", $"The round plan has no round {round}.");
        var voters = (await session.InLogOrder(conferenceId, round, ct)).Select(b => b.Voter).Distinct().Count();
        return new RoundTurnout(round, state.Status, voters, conference.ExpertsCheckedIn);
    }
}
