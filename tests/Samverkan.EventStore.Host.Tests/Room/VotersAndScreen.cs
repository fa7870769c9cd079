using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>
/// Ten voter pages in browsers of their own voting at once, one of them losing the network mid-round and coming back,
/// another losing the answer to a ballot the service did record: every ballot recorded exactly once. The big screen
/// shows turnout only, then the closed round within a second.
/// </summary>
[Collection(nameof(RoomCollection))]
public sealed class VotersAndScreen(RoomFixture room, ITestOutputHelper output)
{
    /// <summary>Voter v's answer on an indicator: all say yes to 1, seven to 2, three to 3.</summary>
    private static string Answer(int voter, int indicator) => indicator switch
    {
        1 => "Yes",
        2 => voter < 7 ? "Yes" : "No",
        _ => voter < 3 ? "Yes" : "No",
    };

    private static string Label(string answer) => answer switch { "Yes" => "Ja", "No" => "Nej", _ => "Avstår" };

    [Fact]
    public async Task Ten_voters_at_once_one_offline_for_a_while_then_the_screen_shows_the_close_within_a_second()
    {
        var scenario = await (await ConferenceScenario.Planned(room.Api, experts: 10))
            .WithRoundOpen();
        var before = await scenario.EventCount();

        await using var projector = await room.Context(RoomFixture.Projector);
        var screen = await projector.NewPageAsync();
        await screen.GotoAsync($"/c/{scenario.Id}/screen");
        await Expect(screen.Locator("[data-round-open='1']")).ToBeVisibleAsync();

        var phones = await Task.WhenAll(scenario.Credentials.Select(async credential =>
        {
            var context = await room.Context(RoomFixture.Phone);
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/c/{scenario.Id}/vote#credential={credential}");
            await Expect(page.Locator("fieldset")).ToHaveCountAsync(3);
            Assert.DoesNotContain(credential, page.Url);
            return (Context: context, Page: page);
        }));

        // The second voter's first ballot reaches the service, but its answer is lost on the way back: the page
        // sends the same ballot again, and the service acknowledges it without counting it twice.
        var lost = 0;
        await phones[1].Page.RouteAsync("**/rounds/1/ballots", async route =>
        {
            if (Interlocked.Increment(ref lost) > 1)
            {
                await route.ContinueAsync();
                return;
            }
            Assert.Equal(200, (await route.FetchAsync()).Status);
            await route.AbortAsync();
        });
        await Task.WhenAll(phones.Select((phone, voter) => Vote(phone.Context, phone.Page, voter)));
        Assert.True(lost >= 4, $"{lost} ballots sent by the second voter");

        // Every voter's answers are counted as given, and each ballot was appended once: 30 in all.
        for (var voter = 0; voter < 10; voter++)
        {
            var mine = await (await scenario.AsVoter(HttpMethod.Get, "rounds/1/ballots/mine",
                scenario.Credentials[voter])).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(Enumerable.Range(1, 3).Select(i => Answer(voter, i)),
                mine.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("answer").GetString()));
        }
        Assert.Equal(before + 30, await scenario.EventCount());

        // While the round is open the screen shows turnout, never a tally.
        await Expect(screen.GetByText("10 av 10 har röstat")).ToBeVisibleAsync();
        Assert.Equal(0, await screen.Locator("svg.chart").CountAsync());
        await Accessibility.Screenshot(screen, "screen-ten-voters-open-projector");
        await Accessibility.Screenshot(phones[1].Page, "vote-phone");

        var clock = Stopwatch.StartNew();
        (await scenario.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode();
        await screen.Locator("[data-round-closed='1']").WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
        var shown = clock.Elapsed;
        output.WriteLine($"The big screen showed the closed round {shown.TotalMilliseconds:F0} ms after the close "
            + "was sent.");
        Assert.True(shown < TimeSpan.FromSeconds(1), $"The screen showed the close after {shown}.");

        // 1 (100 %) advances, 2 (70 %) carries over, 3 (30 %) is eliminated.
        await Expect(screen.Locator("#counts"))
            .ToHaveTextAsync("1 till det omfattande protokollet, 1 utgår, 1 går vidare");
        await Expect(screen.Locator("svg.chart .bar")).ToHaveCountAsync(3);
        await Expect(screen.Locator("svg.chart .threshold")).ToHaveCountAsync(1);
        await Expect(screen.Locator("svg.chart .bar.advanced")).ToContainTextAsync("100 %");
        await Expect(screen.Locator("svg.chart .bar.carried")).ToContainTextAsync("70 %");
        await Expect(screen.Locator("svg.chart .bar.eliminated")).ToContainTextAsync("30 %");
        await Expect(phones[0].Page.GetByText("Omgång 1 är stängd.")).ToBeVisibleAsync();
        await Accessibility.Screenshot(screen, "screen-ten-voters-closed-projector");
        foreach (var phone in phones) await phone.Context.DisposeAsync();
    }

    /// <summary>
    /// One voter answers the three indicators; the first voter loses the network after the first answer, answers the
    /// rest offline (they wait, marked as being sent) and comes back, when they are sent and saved.
    /// </summary>
    private async Task Vote(IBrowserContext context, IPage page, int voter)
    {
        for (var indicator = 1; indicator <= 3; indicator++)
        {
            var ballot = page.Locator("li.ballot").Nth(indicator - 1);
            if (voter == 0 && indicator == 2) await context.SetOfflineAsync(true);
            await ballot.GetByText(Label(Answer(voter, indicator)), new LocatorGetByTextOptions { Exact = true })
                .ClickAsync();
            if (voter == 0 && indicator > 1)
                await Expect(page.Locator("li.ballot").Nth(indicator - 1).Locator(".saved"))
                    .ToHaveTextAsync("Skickar …");
            else
                await Expect(page.Locator("li.ballot").Nth(indicator - 1).Locator(".saved")).ToHaveTextAsync("Sparat");
        }
        if (voter != 0) return;
        await Expect(page.Locator("#connection")).ToContainTextAsync("Ingen kontakt");
        await Accessibility.Screenshot(page, "vote-offline-phone");
        await context.SetOfflineAsync(false);
        await Expect(page.Locator(".saved.done")).ToHaveCountAsync(3, new() { Timeout = 15_000 });
    }
}
