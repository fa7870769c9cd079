using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.EventStore.Application.Integration.Webhooks;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Evaluation;
using Samverkan.EventStore.Domain.Voting;
using Weasel.Core;
using Wolverine.Marten;

namespace Samverkan.EventStore.Application.EventStore;

/// <summary>The Marten event store of the consensus process: its schema, event types and serialization.</summary>
public static class ConsensusEventStore
{
    public const string Schema = "samverkan";

    /// <summary>The events of a conference's own stream.</summary>
    public static readonly IReadOnlyList<Type> ConferenceEventTypes =
    [
        typeof(ConferencePlanned), typeof(IndicatorCatalogImported), typeof(ExpertRegistered), typeof(ExpertCheckedIn),
        typeof(VoterCredentialRevoked), typeof(RoundsPlanned), typeof(RoundOpened), typeof(TieResolved),
        typeof(RoundClosed), typeof(OutcomeOverridden), typeof(ProtocolAdopted),
        typeof(EvaluationQuestionnairePublished),
    ];

    /// <summary>Every event type of the log, so that the catalog in docs/events.md and the store agree.</summary>
    public static readonly IReadOnlyList<Type> EventTypes =
    [
        .. ConferenceEventTypes, typeof(BallotCast), typeof(BallotChanged), typeof(EvaluationSubmitted),
        typeof(WebhookSubscribed), typeof(WebhookCancelled),
    ];

    /// <summary>
    /// The event store, its schema brought up to date when the host starts, and then the event table's own index
    /// (<see cref="EventTableIndexes"/>, registered after the schema step so that the table exists); and the
    /// <see cref="BallotBox"/>, the one way ballots enter it.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddConsensusEventStore(
        this IServiceCollection services, string connectionString)
    {
        var store = services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = Schema;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.Events.AddEventTypes(EventTypes);
                // Versions and sequence numbers assigned by PostgreSQL as it appends, not read beforehand per stream:
                // a batch of ballots to many voters' sheets is one round trip. Nothing reads them before the commit.
                options.Events.AppendMode = EventAppendMode.Quick;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.Projections.Add<WhereTheConferenceStands>(ProjectionLifecycle.Inline);
                options.Projections.Add<WhatTheVoterAnswered>(ProjectionLifecycle.Live);
                options.Projections.Add<WhatTheRoundCountsSoFar>(ProjectionLifecycle.Inline);
                options.Projections.Add<WhoSubscribesToWebhooks>(ProjectionLifecycle.Inline);
                options.Listeners.Add(new ConsensusMetrics.BallotCounter());
            })
            .UseLightweightSessions()
            // Wolverine runs the integration-event relay on one node of however many share the database.
            .IntegrateWithWolverine(wolverine => wolverine.UseWolverineManagedEventSubscriptionDistribution = true)
            .ApplyAllDatabaseChangesOnStartup();
        services.AddHostedService<EventTableIndexes>();
        services.AddSingleton<BallotBox>();
        return store;
    }
}
