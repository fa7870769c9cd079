using Marten;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

public static class ResolveTieHandler
{
    /// <summary>The tie is read from the ballots as they stand; the close checks again that it is the same tie.
    /// </summary>
    public static async Task<(TieSettlement, IEnumerable<object>)> Handle(
        ResolveTie command, [Conference] Conference conference, IQuerySession session, CancellationToken ct)
    {
        var resolved = conference.Decide(command, await session.InLogOrder(command.ConferenceId, command.Round, ct));
        return (TieSettlement.Of(resolved), [resolved]);
    }
}
