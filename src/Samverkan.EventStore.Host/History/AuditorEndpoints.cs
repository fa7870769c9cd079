using Marten;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Evaluations;
using Samverkan.EventStore.Application.History;
using Samverkan.EventStore.Application.Research;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Evaluation;
using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.Host.Http;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.History;

/// <summary>
/// What only an auditor (or the facilitator) reads: the log event by event, the conference as of any moment, the
/// record a rerun starts from and the evaluation responses. None of it names a person beside a ballot.
/// </summary>
[For(Role.Auditor)]
public static class AuditorEndpoints
{
    /// <summary>The conference as it stood at a global event sequence number, or at a time (ISO 8601).</summary>
    [WolverineGet("/api/conferences/{conferenceId}/as-of", OperationId = "GetConferenceAsOf")]
    public static Task<ConferenceAsOf> AsOf(
        Guid conferenceId, long? sequence, DateTimeOffset? time, IQuerySession session, CancellationToken ct) =>
        session.AsOf(conferenceId, sequence, time, ct);

    /// <summary>Every event of the conference in log order, ballots included; page on with after = nextAfter.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/events", OperationId = "WalkConferenceEvents")]
    public static Task<EventPage> Events(
        Guid conferenceId, long? after, int? limit, IQuerySession session, CancellationToken ct) =>
        session.Walk(conferenceId, after ?? 0, limit ?? 100, ct);

    /// <summary>The evaluation: counts per option, and the comments, each under no name.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/evaluation", OperationId = "GetEvaluationResults")]
    public static Task<EvaluationResults> Evaluation(Guid conferenceId, IQuerySession session, CancellationToken ct) =>
        session.EvaluationResults(conferenceId, ct);

    /// <summary>The conference as a conference file (samverkan-conference, version 1), voters relabelled.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/record", OperationId = "ExportConferenceRecord")]
    public static async Task<IResult> ExportRecord(
        Guid conferenceId, IQuerySession session, ConferenceSecrets secrets, CancellationToken ct) =>
        Results.Text(ConferenceFile.Of(await session.LoadRecord(secrets, conferenceId, ct)).Write(),
            "application/json; charset=utf-8");

    /// <summary>The recorded conference as tidy CSV: one row per ballot, per tally or per decision.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/record/{table}", OperationId = "ExportConferenceTable")]
    public static async Task<IResult> ExportTable(
        Guid conferenceId, string table, IQuerySession session, ConferenceSecrets secrets, CancellationToken ct)
    {
        Func<ConferenceRecord, string> csv = table switch
        {
            "ballots" => ResearchReports.BallotsCsv,
            "tallies" => ResearchReports.TalliesCsv,
            "decisions" => ResearchReports.DecisionsCsv,
            _ => throw CommandRejected.NotFound("unknown-table", "No such table",
                $"The record exports ballots, tallies or decisions, not '{table}'."),
        };
        return Results.Text(csv(await session.LoadRecord(secrets, conferenceId, ct)), "text/csv; charset=utf-8");
    }
}
