using Marten;
using Samverkan.EventStore.Application.Research;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Research;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Research;

/// <summary>
/// Researchers' endpoints: a held conference as a file and as tidy CSV, and what-if reruns, sweeps and bootstraps
/// of a stored conference or of a conference file. They read only: nothing is appended to any stream.
/// Answers are JSON, or with <c>?format=table</c> a Markdown table, or with <c>?format=csv</c> tidy CSV.
/// </summary>
public static class ResearchEndpoints
{
    [WolverinePost("/api/conferences/{conferenceId}/research/reruns", OperationId = "RerunStoredConference")]
    public static async Task<IResult> RerunStored(Guid conferenceId, RerunRequest request, string? format,
        IQuerySession session, ConferenceSecrets secrets, CancellationToken ct) =>
        RerunAnswer(Studies.Rerun(
            await Stored(session, secrets, conferenceId, request.Conference, request.BallotsCsv, ct), request), format);

    [WolverinePost("/api/research/reruns", OperationId = "RerunConferenceFile")]
    public static IResult RerunFile(RerunRequest request, string? format) =>
        RerunAnswer(Studies.Rerun(Studies.Record(null, request.Conference, request.BallotsCsv), request), format);

    [WolverinePost("/api/conferences/{conferenceId}/research/sweeps", OperationId = "SweepStoredConference")]
    public static async Task<IResult> SweepStored(Guid conferenceId, SweepRequest request, string? format,
        IQuerySession session, ConferenceSecrets secrets, CancellationToken ct) =>
        SweepAnswer(Studies.Sweep(
            await Stored(session, secrets, conferenceId, request.Conference, request.BallotsCsv, ct), request), format);

    [WolverinePost("/api/research/sweeps", OperationId = "SweepConferenceFile")]
    public static IResult SweepFile(SweepRequest request, string? format) =>
        SweepAnswer(Studies.Sweep(Studies.Record(null, request.Conference, request.BallotsCsv), request), format);

    [WolverinePost("/api/conferences/{conferenceId}/research/bootstraps", OperationId = "BootstrapStoredConference")]
    public static async Task<IResult> BootstrapStored(Guid conferenceId, BootstrapRequest request, string? format,
        IQuerySession session, ConferenceSecrets secrets, CancellationToken ct) =>
        BootstrapAnswer(Studies.Bootstrap(
            await Stored(session, secrets, conferenceId, request.Conference, request.BallotsCsv, ct), request), format);

    [WolverinePost("/api/research/bootstraps", OperationId = "BootstrapConferenceFile")]
    public static IResult BootstrapFile(BootstrapRequest request, string? format) =>
        BootstrapAnswer(
            Studies.Bootstrap(Studies.Record(null, request.Conference, request.BallotsCsv), request), format);

    /// <summary>The stored conference's record, with the request's own file or ballots where it sends them.</summary>
    private static async Task<ConferenceRecord> Stored(IQuerySession session, ConferenceSecrets secrets,
        Guid conferenceId, ConferenceFile? file, string? ballotsCsv, CancellationToken ct) =>
        Studies.Record(await session.LoadRecord(secrets, conferenceId, ct), file, ballotsCsv);

    private static IResult RerunAnswer(WhatIfResult result, string? format) =>
        Answer(result, format, ResearchReports.Table, ResearchReports.DecisionsCsv);

    private static IResult SweepAnswer(SweepResult result, string? format) =>
        Answer(result, format, r => ResearchReports.Table(r), ResearchReports.Csv);

    private static IResult BootstrapAnswer(BootstrapResult result, string? format) =>
        Answer(result, format, ResearchReports.Table, ResearchReports.Csv);

    private static IResult Answer<T>(T result, string? format, Func<T, string> table, Func<T, string> csv) =>
        (format ?? "json") switch
    {
        "json" => Results.Json(result),
        "table" => Results.Text(table(result), "text/markdown; charset=utf-8"),
        "csv" => Results.Text(csv(result), "text/csv; charset=utf-8"),
        var other => throw CommandRejected.Invalid("unknown-format", "Unknown answer format",
            $"Answer as json, table or csv, not '{other}'."),
    };
}
