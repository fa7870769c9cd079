using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;
using Samverkan.EventStore.Application.Integration.Webhooks;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
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
/// What a round counts so far, kept inline in the transaction of its ballots, so that live standings read one
/// document instead of the round's ballots. Ballots of one round are written one batch at a time (the ballot box
/// holds the round's lock for them), so no two transactions update the same count.
/// </summary>
public sealed partial class WhatTheRoundCountsSoFar : MultiStreamProjection<RoundCount, string>
{
    public WhatTheRoundCountsSoFar()
    {
        Identity<BallotCast>(e => RoundCount.IdOf(e.ConferenceId, e.Round));
        Identity<BallotChanged>(e => RoundCount.IdOf(e.ConferenceId, e.Round));
    }

    public override RoundCount Evolve(RoundCount? snapshot, string id, IEvent e) =>
        (snapshot ?? new RoundCount(id, [])).Evolve(e.Data);
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
