using Marten;
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
    public static async Task<ExpertRegistration> Handle(
        RegisterExpert command, IDocumentSession session, ConferenceSecrets secrets, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        var expertId = command.IdempotencyKey is { } key
            ? StreamIds.FromName($"expert:{command.ConferenceId:N}:{key}")
            : Guid.CreateVersion7();
        var identity = ExpertIdentity.Of(command.Name, command.Organisation, command.Role);
        var registered = stream.Aggregate!.RegisterExpert(
            expertId, secrets.SealIdentity(command.ConferenceId, expertId, identity));
        if (registered is not null) stream.AppendOne(registered);
        return new ExpertRegistration(command.ConferenceId, expertId);
    }
}
