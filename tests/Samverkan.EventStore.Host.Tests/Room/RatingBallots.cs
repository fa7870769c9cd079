using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>
/// A rating round on the voter page: one answer per point of the scale and "Kan ej bedöma", sent as the yes/no
/// ballots are, counted as the voter gave them; the page passes axe, and the big screen names the share's band.
/// </summary>
[Collection(nameof(RoomCollection))]
public sealed class RatingBallots(RoomFixture room)
{
    [Fact]
    public async Task A_voter_rates_one_indicator_8_and_cannot_rate_another_and_the_service_counts_both()
    {
        var scenario = await (await ConferenceScenario.Planned(room.Api, experts: 1,
            plan: RatingRounds.RatingPlan())).WithRoundOpen();
        var credential = scenario.Credentials[0];
        await using var context = await Accessibility.CheckingContext(room, RoomFixture.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/c/{scenario.Id}/vote#credential={credential}");

        var first = page.Locator("li.ballot").Nth(0);
        var second = page.Locator("li.ballot").Nth(1);
        await Expect(first.GetByRole(AriaRole.Radio)).ToHaveCountAsync(10);
        await Expect(first.Locator(".hint")).ToHaveTextAsync("1 = inte alls lämplig, 9 = mycket lämplig");
        await first.GetByText("8", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
        await Expect(first.Locator(".saved")).ToHaveTextAsync("Sparat");
        await second.GetByText("Kan ej bedöma", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
        await Expect(second.Locator(".saved")).ToHaveTextAsync("Sparat");

        var mine = await (await scenario.AsVoter(HttpMethod.Get, "rounds/1/ballots/mine", credential))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var answers = mine.GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(2, answers.Count);
        Assert.Equal((1, "Rated", 8), (answers[0].GetProperty("indicator").GetInt32(),
            answers[0].GetProperty("answer").GetString(), answers[0].GetProperty("rating").GetInt32()));
        Assert.Equal((2, "Abstain"),
            (answers[1].GetProperty("indicator").GetInt32(), answers[1].GetProperty("answer").GetString()));

        // Read again from the service, the page shows the voter's own answers as counted.
        await page.ReloadAsync();
        await Expect(first.Locator("input[value='8']")).ToBeCheckedAsync();
        await Expect(second.Locator("input[value='Abstain']")).ToBeCheckedAsync();
        await Accessibility.AssertNoSeriousViolations(page, "vote-rating-phone");
        await Accessibility.Screenshot(page, "vote-rating-phone");

        (await scenario.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode();
        var screen = await context.NewPageAsync();
        await screen.GotoAsync($"/c/{scenario.Id}/screen");
        await Expect(screen.Locator("[data-round-closed='1'] th").Nth(5)).ToHaveTextAsync("Andel 7–9");
    }
}
