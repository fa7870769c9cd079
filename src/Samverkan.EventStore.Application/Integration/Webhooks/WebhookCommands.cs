using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;

namespace Samverkan.EventStore.Application.Integration.Webhooks;

public sealed record SubscribeWebhook(Guid ConferenceId, string? Url, IReadOnlyList<string>? EventTypes,
    string? Secret);

/// <summary>A registered webhook, as the API shows it: never with its secret.</summary>
public sealed record WebhookRegistration(Guid SubscriptionId, Guid ConferenceId, string Url,
    IReadOnlyList<string> EventTypes, bool Active)
{
    public static WebhookRegistration Of(WebhookSubscription s) =>
        new(s.Id, s.ConferenceId, s.Url, s.EventTypes, s.Active);
}

public static class SubscribeWebhookHandler
{
    public static async Task<WebhookRegistration> Handle(SubscribeWebhook command, IDocumentSession session,
        ConferenceSecrets secrets, CancellationToken ct)
    {
        await session.LoadConference(command.ConferenceId, ct);
        var (url, types) = WebhookSubscription.Check(command.Url, command.EventTypes, command.Secret);
        var id = Guid.CreateVersion7();
        var subscribed = new WebhookSubscribed(id, command.ConferenceId, url.ToString(), types,
            secrets.SealWebhookSecret(command.ConferenceId, id, command.Secret!));
        session.Events.StartStream<WebhookSubscription>(id, subscribed);
        return WebhookRegistration.Of(WebhookSubscription.Next(null, subscribed));
    }
}

public sealed record CancelWebhook(Guid ConferenceId, Guid SubscriptionId);

public static class CancelWebhookHandler
{
    public static async Task Handle(CancelWebhook command, IDocumentSession session, CancellationToken ct)
    {
        var unknown = CommandRejected.NotFound("unknown-webhook", "No such webhook",
            $"Conference {command.ConferenceId} has no webhook {command.SubscriptionId}.");
        // The empty id names no stream at all (Marten refuses it), so it names no webhook either.
        if (command.SubscriptionId == Guid.Empty) throw unknown;
        var stream = await session.Events.FetchForWriting<WebhookSubscription>(command.SubscriptionId, ct);
        if (stream.Aggregate is not { } subscription || subscription.ConferenceId != command.ConferenceId)
            throw unknown;
        if (!subscription.Active)
            throw CommandRejected.Conflict("webhook-cancelled", "The webhook is already cancelled",
                $"Webhook {command.SubscriptionId} was cancelled before.");
        stream.AppendOne(new WebhookCancelled(command.SubscriptionId, command.ConferenceId));
    }
}
