using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Host.Http;
using Wolverine;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Conferences;

/// <summary>Planning a conference and reading it. Planning is open to anyone; it hands out the facilitator key.
/// </summary>
public static class ConferenceEndpoints
{
    [WolverinePost("/api/conferences", OperationId = "PlanConference")]
    public static async Task<Created<ConferenceCreated>> Plan(PlanConference command,
        [FromHeader(Name = Access.IdempotencyHeader)] string? idempotencyKey, IMessageBus bus)
    {
        var created = await bus.InvokeAsync<ConferenceCreated>(
            command with { IdempotencyKey = Access.IdempotencyKey(idempotencyKey) });
        return TypedResults.Created($"/api/conferences/{created.ConferenceId}", created);
    }

    /// <summary>The conferences, latest first, a page at a time (for the console): their facts and status.</summary>
    [WolverineGet("/api/conferences", OperationId = "ListConferences")]
    public static async Task<ConferenceList> List(int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var (number, size) = (page ?? 1, pageSize ?? 50);
        if (number is < 1 or > 100_000 || size is < 1 or > 200)
            throw CommandRejected.Invalid("invalid-page", "Invalid page",
                $"Pages are numbered 1 to 100,000 and hold 1 to 200 conferences, not page {number} of {size}.");
        var conferences = await session.Query<Conference>()
            .OrderByDescending(c => c.StartsOn).ThenBy(c => c.Id)
            .Skip((number - 1) * size).Take(size + 1).ToListAsync(ct);
        return new ConferenceList(number, size, conferences.Count > size,
            conferences.Take(size).Select(c => new ConferenceListing(
                c.Id, c.Title, c.Place, c.StartsOn, c.EndsOn, c.Status)).ToList());
    }

    [WolverineGet("/api/conferences/{conferenceId}", OperationId = "GetConference")]
    public static async Task<ConferenceSummary> Get(Guid conferenceId, IQuerySession session, CancellationToken ct) =>
        ConferenceSummary.Of(await session.LoadConference(conferenceId, ct));

    /// <summary>
    /// What would be decided if the round closed now, from the ballots committed so far: counts, share, rank and
    /// provisional outcome per indicator, and any tie the facilitator would have to settle. Read from the round's
    /// count, kept in the transaction of its ballots, so an acknowledged ballot shows at once and a request reads
    /// two documents however many ballots the round holds.
    /// </summary>
    [WolverineGet("/api/conferences/{conferenceId}/rounds/{round}/standings", OperationId = "GetRoundStandings")]
    public static async Task<RoundResult> GetStandings(
        Guid conferenceId, int round, IQuerySession session, CancellationToken ct)
    {
        var conference = await session.LoadConference(conferenceId, ct);
        var count = await session.LoadAsync<RoundCount>(RoundCount.IdOf(conferenceId, round), ct);
        return conference.Standings(round, count ?? RoundCount.Empty(conferenceId, round));
    }

    [WolverineGet("/api/conferences/{conferenceId}/protocols/{level}", OperationId = "GetProtocol")]
    public static async Task<ProtocolView> GetProtocol(
        Guid conferenceId, string level, IQuerySession session, CancellationToken ct) =>
        ProtocolView.Of(await session.LoadConference(conferenceId, ct), level);

    /// <summary>The protocol as the report prints it: text/markdown, or text/csv for R and pandas.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/protocols/{level}/export", OperationId = "ExportProtocol")]
    public static async Task<IResult> ExportProtocol(
        Guid conferenceId, string level, string? format, IQuerySession session, CancellationToken ct)
    {
        var protocol = ProtocolView.Of(await session.LoadConference(conferenceId, ct), level);
        return (format ?? "markdown") switch
        {
            "markdown" => Results.Text(ProtocolExport.Markdown(protocol), "text/markdown; charset=utf-8"),
            "csv" => Results.Text(ProtocolExport.Csv(protocol), "text/csv; charset=utf-8"),
            var other => throw CommandRejected.Invalid("unknown-format", "Unknown export format",
                $"Export as markdown or csv, not '{other}'."),
        };
    }

