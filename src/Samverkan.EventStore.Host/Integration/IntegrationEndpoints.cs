using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Integration;
using Samverkan.EventStore.Application.Integration.Webhooks;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Host.Http;
using Wolverine;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Integration;

public sealed record WebhookRequest(
    string? Url = null, IReadOnlyList<string>? EventTypes = null, string? Secret = null);

/// <summary>Webhook subscriptions of a conference: the facilitator's to register, list and cancel.</summary>
[For(Role.Facilitator)]
public static class WebhookEndpoints
{
    /// <summary>Registers a URL for some integration event types; each delivery is signed with the secret.</summary>
    [WolverinePost("/api/conferences/{conferenceId}/webhooks", OperationId = "SubscribeWebhook")]
    public static async Task<Created<WebhookRegistration>> Subscribe(
        Guid conferenceId, WebhookRequest body, IMessageBus bus)
    {
        var registered = await bus.InvokeAsync<WebhookRegistration>(
            new SubscribeWebhook(conferenceId, body.Url, body.EventTypes, body.Secret));
        return TypedResults.Created(
            $"/api/conferences/{conferenceId}/webhooks/{registered.SubscriptionId}", registered);
    }

    [WolverineGet("/api/conferences/{conferenceId}/webhooks", OperationId = "ListWebhooks")]
    public static async Task<IReadOnlyList<WebhookRegistration>> List(
        Guid conferenceId, IQuerySession session, CancellationToken ct) =>
        (await session.Query<WebhookSubscription>()
            .Where(s => s.ConferenceId == conferenceId).OrderBy(s => s.Id).ToListAsync(ct))
        .Select(WebhookRegistration.Of).ToList();

    [WolverineDelete("/api/conferences/{conferenceId}/webhooks/{subscriptionId}", OperationId = "CancelWebhook")]
    public static async Task<NoContent> Cancel(Guid conferenceId, Guid subscriptionId, IMessageBus bus)
    {
        await bus.InvokeAsync(new CancelWebhook(conferenceId, subscriptionId));
        return TypedResults.NoContent();
    }
}

/// <summary>What a subscriber missed: integration events from the log, after a sequence number.</summary>
public static class IntegrationEventEndpoints
{
    /// <summary>
    /// (Not named After: Wolverine would take a method of that name for middleware.)
    /// The integration events after <paramref name="after"/>, in log order, exactly as they were published;
    /// page on with <c>after = nextAfter</c>. <paramref name="type"/> filters by comma-separated types.
    /// </summary>
    [WolverineGet("/api/integration-events", OperationId = "IntegrationEventsAfter")]
    public static async Task<IResult> Missed(
        long? after, int? limit, Guid? conferenceId, string? type, IQuerySession session, CancellationToken ct)
    {
        var types = (type ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var page = await session.After(after ?? 0, limit ?? 100, conferenceId, types, ct);
        // Serialized as their own types, so that each event shows all its fields.
        return Results.Json(new { events = page.Events.Cast<object>().ToList(), nextAfter = page.NextAfter });
    }
}
