using System.Diagnostics.Metrics;
using Marten;
using Marten.Services;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.EventStore;

/// <summary>The service's own metrics (meter <see cref="MeterName"/>), exported by the host's OpenTelemetry.</summary>
public static class ConsensusMetrics
{
    public const string MeterName = "Samverkan.EventStore";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Ballots committed: first answers and changes (a repeat is no new ballot). Its rate is ballots/s.
    /// </summary>
    public static readonly Counter<long> BallotsRecorded =
        Meter.CreateCounter<long>("samverkan.ballots.recorded", "{ballot}", "Ballots committed to the log");

    /// <summary>How long a close takes from its first step, the round's lock, to its decision (the commit follows).
    /// </summary>
    public static readonly Histogram<double> CloseDuration = Meter.CreateHistogram<double>(
        "samverkan.round.close.duration", "s", "Time to close a round, from taking its lock to its decision");

    /// <summary>The conference a measurement belongs to: a handful per service, never a person.</summary>
    public static KeyValuePair<string, object?> Conference(Guid id) => new("conference", id.ToString());

    /// <summary>Counts ballots after their commit, so that a rolled-back ballot is not counted.</summary>
    public sealed class BallotCounter : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            var ballots = commit.GetEvents().Select(e => e.Data switch
            {
                BallotCast b => b.ConferenceId,
                BallotChanged b => b.ConferenceId,
                _ => (Guid?)null,
            }).OfType<Guid>();
            foreach (var conference in ballots.GroupBy(id => id))
                BallotsRecorded.Add(conference.Count(), Conference(conference.Key));
            return Task.CompletedTask;
        }
    }
}
