using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>
/// Every page of the room, at a phone's and a projector's size: axe-core finds no serious or critical violation,
/// the English switch works, and a screenshot of each is kept as a test artifact.
/// </summary>
[Collection(nameof(RoomCollection))]
public sealed class EveryPage(RoomFixture room)
{
    [Fact]
    public async Task Every_page_passes_axe_at_phone_and_projector_size_and_is_photographed()
    {
        var scenario = await (await ConferenceScenario.Planned(room.Api, experts: 3)).WithRoundOpen();
        (await scenario.Vote(1, 1, "Yes", scenario.Credentials[0])).EnsureSuccessStatusCode();
        var auditorKey = (await (await scenario.Facilitator(HttpMethod.Get, "auditor-key")).Content
            .ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        var conference = $"/c/{scenario.Id}";
        var open = new (string Name, string Path, string Ready)[]
        {
            ("start", "/", "#conferences"),
            ("console", $"{conference}/console", "#rounds"),
            ("vote", $"{conference}/vote#credential={scenario.Credentials[0]}", ".ballot"),
            ("screen-open", $"{conference}/screen", "[data-round-open]"),
        };
        var closed = new (string Name, string Path, string Ready)[]
        {
            ("screen-closed", $"{conference}/screen", "[data-round-closed]"),
            ("vote-closed", $"{conference}/vote#credential={scenario.Credentials[0]}", ".result"),
            ("audit", $"{conference}/audit#auditorKey={auditorKey}", "#walk"),
            ("protocol", $"{conference}/protocol", ".printed-protocol"),
        };

        foreach (var viewport in new[] { RoomFixture.Phone, RoomFixture.Projector })
        {
            await using var context = await Accessibility.CheckingContext(room, viewport);
            await context.APIRequest.PostAsync($"{conference}/session",
                new APIRequestContextOptions { DataObject = new { key = scenario.FacilitatorKey } });
            var page = await context.NewPageAsync();
            var size = viewport == RoomFixture.Phone ? "phone" : "projector";
            // The phone sees the round open and then closed; the projector comes after the close.
            if (viewport == RoomFixture.Phone)
            {
                await Check(page, open, size);
                await scenario.VotedAndClosed(1, (1, 3), (2, 2), (3, 1));
            }
            else await Check(page, open[..2], size);
            await Check(page, closed, size);
        }
    }

    [Fact]
    public async Task The_pages_are_Swedish_by_default_and_switch_to_English()
    {
        var scenario = await ConferenceScenario.Planned(room.Api, experts: 1);
        await using var context = await room.Context(RoomFixture.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/c/{scenario.Id}/screen");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        await Expect(page.GetByText("Ingen omgång har öppnats ännu.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByText("No round has opened yet.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_voter_page_and_the_screen_reflow_without_sideways_scrolling_at_400_percent_zoom()
    {
        var scenario = await (await ConferenceScenario.Planned(room.Api, experts: 1)).WithRoundOpen();
        // 320 CSS pixels across is a 1280 pixel wide window at 400 % zoom (WCAG 1.4.10).
        await using var context = await room.Context(new ViewportSize { Width = 320, Height = 640 });
        var page = await context.NewPageAsync();
        foreach (var (path, ready) in new[]
                 {
                     ($"/c/{scenario.Id}/vote#credential={scenario.Credentials[0]}", ".ballot"),
                     ($"/c/{scenario.Id}/screen", "[data-round-open]"),
                 })
        {
            await page.GotoAsync(path);
            await page.Locator(ready).First.WaitForAsync();
            Assert.True(await page.EvaluateAsync<bool>(
                "() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways");
        }
    }

    private static async Task Check(IPage page, (string Name, string Path, string Ready)[] pages, string size)
    {
        foreach (var (name, path, ready) in pages)
        {
            await page.GotoAsync(path);
            await page.Locator(ready).First.WaitForAsync();
            await Accessibility.AssertNoSeriousViolations(page, $"{name} ({size})");
            await Accessibility.Screenshot(page, $"{name}-{size}");
        }
    }
}
