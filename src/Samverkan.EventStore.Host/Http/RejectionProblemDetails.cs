using System.Net.Sockets;
using System.Text.Json;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;
using Wolverine.Persistence;

namespace Samverkan.EventStore.Host.Http;

/// <summary>
/// Turns every refusal into an RFC 9457 problem with a stable <c>code</c> a client can branch on: refused
/// commands (thrown before anything is appended), refusals of the framework (malformed JSON, too large, no such
/// route, wrong media type) and a database that cannot be reached, which a client is told to retry.
/// </summary>
public sealed class RejectionProblemDetails(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Seconds a client waits before it sends again while the database is unreachable.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            CommandRejected { Rejection: var r } => FromRejection(r),
            // Only a conference is loaded by Wolverine's aggregate workflow (Application's ConferenceAttribute).
            RequiredDataMissingException missing => FromRejection(Conference.Unknown(missing.Message).Rejection),
            ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException => Problem(
                StatusCodes.Status409Conflict, "concurrent-change", "The conference changed at the same moment",
                "Another command changed the same stream while yours was decided, several times over. "
                + "Nothing was recorded; send it again."),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(
                StatusCodes.Status413PayloadTooLarge, "request-too-large", "The request is too large",
                $"A request body may hold at most {StrictInput.MaxBodyBytes / 1024} KiB."),
            BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
            BadHttpRequestException bad => Problem(bad.StatusCode, "malformed-request", "The request is malformed",
                bad.Message),
            JsonException json => Malformed(json),
            _ when DatabaseUnreachable(exception) => Problem(
                StatusCodes.Status503ServiceUnavailable, "database-unavailable", "The database cannot be reached",
                "The service cannot reach its database just now, so it cannot say whether this request was recorded. "
                + $"Send the same request again after {RetryAfterSeconds} s: the same ballot id (or Idempotency-Key) "
                + "is recorded once, and a request that was recorded gets the answer it would have had."),
            _ => null,
        };
        if (problem is null) return false;
        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return await problems.TryWriteAsync(
            new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails FromRejection(Rejection rejection)
    {
        var problem = Problem(rejection.Kind switch
        {
            RejectionKind.Invalid => StatusCodes.Status400BadRequest,
            RejectionKind.NotFound => StatusCodes.Status404NotFound,
            RejectionKind.Conflict => StatusCodes.Status409Conflict,
            RejectionKind.Unauthenticated => StatusCodes.Status401Unauthorized,
            RejectionKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status403Forbidden,
        }, rejection.Code, rejection.Title, rejection.Detail);
        foreach (var (key, value) in rejection.Extensions) problem.Extensions[key] = value;
        return problem;
    }

    /// <summary>
    /// The code of a problem written by the framework rather than by us (no route, wrong method, media type),
    /// so that every refusal carries one. Problems that have a code keep it.
    /// </summary>
    public static void AddMissingCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code")) return;
        var code = (problem.Status ?? context.HttpContext.Response.StatusCode) switch
        {
            StatusCodes.Status400BadRequest => "malformed-request",
            StatusCodes.Status401Unauthorized => "unauthenticated",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "no-such-resource",
            StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
            StatusCodes.Status406NotAcceptable => "not-acceptable",
            StatusCodes.Status413PayloadTooLarge => "request-too-large",
            StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
            >= 500 => "internal-error",
            _ => "refused",
        };
        problem.Extensions["code"] = code;
        problem.Type ??= $"urn:samverkan:problem:{code}";
    }

    private static ProblemDetails Malformed(JsonException json) => Problem(StatusCodes.Status400BadRequest,
        "malformed-request", "The JSON body is malformed",
        $"{json.Message.Split(" Path:")[0].Split(" LineNumber:")[0]} (at {json.Path ?? "$"}). Enums are sent by name, "
        + "numbers as numbers, and only the documented properties.");

    private static ProblemDetails Problem(int status, string code, string title, string detail) => new()
    {
        Status = status, Title = title, Detail = detail, Type = $"urn:samverkan:problem:{code}",
        Extensions = { ["code"] = code },
    };

    /// <summary>A connection that failed or broke, or a server shutting down: transient, worth sending again.</summary>
    private static bool DatabaseUnreachable(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is NpgsqlException { IsTransient: true } or SocketException
                || exception is PostgresException { SqlState: var state }
                && (state.StartsWith("08") || state.StartsWith("57P")))
                return true;
        return false;
    }
}