    /// <summary>
    /// A closed rating round's feedback: per indicator the distribution, median, quartiles and IQR of the panel and of
    /// each group shown, with stability since the previous rating round and Kendall's W; JSON, or tidy CSV.
    /// </summary>
    [WolverineGet("/api/conferences/{conferenceId}/rounds/{round}/feedback", OperationId = "GetRoundFeedback")]
    public static async Task<IResult> GetFeedback(
        Guid conferenceId, int round, string? format, IQuerySession session, CancellationToken ct)
    {
        var feedback = await session.Feedback(conferenceId, round, ct);
        return (format ?? "json") switch
        {
            "json" => Results.Json(feedback),
            "csv" => Results.Text(RoundFeedbacks.Csv(feedback), "text/csv; charset=utf-8"),
            var other => throw CommandRejected.Invalid("unknown-format", "Unknown answer format",
                $"Answer as json or csv, not '{other}'."),
        };
    }

    [WolverineGet("/api/conferences/{conferenceId}/rounds/{round}", OperationId = "GetRound")]
    public static async Task<RoundSummary> GetRound(
        Guid conferenceId, int round, IQuerySession session, CancellationToken ct)
    {
        var conference = await session.LoadConference(conferenceId, ct);
        var state = conference.Rounds.GetValueOrDefault(round)
            ?? throw CommandRejected.NotFound("unknown-round", "No such round",
                $"The round plan has no round {round}.");
        return state is { Status: RoundStatus.Closed, Planned.Rules.Rating: not null }
            ? RoundSummary.Of(state) with { Feedback = await session.Feedback(conferenceId, round, ct) }
            : RoundSummary.Of(state);
    }
}

public sealed record RegisterExpertRequest(string Name, string Organisation, string Role);

public sealed record RevokeCredentialRequest(string Credential, string Reason);

public sealed record ConferenceListing(
    Guid ConferenceId, string Title, string Place, DateOnly StartsOn, DateOnly EndsOn, ConferenceStatus Status);

public sealed record ConferenceList(int Page, int PageSize, bool More, IReadOnlyList<ConferenceListing> Conferences);

public sealed record ExpertView(Guid ExpertId, string Name, string Organisation, string Role, bool CheckedIn);

public sealed record AuditorKey(Guid ConferenceId, string Key);

