using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Domain;

namespace Samverkan.EventStore.Host.Http;

/// <summary>
/// Turns a refused command into an RFC 9457 problem: the status from the rejection's kind, its title and
/// detail, and a stable code a client can branch on. Refusals are thrown before anything is appended.
/// </summary>
public sealed class RejectionProblemDetails(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            CommandRejected { Rejection: var r } => FromRejection(r),
            ConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The conference changed at the same moment",
                Detail = "Another command changed this conference while yours was decided, several times over. Nothing was recorded; send it again.",
                Extensions = { ["code"] = "concurrent-change" },
            },
            Marten.Exceptions.ExistingStreamIdCollisionException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Already recorded",
                Detail = "The same answer was recorded at the same moment by another request; it is recorded once.",
                Extensions = { ["code"] = "already-recorded" },
            },
            _ => null,
        };
        if (problem is null) return false;
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails FromRejection(Rejection rejection)
    {
        var problem = new ProblemDetails
        {
            Status = rejection.Kind switch
            {
                RejectionKind.Invalid => StatusCodes.Status400BadRequest,
                RejectionKind.NotFound => StatusCodes.Status404NotFound,
                RejectionKind.Conflict => StatusCodes.Status409Conflict,
                RejectionKind.Unauthenticated => StatusCodes.Status401Unauthorized,
                _ => StatusCodes.Status403Forbidden,
            },
            Title = rejection.Title,
            Detail = rejection.Detail,
            Type = $"urn:samverkan:problem:{rejection.Code}",
            Extensions = { ["code"] = rejection.Code },
        };
        foreach (var (key, value) in rejection.Extensions) problem.Extensions[key] = value;
        return problem;
    }
}
