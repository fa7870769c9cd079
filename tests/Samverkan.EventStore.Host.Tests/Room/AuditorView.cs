using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>
/// The auditor's view with the key from the link's fragment: an indicator's path in Swedish and English, the
/// conference as it stood at the first and the last event, and the event walk.
/// </summary>
[Collection(nameof(RoomCollection))]
public sealed class AuditorView(RoomFixture room)
{
    [Fact]
    public async Task The_auditor_follows_an_indicator_and_slides_over_the_log()
    {
        var scenario = await (await (await ConferenceScenario.Planned(room.Api, experts: 3)).WithRoundOpen())
            .VotedAndClosed(1, (1, 3), (2, 2), (3, 1));
        var auditor = await scenario.Auditor();
        var key = auditor.DefaultRequestHeaders.GetValues("X-Auditor-Key").Single();

        await using var context = await room.Context(RoomFixture.Projector);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/c/{scenario.Id}/audit#auditorKey={Uri.EscapeDataString(key)}");
        await Expect(page.Locator("#walk tbody tr").First).ToBeVisibleAsync();
        Assert.DoesNotContain(key, page.Url);

        await page.GetByLabel("Indikator", new() { Exact = true }).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa vägen" }).ClickAsync();
        await Expect(page.Locator(".sentence[lang=sv]")).ToContainTextAsync("3");
        await Expect(page.Locator(".sentence[lang=en]")).ToBeVisibleAsync();

        var slider = page.GetByLabel("Händelse i loggen");
        await slider.FillAsync("0");
        await Expect(page.Locator(".as-of")).ToContainTextAsync("Status: förbereds");
        await slider.FillAsync(await slider.GetAttributeAsync("max") ?? "0");
        await Expect(page.Locator(".as-of")).ToContainTextAsync("Omgång 1: stängd");
    }
}
