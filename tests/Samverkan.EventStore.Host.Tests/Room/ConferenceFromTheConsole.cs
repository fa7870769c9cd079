using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>
/// A small conference run end to end in the browser, as a facilitator would: planned on the start page, catalog
/// uploaded (a bad one refused line by line first), experts registered and checked in with voting cards, the round
/// plan explained and saved, two rounds opened and closed with voters on their phones, the protocol adopted.
/// </summary>
[Collection(nameof(RoomCollection))]
public sealed class ConferenceFromTheConsole(RoomFixture room)
{
    [Fact]
    public async Task A_small_conference_is_run_from_the_console_with_voters_on_their_phones()
    {
        await using var desk = await room.Context(RoomFixture.Projector);
        var console = await desk.NewPageAsync();
        await console.GotoAsync("/");
        await console.GetByLabel("Titel").FillAsync("Indikatorer för samverkan");
        await console.GetByLabel("Plats").FillAsync("Sundbyholm");
        await console.GetByLabel("Första dag").FillAsync("2014-04-07");
        await console.GetByLabel("Sista dag").FillAsync("2014-04-08");
        await console.GetByRole(AriaRole.Button, new() { Name = "Planera" }).ClickAsync();
        await Expect(console.GetByText("Konferensen är planerad.")).ToBeVisibleAsync();
        await Accessibility.Screenshot(console, "start-projector");
        await console.GetByRole(AriaRole.Link, new() { Name = "Öppna konsolen" }).ClickAsync();

        // A catalog with an indicator without text is refused, and the refusal stands under the upload.
        var catalog = console.Locator("#catalog");
        await Upload(console, "number,text,category,perspective\n1,,process,\n");
        await Expect(catalog.Locator(".problem")).ToContainTextAsync("invalid-catalog");
        await Upload(console, ConferenceScenario.Catalog);
        await Expect(catalog).ToContainTextAsync("Katalogen har 3 indikatorer.");

        for (var i = 1; i <= 3; i++)
        {
            await console.GetByLabel("Namn").FillAsync($"Expert {i}");
            await console.GetByLabel("Organisation").FillAsync("Samordningsförbundet");
            await console.GetByLabel("Roll").FillAsync("tjänsteperson");
            await console.GetByRole(AriaRole.Button, new() { Name = "Registrera", Exact = true }).ClickAsync();
            await Expect(console.Locator("table.experts tbody tr")).ToHaveCountAsync(i);
        }
        for (var i = 3; i >= 1; i--)
        {
            await console.GetByRole(AriaRole.Button, new() { Name = "Checka in", Exact = true }).First.ClickAsync();
            await Expect(console.GetByRole(AriaRole.Button, new() { Name = "Checka in", Exact = true }))
                .ToHaveCountAsync(i - 1);
        }
        await Expect(console.Locator(".card svg.qr")).ToHaveCountAsync(3);
        var voteLinks = await console.Locator("a.vote-link")
            .EvaluateAllAsync<string[]>("links => links.map(a => a.href)");

        var plan = console.GetByLabel("Planen (JSON)");
        await plan.FillAsync(ConferenceScenario.TwoRoundPlan);
        await Expect(console.Locator(".explanation")).ToContainTextAsync(
            "De 1 med högst andel ja-röster går till det omfattande protokollet.");
        await console.GetByRole(AriaRole.Button, new() { Name = "Spara planen" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Öppna omgång 1" }).ClickAsync();
        await Expect(console.Locator("#rounds").GetByText("Omgång 1: öppen")).ToBeVisibleAsync();

        // Opening round 2 before round 1 has closed is refused, and the refusal stands under that button.
        await console.GetByRole(AriaRole.Button, new() { Name = "Öppna omgång 2" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Form, new() { Name = "Öppna omgång 2" }).Locator(".problem"))
            .ToContainTextAsync("previous-round-not-closed");
        await Accessibility.Screenshot(console.Locator("#rounds"), "console-refusal-projector");

        var phones = await Task.WhenAll(voteLinks.Select(async link =>
        {
            var page = await (await room.Context(RoomFixture.Phone)).NewPageAsync();
            await page.GotoAsync(link);
            return page;
        }));
        // Round 1: all yes to 1, two of three yes to 2, none to 3.
        await Task.WhenAll(phones.Select((phone, voter) => Answer(phone, ["Ja", voter < 2 ? "Ja" : "Nej", "Nej"])));
        await console.GetByRole(AriaRole.Button, new() { Name = "Stäng omgång 1" }).ClickAsync();
        await Expect(console.Locator("#rounds").GetByText("Omgång 1: stängd")).ToBeVisibleAsync();

        // Round 2 holds indicator 2, carried over; the phones show it as soon as it opens.
        await console.GetByRole(AriaRole.Button, new() { Name = "Öppna omgång 2" }).ClickAsync();
        await Task.WhenAll(phones.Select(phone => Answer(phone, ["Ja"])));
        await console.GetByRole(AriaRole.Button, new() { Name = "Stäng omgång 2" }).ClickAsync();
        await Expect(console.Locator("#rounds").GetByText("Omgång 2: stängd")).ToBeVisibleAsync();

        await console.GetByRole(AriaRole.Button, new() { Name = "Anta det omfattande protokollet" }).ClickAsync();
        await Expect(console.GetByText("det omfattande protokollet är antaget.")).ToBeVisibleAsync();

        var protocol = await desk.NewPageAsync();
        await protocol.GotoAsync(console.Url.Replace("/console", "/protocol"));
        await Expect(protocol.Locator(".printed-protocol").First.Locator("li")).ToHaveCountAsync(2);
        await Expect(protocol.Locator(".printed-protocol").First).ToContainTextAsync("(ursprunglig indikator 2)");
        await Expect(phones[0].GetByText("Konferensen är avslutad.", new() { Exact = false })).ToBeVisibleAsync();
        foreach (var phone in phones) await phone.Context.DisposeAsync();
    }

    private static async Task Upload(IPage console, string csv)
    {
        await console.Locator("#catalog input[type=file]").SetInputFilesAsync(new FilePayload
            { Name = "katalog.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await console.GetByRole(AriaRole.Button, new() { Name = "Ladda upp katalogen" }).ClickAsync();
    }

    /// <summary>Answers the open round's indicators in order and waits until each is saved.</summary>
    private static async Task Answer(IPage phone, string[] answers)
    {
        await Expect(phone.Locator("li.ballot")).ToHaveCountAsync(answers.Length);
        for (var i = 0; i < answers.Length; i++)
        {
            await phone.Locator("li.ballot").Nth(i).GetByText(answers[i], new() { Exact = true }).ClickAsync();
            await Expect(phone.Locator("li.ballot").Nth(i).Locator(".saved")).ToHaveTextAsync("Sparat");
        }
    }
}
