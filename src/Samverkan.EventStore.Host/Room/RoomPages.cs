using Marten;
using Samverkan.EventStore.Application.Conferences;

namespace Samverkan.EventStore.Host.Room;

/// <summary>
/// The conference room on the web: static pages under wwwroot/room that use only the public HTTP API, a stream of
/// notices per conference (server-sent events) that tells them when to read again, and the console's session.
/// </summary>
public static class RoomPages
{
    /// <summary>The pages of a conference, each at /c/{conferenceId}/{page}.</summary>
    public static readonly IReadOnlyList<string> ConferencePages = ["vote", "screen", "console", "audit", "protocol"];

    // Pages load only their own scripts and styles and talk only to this service; no page may be framed.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>The room's services; the database and the server secret hold what the nodes share.</summary>
    public static IServiceCollection AddRoom(this IServiceCollection services, string connectionString,
        byte[] serverSecret)
    {
        services.AddSingleton<RoomNotices>();
        services.AddSingleton(provider => new RoomNoticeChannel(connectionString,
            provider.GetRequiredService<RoomNotices>(), provider.GetRequiredService<ILogger<RoomNoticeChannel>>()));
        services.AddHostedService(provider => provider.GetRequiredService<RoomNoticeChannel>());
        services.AddHostedService<TurnoutTicker>();
        services.ConfigureMarten((provider, options) =>
            options.Listeners.Add(new RoomNoticeListener(provider.GetRequiredService<RoomNoticeChannel>())));
        services.AddFacilitatorSessions();
        services.AddSharedKeys(connectionString, serverSecret);
        return services;
    }

    public static WebApplication MapRoom(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = file => Secure(file.Context.Response) });
        var pages = app.MapGroup("").ExcludeFromDescription()
            .AddEndpointFilter((context, next) =>
            {
                Secure(context.HttpContext.Response);
                return next(context);
            });
        pages.MapGet("/", () => Page("index"));
        foreach (var page in ConferencePages) pages.MapGet($"/c/{{conferenceId:guid}}/{page}", () => Page(page));
        pages.MapGet("/c/{conferenceId:guid}/live", Live);
        pages.MapFacilitatorSessions();
        return app;
    }

    private static IResult Page(string name) => Results.File($"room/{name}.html", "text/html; charset=utf-8");

    /// <summary>The conference's notices as server-sent events, for as long as the page stays.</summary>
    private static async Task<IResult> Live(
        Guid conferenceId, IQuerySession session, RoomNotices notices, HttpContext context, CancellationToken ct)
    {
        await session.LoadConference(conferenceId, ct);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.ServerSentEvents(notices.Follow(conferenceId, ct), "notice");
    }

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
