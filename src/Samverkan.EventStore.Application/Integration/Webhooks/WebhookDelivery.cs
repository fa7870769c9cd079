using System.Security.Cryptography;
using System.Text;
using Marten;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;
using Samverkan.EventStore.Application.Security;

namespace Samverkan.EventStore.Application.Integration.Webhooks;

/// <summary>
/// One integration event to POST to one subscriber. It waits in Wolverine's durable local queue, so a delivery that
/// cannot be made now is made later, after a restart too, and a slow subscriber holds up nobody else.
/// </summary>
public sealed record DeliverWebhook(Guid SubscriptionId, Guid ConferenceId, Guid EventId, string EventType,
    long Sequence, string Body);

/// <summary>
/// How hard a delivery is tried before it waits for a later attempt (configuration section <c>Samverkan:Webhooks</c>).
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>Retries within one attempt, with exponential backoff from <see cref="FirstRetryDelay"/>.</summary>
    public int Retries { get; set; } = 3;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long one POST may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// When at least this many POSTs failed within a minute, and none succeeded, the subscriber is paused (circuit
    /// open) for <see cref="PauseFor"/>.
    /// </summary>
    public int PauseAfterFailures { get; set; } = 5;
    public TimeSpan PauseFor { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// When an attempt fails or the subscriber is paused, the delivery is tried again after these delays (the last
    /// repeats). Empty by default, because configuration binding appends to an array; <see cref="RedeliverySchedule"/>
    /// fills in.
    /// </summary>
    public TimeSpan[] RedeliverAfter { get; set; } = [];

    public TimeSpan[] RedeliverySchedule => RedeliverAfter.Length > 0
        ? RedeliverAfter
        : [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];
}

public static class DeliverWebhookHandler
{
    public static async Task Handle(DeliverWebhook delivery, IQuerySession session, WebhookSender sender,
        CancellationToken ct)
    {
        // Cancelled since the event was published: nothing more goes to it.
        if (await session.LoadAsync<WebhookSubscription>(delivery.SubscriptionId, ct) is { Active: true } subscription)
            await sender.SendAsync(subscription, delivery, ct);
    }
}

/// <summary>
/// Posts a delivery, signed, through the subscriber's own Polly pipeline: a timeout per POST, retries with
/// backoff, and a circuit breaker that pauses a subscriber that keeps failing (its deliveries wait and resume).
/// </summary>
public sealed class WebhookSender(IHttpClientFactory http, ConferenceSecrets secrets, WebhookOptions options)
{
    public const string HttpClientName = "webhooks";
    public const string SignatureHeader = "X-Samverkan-Signature";
    public const string EventIdHeader = "X-Samverkan-Event-Id";
    public const string EventTypeHeader = "X-Samverkan-Event-Type";
    public const string SequenceHeader = "X-Samverkan-Sequence";

    private readonly ResiliencePipelineRegistry<Guid> _pipelines = new();

    public async Task SendAsync(WebhookSubscription subscription, DeliverWebhook delivery, CancellationToken ct)
    {
        var secret = secrets.OpenWebhookSecret(subscription.ConferenceId, subscription.Id, subscription.SealedSecret);
        var client = http.CreateClient(HttpClientName);
        await Pipeline(subscription.Id).ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(SignatureHeader, Sign(secret, delivery.Body));
            request.Headers.Add(EventIdHeader, delivery.EventId.ToString());
            request.Headers.Add(EventTypeHeader, delivery.EventType);
            request.Headers.Add(SequenceHeader, delivery.Sequence.ToString());
            using var response = await client.SendAsync(request, token);
            response.EnsureSuccessStatusCode();
        }, ct);
    }

    /// <summary>
    /// <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body's UTF-8 bytes under the subscriber's secret.
    /// </summary>
    public static string Sign(string secret, string body) =>
        "sha256=" +
            Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private ResiliencePipeline Pipeline(Guid subscription) => _pipelines.GetOrAddPipeline(subscription, builder =>
    {
        var failures = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>();
        builder
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = failures, MaxRetryAttempts = options.Retries, Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential, UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = failures, FailureRatio = 1.0, MinimumThroughput = options.PauseAfterFailures,
                SamplingDuration = TimeSpan.FromMinutes(1), BreakDuration = options.PauseFor,
            })
            .AddTimeout(options.Timeout);
    });
}
