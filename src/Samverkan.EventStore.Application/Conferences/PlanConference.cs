using Marten;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Conferences;

public sealed record PlanConference(
    string Title, string Place, DateOnly StartsOn, DateOnly EndsOn, string Language, IReadOnlyList<string> Categories);

/// <summary>The new conference's id and its facilitator key, which is shown only this once.</summary>
public sealed record ConferenceCreated(Guid ConferenceId, string FacilitatorKey);

public static class PlanConferenceHandler
{
    public static ConferenceCreated Handle(PlanConference command, IDocumentSession session, ConferenceSecrets secrets)
    {
        var id = Guid.CreateVersion7();
        var planned = Conference.PlanConference(
            id, command.Title, command.Place, command.StartsOn, command.EndsOn, command.Language, command.Categories);
        session.Events.StartStream<Conference>(id, planned);
        return new ConferenceCreated(id, secrets.FacilitatorKey(id));
    }
}