/// <summary>Preparing a conference: catalog, experts, check-in and the round plan: the facilitator's commands.
/// </summary>
[For(Role.Facilitator)]
public static class PreparationEndpoints
{
    /// <summary>Imports a catalog sent as text/csv or application/json; all of it, or nothing.</summary>
    [WolverinePost("/api/conferences/{conferenceId}/catalog", OperationId = "ImportIndicatorCatalog")]
    public static async Task<CatalogImported> ImportCatalog(Guid conferenceId, HttpRequest request, IMessageBus bus)
    {
        var format = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" => CatalogFormat.Csv,
            "application/json" => CatalogFormat.Json,
            var other => throw new CommandRejected(new(RejectionKind.Invalid, "unsupported-catalog-format",
                "Unsupported catalog format",
                $"Send the catalog as text/csv or application/json, not {other ?? "without a Content-Type"}.")),
        };
        using var reader = new StreamReader(request.Body);
        var content = await reader.ReadToEndAsync();
        return await bus.InvokeAsync<CatalogImported>(new ImportCatalog(
            conferenceId, $"{format} upload".ToLowerInvariant(), CatalogFile.Parse(format, content)));
    }

    /// <summary>Registers an expert; sent again with the same Idempotency-Key, it finds the same expert.</summary>
    [WolverinePost("/api/conferences/{conferenceId}/experts", OperationId = "RegisterExpert")]
    public static async Task<Created<ExpertRegistration>> RegisterExpert(Guid conferenceId, RegisterExpertRequest body,
        [FromHeader(Name = Access.IdempotencyHeader)] string? idempotencyKey, IMessageBus bus)
    {
        var registered = await bus.InvokeAsync<ExpertRegistration>(new RegisterExpert(
            conferenceId, body.Name, body.Organisation, body.Role, Access.IdempotencyKey(idempotencyKey)));
        return TypedResults.Created($"/api/conferences/{conferenceId}/experts/{registered.ExpertId}", registered);
    }

    /// <summary>
    /// Checks an expert in and hands out their voter credential. Sent again with the same Idempotency-Key, it hands
    /// out the same credential (a lost answer is recovered); without one, the credential is shown only this once.
    /// <paramref name="group"/> is the expert's stakeholder group, carried by the credential into each ballot.
    /// </summary>
    [WolverinePost("/api/conferences/{conferenceId}/experts/{expertId}/check-in", OperationId = "CheckInExpert")]
    public static Task<VoterCredentialHandedOut> CheckIn(Guid conferenceId, Guid expertId,
        [FromHeader(Name = Access.IdempotencyHeader)] string? idempotencyKey, [FromQuery] string? group,
        IMessageBus bus) =>
        bus.InvokeAsync<VoterCredentialHandedOut>(new CheckInExpert(conferenceId, expertId,
            Access.IdempotencyKey(idempotencyKey), StakeholderGroup.Of(group)));

    /// <summary>
    /// The registered experts, by name, and whether each has checked in; never when, nor in which order, so that
    /// nothing here can be set beside the order of ballots.
    /// </summary>
    [WolverineGet("/api/conferences/{conferenceId}/experts", OperationId = "ListExperts")]
    public static async Task<IReadOnlyList<ExpertView>> Experts(
        Guid conferenceId, IQuerySession session, ConferenceSecrets secrets, CancellationToken ct)
    {
        var conference = await session.LoadConference(conferenceId, ct);
        return conference.Experts.Values
            .Select(e => (e.Id, Identity: secrets.OpenIdentity(conferenceId, e.Id, e.Identity)))
            .Select(e => new ExpertView(e.Id, e.Identity.Name, e.Identity.Organisation, e.Identity.Role,
                conference.HasCheckedIn(secrets.Attendee(conferenceId, e.Id))))
            .OrderBy(e => e.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), true))
            .ThenBy(e => e.ExpertId)
            .ToList();
    }

    /// <summary>The key the facilitator hands to an auditor: read-only access to the log and the record.</summary>
    [WolverineGet("/api/conferences/{conferenceId}/auditor-key", OperationId = "IssueAuditorKey")]
    public static AuditorKey IssueAuditorKey(Guid conferenceId, ConferenceSecrets secrets) =>
        new(conferenceId, secrets.AuditorKey(conferenceId));

    [WolverinePost("/api/conferences/{conferenceId}/revoked-credentials", OperationId = "RevokeVoterCredential")]
    public static async Task<NoContent> Revoke(
        Guid conferenceId, RevokeCredentialRequest body, ConferenceSecrets secrets, IMessageBus bus)
    {
        var check = secrets.Check(conferenceId, body.Credential);
        if (check.Status != CredentialStatus.Valid)
            throw CommandRejected.Invalid("invalid-credential", "Not a credential of this conference",
                "The credential to revoke is malformed or was not handed out by this conference.");
        await bus.InvokeAsync(new RevokeVoterCredential(conferenceId, check.Voter!, body.Reason));
        return TypedResults.NoContent();
    }

    [WolverinePut("/api/conferences/{conferenceId}/round-plan", OperationId = "PlanRounds")]
    public static async Task<NoContent> PlanRounds(Guid conferenceId, Domain.Rounds.RoundPlan plan, IMessageBus bus)
    {
        await bus.InvokeAsync(new PlanRounds(conferenceId, plan));
        return TypedResults.NoContent();
    }
}
