namespace Samverkan.EventStore.Contracts;

/// <summary>
/// What every integration event carries. <see cref="Id"/> is stable (the id of the logged event it derives from),
/// so a subscriber that receives an event twice can drop the second; <see cref="Sequence"/> is that event's global
/// sequence number in the log, to order events and to ask for what was missed
/// (<c>GET /api/integration-events?after=</c>).
/// </summary>
public interface IIntegrationEvent
{
    Guid Id { get; }
    string Type { get; }
    long Sequence { get; }
    DateTimeOffset Time { get; }
    Guid ConferenceId { get; }
}

/// <summary>
/// The stable names of the integration events: the <c>type</c> field, the RabbitMQ routing key and the webhook filter.
/// </summary>
public static class IntegrationEventTypes
{
    public const string RoundClosed = "samverkan.round-closed.v1";
    public const string ProtocolAdopted = "samverkan.protocol-adopted.v1";

    public static readonly IReadOnlyList<string> All = [RoundClosed, ProtocolAdopted];
}

/// <summary>One indicator's tally and decision when a round closed.</summary>
/// <param name="Outcome">advanced, eliminated, carried-over or retained.</param>
/// <param name="Level">The protocol level it advanced to, when it advanced.</param>
/// <param name="Rule">elimination-threshold, direct-advance-share, direct-advance-top-n, final-selection-top-n,
/// remainder, facilitator-override or consensus-definition (a rating round).</param>
public sealed record IndicatorResultV1(
    int Indicator, string Category, int Yes, int No, int Abstain, int Denominator, decimal Share, int Rank,
    string Outcome, string? Level, string Rule, string RuleText);

/// <summary>A member of a protocol level, with its share of yes votes in its last round.</summary>
public sealed record ProtocolMemberV1(int Indicator, string Category, string Text, string? Perspective, int LastRound,
    decimal Share);

/// <summary>The members of one protocol level.</summary>
public sealed record ProtocolV1(string Level, IReadOnlyList<ProtocolMemberV1> Members);

/// <summary>
/// A round closed (<c>samverkan.round-closed.v1</c>): the tally and decision of every indicator in its scope, and the
/// members of each protocol level so far.
/// </summary>
public sealed record RoundClosedV1(
    Guid Id, long Sequence, DateTimeOffset Time, Guid ConferenceId, string ConferenceTitle, int Round,
    int ExpertsCheckedIn, int Voters, int BallotsCounted, IReadOnlyList<IndicatorResultV1> Indicators,
    IReadOnlyList<ProtocolV1> Protocols)
    : IIntegrationEvent
{
    public string Type => IntegrationEventTypes.RoundClosed;
}

/// <summary>
/// A protocol level was adopted (<c>samverkan.protocol-adopted.v1</c>), with its members; the conference is concluded.
/// </summary>
public sealed record ProtocolAdoptedV1(
    Guid Id, long Sequence, DateTimeOffset Time, Guid ConferenceId, string ConferenceTitle, string Level,
    IReadOnlyList<ProtocolMemberV1> Members)
    : IIntegrationEvent
{
    public string Type => IntegrationEventTypes.ProtocolAdopted;
}
