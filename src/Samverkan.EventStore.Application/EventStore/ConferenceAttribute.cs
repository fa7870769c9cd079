using Wolverine.Marten;
using Samverkan.EventStore.Domain.Conferences;
using Wolverine.Persistence;

namespace Samverkan.EventStore.Application.EventStore;

/// <summary>
/// The conference a command names (its <c>ConferenceId</c>), fetched for writing by Wolverine's aggregate handler
/// workflow: the handler decides, Wolverine appends what it returns and commits. No such conference is refused
/// (<c>unknown-conference</c>) before the handler runs.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ConferenceAttribute : WriteAggregateAttribute
{
    public ConferenceAttribute()
    {
        OnMissing = Wolverine.Persistence.OnMissing.ThrowException;
        MissingMessage = Conference.Missing;
    }
}
