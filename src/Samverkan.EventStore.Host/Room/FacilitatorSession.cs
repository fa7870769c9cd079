using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Host.Http;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Room;

public sealed record SessionRequest(string Key);

/// <summary>The anti-forgery token a console sends in <see cref="FacilitatorSession.AntiforgeryHeader"/>.</summary>
public sealed record FacilitatorSessionOpened(Guid ConferenceId, string AntiforgeryToken);

/// <summary>
/// The console's session: the facilitator key, typed once, is exchanged for an HttpOnly, SameSite=Strict cookie of
/// the conference, so that no script of the page holds the key. The cookie stands in for the X-Facilitator-Key
/// header (see <see cref="FacilitatorCheck"/>), and a request that changes anything with it must also carry the
/// anti-forgery token in a header, which another site can neither read nor send.
/// </summary>
public static class FacilitatorSession
{
    public const string AntiforgeryHeader = "X-Anti-Forgery";

    public static string CookieName(Guid conferenceId) => $"samverkan-facilitator-{conferenceId:N}";

    public static void AddFacilitatorSessions(this IServiceCollection services) =>
        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = "samverkan-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

    public static void MapFacilitatorSessions(this IEndpointRouteBuilder pages)
    {
        pages.MapPost("/c/{conferenceId:guid}/session", Open);
        pages.MapGet("/c/{conferenceId:guid}/session", Resume);
        pages.MapDelete("/c/{conferenceId:guid}/session", (Guid conferenceId, HttpContext context) =>
        {
            context.Response.Cookies.Delete(CookieName(conferenceId), Cookie(context));
            return TypedResults.NoContent();
        });
    }

    /// <summary>The facilitator key the request's session cookie holds for the conference, if any.</summary>
    public static string? Key(HttpContext context, Guid conferenceId) =>
        context.Request.Cookies[CookieName(conferenceId)];

    /// <summary>Continues for a safe method, or with a valid anti-forgery token; otherwise a 403 problem.</summary>
    public static async Task<ProblemDetails> CheckForgery(HttpContext context) =>
        await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context)
            ? WolverineContinue.NoProblems
            : RejectionProblemDetails.FromRejection(new Rejection(RejectionKind.Forbidden, "missing-antiforgery-token",
                "Anti-forgery token required",
                $"A change made with the console's session cookie needs the token its session handed out, in the "
                + $"{AntiforgeryHeader} header."));

    private static IResult Open(
        Guid conferenceId, SessionRequest body, HttpContext context, ConferenceSecrets secrets)
    {
        if (!secrets.IsFacilitator(conferenceId, body.Key))
            throw new CommandRejected(new Rejection(RejectionKind.Unauthenticated, "wrong-facilitator-key",
                "Facilitator key required", "This is not the conference's facilitator key."));
        context.Response.Cookies.Append(CookieName(conferenceId), body.Key, Cookie(context));
        return Opened(conferenceId, context);
    }

    private static IResult Resume(Guid conferenceId, HttpContext context, ConferenceSecrets secrets) =>
        secrets.IsFacilitator(conferenceId, Key(context, conferenceId))
            ? Opened(conferenceId, context)
            : throw new CommandRejected(new Rejection(RejectionKind.Unauthenticated, "missing-facilitator-key",
                "No console session", "Open the console with the conference's facilitator key."));

    private static IResult Opened(Guid conferenceId, HttpContext context) => TypedResults.Ok(
        new FacilitatorSessionOpened(conferenceId,
            context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!));

    private static CookieOptions Cookie(HttpContext context) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/",
        IsEssential = true,
    };
}
