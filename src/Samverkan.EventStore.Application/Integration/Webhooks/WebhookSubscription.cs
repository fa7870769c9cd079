using Samverkan.EventStore.Contracts;
using Samverkan.EventStore.Domain;

namespace Samverkan.EventStore.Application.Integration.Webhooks;

/// <summary>
/// A subscriber asked for a conference's integration events at a URL. The secret that signs each delivery is
/// sealed (AES-GCM under a key derived from the server secret), so the log never holds it in the clear.
/// </summary>
public sealed record WebhookSubscribed(Guid SubscriptionId, Guid ConferenceId, string Url,
    IReadOnlyList<string> EventTypes, string SealedSecret);

/// <summary>The subscription was cancelled; nothing more is delivered to it.</summary>
public sealed record WebhookCancelled(Guid SubscriptionId, Guid ConferenceId);

/// <summary>A webhook subscription as its stream leaves it; <see cref="Next"/> is its evolve function.</summary>
public sealed record WebhookSubscription(Guid Id, Guid ConferenceId, string Url, IReadOnlyList<string> EventTypes,
    string SealedSecret, bool Active)
{
    public const int MinimumSecretLength = 16;

    public static WebhookSubscription Next(WebhookSubscription? state, object e) => (state, e) switch
    {
        (_, WebhookSubscribed x) =>
            new(x.SubscriptionId, x.ConferenceId, x.Url, x.EventTypes, x.SealedSecret, Active: true),
        ({ } s, WebhookCancelled) => s with { Active = false },
        _ => state ?? throw new InvalidOperationException(
            $"A webhook subscription stream must start with {nameof(WebhookSubscribed)}."),
    };

    public bool Wants(string eventType) => Active && EventTypes.Contains(eventType);

    /// <summary>Checks a registration, naming every problem: the URL, the event types and the secret.</summary>
    public static (Uri Url, IReadOnlyList<string> EventTypes) Check(string? url, IReadOnlyList<string>? eventTypes,
        string? secret)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            problems.Add($"The URL '{url}' is not an absolute http or https URL.");
        if (eventTypes is null || eventTypes.Count == 0)
            problems.Add($"Name the event types to deliver: {string.Join(", ", IntegrationEventTypes.All)}.");
        foreach (var unknown in (eventTypes ?? []).Except(IntegrationEventTypes.All))
            problems.Add($"'{unknown}' is not an integration event type; the types are " +
                $"{string.Join(", ", IntegrationEventTypes.All)}.");
        if (string.IsNullOrEmpty(secret))
            problems.Add("The secret is missing: each delivery is signed with it (HMAC-SHA256 of the body).");
        else if (secret.Length < MinimumSecretLength)
            problems.Add($"The secret has {secret.Length} characters; it needs at least {MinimumSecretLength}.");
        CommandRejected.ThrowIfAny(problems, "invalid-webhook", "The webhook was not registered");
        return (uri!, eventTypes!.Distinct().ToList());
    }
}
