using System.Text.Json.Serialization;
using Marten;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Application.Conferences;

public sealed record PlanConference(
    string Title, string Place, DateOnly StartsOn, DateOnly EndsOn, string Language, IReadOnlyList<string> Categories)
{
    /// <summary>With an Idempotency-Key, the conference's id is derived from it: a retry finds the same one.</summary>
    [JsonIgnore] // from the header only
    public string? IdempotencyKey { get; init; }
}

/// <summary>The new conference's id and its facilitator key, which is shown only this once.</summary>
public sealed record ConferenceCreated(Guid ConferenceId, string FacilitatorKey);

public static class PlanConferenceHandler
{
    public static readonly TimeSpan RetryWindow = TimeSpan.FromHours(24);

    public static async Task<ConferenceCreated> Handle(
        PlanConference command, IDocumentSession session, ConferenceSecrets secrets, CancellationToken ct)
    {
        var id = command.IdempotencyKey is { } key ? StreamIds.FromName($"conference:{key}") : Guid.CreateVersion7();
        var planned = Conference.PlanConference(
            id, command.Title, command.Place, command.StartsOn, command.EndsOn, command.Language, command.Categories);
        if (command.IdempotencyKey is null || await session.LoadAsync<Conference>(id, ct) is not { } earlier)
            session.Events.StartStream<Conference>(id, planned);
        else if (!earlier.WasPlannedAs(planned))
            throw CommandRejected.Conflict("idempotency-key-reused",
                "The Idempotency-Key was used for another conference",
                "A conference with other facts was planned under this Idempotency-Key; use a new (random) key.");
        // The answer holds the facilitator key: a retry is answered for a day, not for ever to whoever has the key.
        else if ((await session.Events.FetchStreamStateAsync(id, ct))!.Created < DateTimeOffset.UtcNow - RetryWindow)
            throw CommandRejected.Conflict("idempotency-key-expired", "The Idempotency-Key has expired",
                $"A planning is answered again for {RetryWindow.TotalHours} hours after it; this one is older.");
        return new ConferenceCreated(id, secrets.FacilitatorKey(id));
    }
}
