using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>
/// The console's session: the facilitator key exchanged for an HttpOnly, SameSite=Strict cookie, which stands in for
/// the key header; a change made with it needs the anti-forgery token, and without it changes nothing.
/// </summary>
[Collection(nameof(RoomCollection))]
public sealed class ConsoleSession(RoomFixture room)
{
    [Fact]
    public async Task The_key_becomes_an_HttpOnly_SameSite_cookie_and_a_change_with_it_needs_the_antiforgery_token()
    {
        var scenario = await ConferenceScenario.Planned(room.Api, experts: 1);
        var cookies = new CookieContainer();
        using var browser = room.Client(cookies);
        var session = $"/c/{scenario.Id}/session";

        await ConferenceScenario.AssertProblem(await browser.PostAsJsonAsync(session, new { key = "not-the-key" }),
            HttpStatusCode.Unauthorized, "wrong-facilitator-key");
        await ConferenceScenario.AssertProblem(await browser.GetAsync(session), HttpStatusCode.Unauthorized,
            "missing-facilitator-key");

        var opened = await browser.PostAsJsonAsync(session, new { key = scenario.FacilitatorKey });
        opened.EnsureSuccessStatusCode();
        var setCookie = opened.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith($"samverkan-facilitator-{scenario.Id:N}=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var token = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString();

        // Reading with the cookie alone is allowed (a safe method); so is the auditor's reading.
        (await browser.GetAsync($"/api/conferences/{scenario.Id}/experts")).EnsureSuccessStatusCode();
        (await browser.GetAsync($"/api/conferences/{scenario.Id}/events?limit=1")).EnsureSuccessStatusCode();

        // A change with the cookie but without the token (what a forged request could send) changes nothing.
        var before = await scenario.EventCount();
        await ConferenceScenario.AssertProblem(
            await browser.PostAsync($"/api/conferences/{scenario.Id}/rounds/1/open", null),
            HttpStatusCode.Forbidden, "missing-antiforgery-token");
        await ConferenceScenario.AssertProblem(await browser.SendAsync(
                new HttpRequestMessage(HttpMethod.Post, $"/api/conferences/{scenario.Id}/rounds/1/open")
                    { Headers = { { "X-Anti-Forgery", "forged" } } }),
            HttpStatusCode.Forbidden, "missing-antiforgery-token");
        Assert.Equal(before, await scenario.EventCount());

        var open = new HttpRequestMessage(HttpMethod.Post, $"/api/conferences/{scenario.Id}/rounds/1/open")
            { Headers = { { "X-Anti-Forgery", token } } };
        (await browser.SendAsync(open)).EnsureSuccessStatusCode();

        // The cookie is the conference's only: another conference's commands still need that one's key.
        var other = await ConferenceScenario.Planned(room.Api, experts: 0, plan: null);
        await ConferenceScenario.AssertProblem(await browser.SendAsync(
                new HttpRequestMessage(HttpMethod.Post, $"/api/conferences/{other.Id}/experts")
                {
                    Headers = { { "X-Anti-Forgery", token } },
                    Content = JsonContent.Create(new { name = "N", organisation = "O", role = "R" }),
                }),
            HttpStatusCode.Unauthorized, "missing-facilitator-key");

        (await browser.DeleteAsync(session)).EnsureSuccessStatusCode();
        await ConferenceScenario.AssertProblem(await browser.GetAsync($"/api/conferences/{scenario.Id}/experts"),
            HttpStatusCode.Unauthorized, "missing-facilitator-key");
    }
}
