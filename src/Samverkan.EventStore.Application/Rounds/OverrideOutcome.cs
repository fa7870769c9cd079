using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

public static class OverrideOutcomeHandler
{
    public static (OutcomeOverride, IEnumerable<object>) Handle(
        OverrideOutcome command, [Conference] Conference conference)
    {
        var overridden = conference.Decide(command);
        return (OutcomeOverride.Of(overridden), [overridden]);
    }
}
