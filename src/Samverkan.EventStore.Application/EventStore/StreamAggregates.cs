using JasperFx.Events;
using Marten.Events.Aggregation;
using Samverkan.EventStore.Application.Integration.Webhooks;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.EventStore;

// Marten folds a stream with the domain's own evolve functions, so the domain needs no Marten conventions.

/// <summary>The conference aggregate, folded live from its stream whenever a command needs it.</summary>
public sealed partial class ConferenceAggregation : SingleStreamProjection<Conference, Guid>
{
    public ConferenceAggregation()
    {
        // Only the conference's own events: ballots live in their own streams and never reach this aggregate.
        foreach (var type in ConsensusEventStore.ConferenceEventTypes) IncludeType(type);
    }

    public override Conference Evolve(Conference? snapshot, Guid id, IEvent e) => Conference.Evolve(snapshot, e.Data);
}

/// <summary>A voter's ballots of one round, folded live when the voter casts another.</summary>
public sealed partial class BallotSheetAggregation : SingleStreamProjection<BallotSheet, Guid>
{
    public override BallotSheet Evolve(BallotSheet? snapshot, Guid id, IEvent e) =>
        BallotSheet.Evolve(snapshot ?? BallotSheet.Empty with { Id = id }, e.Data);
}

/// <summary>
/// A webhook subscription, kept inline so that the publisher finds a conference's subscribers by query.
/// </summary>
public sealed partial class WebhookSubscriptionProjection : SingleStreamProjection<WebhookSubscription, Guid>
{
    public WebhookSubscriptionProjection()
    {
        IncludeType<WebhookSubscribed>();
        IncludeType<WebhookCancelled>();
    }

    public override WebhookSubscription Evolve(WebhookSubscription? snapshot, Guid id, IEvent e) =>
        WebhookSubscription.Next(snapshot, e.Data);
}
