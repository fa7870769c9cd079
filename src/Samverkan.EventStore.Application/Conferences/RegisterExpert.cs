using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Conferences;

/// <summary>
/// Registers an expert. With an <see cref="IdempotencyKey"/> the expert's id is derived from it, so a retry of a
/// registration whose answer was lost finds the same expert instead of registering a second one.
/// </summary>
public sealed record RegisterExpert(
    Guid ConferenceId, string Name, string Organisation, string Role, string? IdempotencyKey = null);

public sealed record ExpertRegistration(Guid ConferenceId, Guid ExpertId);

public static class RegisterExpertHandler
{
    public static (ExpertRegistration, IEnumerable<object>) Handle(
        RegisterExpert command, [Conference] Conference conference, ConferenceSecrets secrets)
    {
        var expertId = command.IdempotencyKey is { } key
            ? StreamIds.FromName($"expert:{command.ConferenceId:N}:{key}")
            : Guid.CreateVersion7();
        var identity = ExpertIdentity.Of(command.Name, command.Organisation, command.Role);
        var registered = conference.RegisterExpert(
            expertId, secrets.SealIdentity(command.ConferenceId, expertId, identity));
        return (new ExpertRegistration(command.ConferenceId, expertId), registered is null ? [] : [registered]);
    }
}
