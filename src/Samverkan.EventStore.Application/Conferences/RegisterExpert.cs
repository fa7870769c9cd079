using Marten;

namespace Samverkan.EventStore.Application.Conferences;

public sealed record RegisterExpert(Guid ConferenceId, string Name, string Organisation, string Role);

public sealed record ExpertRegistration(Guid ConferenceId, Guid ExpertId);

public static class RegisterExpertHandler
{
    public static async Task<ExpertRegistration> Handle(RegisterExpert command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        var registered = stream.Aggregate!.RegisterExpert(Guid.CreateVersion7(), command.Name, command.Organisation, command.Role);
        stream.AppendOne(registered);
        return new ExpertRegistration(command.ConferenceId, registered.ExpertId);
    }
}
