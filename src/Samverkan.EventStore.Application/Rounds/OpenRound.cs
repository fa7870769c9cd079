using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

public sealed record RoundOpenedResponse(Guid ConferenceId, int Round, IReadOnlyList<int> Indicators);

public static class OpenRoundHandler
{
    public static (RoundOpenedResponse, IEnumerable<object>) Handle(
        OpenRound command, [Conference] Conference conference)
    {
        var opened = conference.Decide(command);
        // A retried open (its answer lost) is answered with the scope the round opened on.
        var scope = opened?.Indicators ?? conference.Rounds[command.Round].Scope;
        return (new RoundOpenedResponse(command.ConferenceId, command.Round, scope), opened is null ? [] : [opened]);
    }
}
