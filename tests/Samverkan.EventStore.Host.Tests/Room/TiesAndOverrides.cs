using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>
/// The console shows a tie the facilitator must settle and settles it; overrides an outcome with a reason; and shows
/// the service's refusal of an override that changes nothing under the override form.
/// </summary>
[Collection(nameof(RoomCollection))]
public sealed class TiesAndOverrides(RoomFixture room)
{
    private const string FacilitatorDecides =
        """
        {"protocolLevels":["comprehensive"],"rounds":[{"number":1,"scope":{"categories":["process","effect"]},
         "rules":{"advance":{"toLevel":"comprehensive","topN":1},"remainder":"Eliminate","ties":"FacilitatorDecides"}}]}
        """;

    [Fact]
    public async Task A_tie_is_settled_and_an_outcome_overridden_from_the_console()
    {
        var scenario = await (await ConferenceScenario.Planned(room.Api, experts: 2, plan: FacilitatorDecides))
            .WithRoundOpen();
        foreach (var credential in scenario.Credentials)
            foreach (var (indicator, answer) in new[] { (1, "Yes"), (2, "Yes"), (3, "No") })
                (await scenario.Vote(1, indicator, answer, credential)).EnsureSuccessStatusCode();

        await using var desk = await room.Context(RoomFixture.Projector);
        await desk.APIRequest.PostAsync($"/c/{scenario.Id}/session",
            new APIRequestContextOptions { DataObject = new { key = scenario.FacilitatorKey } });
        var console = await desk.NewPageAsync();
        await console.GotoAsync($"/c/{scenario.Id}/console");

        var tie = console.GetByRole(AriaRole.Form, new() { Name = "Lika vid gränsen i omgång 1" });
        await Expect(tie).ToContainTextAsync("Indikatorerna 1, 2 är lika om 1 platser");
        await tie.GetByLabel("2", new() { Exact = true }).CheckAsync();
        await tie.GetByLabel("Skäl").FillAsync("Tydligare formulering");
        await tie.GetByRole(AriaRole.Button, new() { Name = "Avgör" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Form, new() { Name = "Lika vid gränsen i omgång 1" }))
            .ToHaveCountAsync(0);
        await console.GetByRole(AriaRole.Button, new() { Name = "Stäng omgång 1" }).ClickAsync();
        await Expect(console.Locator("#rounds").GetByText("Omgång 1: stängd")).ToBeVisibleAsync();

        var round = await (await scenario.Facilitator(HttpMethod.Get, "rounds/1")).Content
            .ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Advanced", Outcome(round, 2));
        Assert.Equal("Eliminated", Outcome(round, 1));

        // Indicator 2 is in the protocol already: overriding it to the same outcome is refused, under the form.
        var form = console.GetByRole(AriaRole.Form, new() { Name = "Ändra ett utfall" });
        await form.GetByLabel("Indikator").FillAsync("2");
        await form.GetByLabel("Skäl").FillAsync("Samma som förut");
        await form.GetByRole(AriaRole.Button, new() { Name = "Ändra utfallet" }).ClickAsync();
        await Expect(form.Locator(".problem")).ToContainTextAsync("same-outcome");

        await form.GetByLabel("Indikator").FillAsync("1");
        await form.GetByLabel("Skäl").FillAsync("Styrgruppen vill behålla den");
        await form.GetByRole(AriaRole.Button, new() { Name = "Ändra utfallet" }).ClickAsync();
        await Expect(console.Locator("#rounds")).ToContainTextAsync("2 gick till protokoll");
        round = await (await scenario.Facilitator(HttpMethod.Get, "rounds/1")).Content
            .ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Advanced", Outcome(round, 1));
    }

    private static string? Outcome(JsonElement round, int indicator) =>
        round.GetProperty("decisions").EnumerateArray()
            .Single(d => d.GetProperty("indicator").GetInt32() == indicator)
            .GetProperty("outcome").GetProperty("kind").GetString();
}
