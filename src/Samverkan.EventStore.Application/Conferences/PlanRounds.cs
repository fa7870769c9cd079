using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Conferences;

public static class PlanRoundsHandler
{
    public static RoundsPlanned Handle(PlanRounds command, [Conference] Conference conference) =>
        conference.Decide(command);
}
