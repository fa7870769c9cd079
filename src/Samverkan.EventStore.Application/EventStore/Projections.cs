using JasperFx.Events;
using Marten.Events.Aggregation;
using Samverkan.EventStore.Application.Integration.Webhooks;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.EventStore;

// The projections, named after the question they answer. Marten folds a stream with the domain's own evolve
// functions, so the domain needs no Marten conventions.

/// <summary>
/// Where a conference stands: its state, kept inline (updated in the transaction of each of its events), which
/// commands decide on and every view of the conference reads.
/// </summary>
public sealed partial class WhereTheConferenceStands : SingleStreamProjection<Conference, Guid>
{
    public WhereTheConferenceStands()
    {
        // Only the conference's own events: ballots live in their own streams and never reach this aggregate.
        foreach (var type in ConsensusEventStore.ConferenceEventTypes) IncludeType(type);
    }

    public override Conference Evolve(Conference? snapshot, Guid id, IEvent e) => Conference.Evolve(snapshot, e.Data);
}

/// <summary>What a voter answered in one round: their ballot sheet, folded live when they cast another.</summary>
public sealed partial class WhatTheVoterAnswered : SingleStreamProjection<BallotSheet, Guid>
{
    public override BallotSheet Evolve(BallotSheet? snapshot, Guid id, IEvent e) =>
        BallotSheet.Evolve(snapshot ?? BallotSheet.Empty with { Id = id }, e.Data);
}

/// <summary>
/// Who subscribes to a conference's webhooks, kept inline so that the publisher finds them by query.
/// </summary>
public sealed partial class WhoSubscribesToWebhooks : SingleStreamProjection<WebhookSubscription, Guid>
{
    public WhoSubscribesToWebhooks()
    {
        IncludeType<WebhookSubscribed>();
        IncludeType<WebhookCancelled>();
    }

    public override WebhookSubscription Evolve(WebhookSubscription? snapshot, Guid id, IEvent e) =>
        WebhookSubscription.Next(snapshot, e.Data);
}
