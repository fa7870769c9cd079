using System.Text.Json;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Samverkan.EventStore.Application.Integration.Webhooks;
using Samverkan.EventStore.Contracts;
using Samverkan.EventStore.Domain.Conferences;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Marten.Subscriptions;
using Wolverine.RabbitMQ;
using WolverineExchangeType = Wolverine.RabbitMQ.ExchangeType;

namespace Samverkan.EventStore.Application.Integration;

/// <summary>
/// Publishing driven by the event log. A Marten subscription (run by the async daemon) reads each round closed and
/// protocol adopted, turns it into its integration event and hands it to Wolverine: to the RabbitMQ topic exchange,
/// and as one delivery per webhook subscriber to a durable local queue. The outgoing messages are stored in Wolverine's
/// outbox in the same transaction as the subscription's progress, so an event is published once it is in the log,
/// even if the broker or a subscriber was away when it was appended, and never from a close that rolled back.
/// </summary>
public static class IntegrationPublishing
{
    public const string Exchange = "samverkan.integration-events";
    public const string WebhookQueue = "webhooks";

    /// <summary>
    /// The contract's JSON: camelCase, as RabbitMQ carries it (Wolverine's default) and webhooks post it.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static MartenServiceCollectionExtensions.MartenConfigurationExpression PublishIntegrationEvents(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, bool toRabbitMq) =>
        marten.SubscribeToEvents(new IntegrationEventRelay(toRabbitMq));

    /// <summary>
    /// Routes integration events to RabbitMQ (when a broker is configured) and webhook deliveries to their queue.
    /// </summary>
    public static WolverineOptions UseIntegrationPublishing(this WolverineOptions options, Uri? rabbitMq,
        WebhookOptions webhooks)
    {
        if (rabbitMq is not null)
        {
            options.UseRabbitMq(rabbitMq)
                .AutoProvision()
                .DeclareExchange(Exchange, e =>
                {
                    e.ExchangeType = WolverineExchangeType.Topic;
                    e.IsDurable = true;
                })
                .DisableSystemRequestReplyQueueDeclaration();
            // The routing key is the event's type (samverkan.round-closed.v1), set when the relay broadcasts to it.
            options.PublishMessage<RoundClosedV1>().ToRabbitTopics(Exchange).UseDurableOutbox();
            options.PublishMessage<ProtocolAdoptedV1>().ToRabbitTopics(Exchange).UseDurableOutbox();
        }

        options.PublishMessage<DeliverWebhook>().ToLocalQueue(WebhookQueue);
        options.LocalQueue(WebhookQueue).UseDurableInbox().MaximumParallelMessages(8);
        // A delivery that fails after its retries, or finds its subscriber paused, waits and is tried again: never
        // dropped.
        options.Policies.Add(new RedeliverWebhooks(webhooks.RedeliverySchedule));
        return options;
    }

    private sealed class RedeliverWebhooks(TimeSpan[] delays) : IHandlerPolicy
    {
        public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
        {
            foreach (var chain in chains.Where(c => c.MessageType == typeof(DeliverWebhook)))
                chain.OnException<HttpRequestException>().Or<BrokenCircuitException>().Or<TimeoutRejectedException>()
                    .ScheduleRetryIndefinitely(delays);
        }
    }
}

/// <summary>The subscription that turns logged events into integration events and hands them to Wolverine.</summary>
public sealed class IntegrationEventRelay : BatchSubscription
{
    private readonly bool _toRabbitMq;

    public IntegrationEventRelay(bool toRabbitMq) : base("integration-events")
    {
        _toRabbitMq = toRabbitMq;
        IncludeType<RoundClosed>();
        IncludeType<ProtocolAdopted>();
    }

    public override async Task ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken ct)
    {
        foreach (var e in await operations.IntegrationEventsOf(page.Events, ct))
        {
            if (_toRabbitMq) await bus.BroadcastToTopicAsync(e.Type, e);
            var subscribers = await operations.Query<WebhookSubscription>()
                .Where(s => s.ConferenceId == e.ConferenceId && s.Active).ToListAsync(ct);
            var body = JsonSerializer.Serialize(e, e.GetType(), IntegrationPublishing.Json);
            foreach (var subscriber in subscribers.Where(s => s.Wants(e.Type)))
                await bus.PublishAsync(new DeliverWebhook(subscriber.Id, e.ConferenceId, e.Id, e.Type, e.Sequence,
                    body));
        }
    }
}
