using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>axe-core (pinned, kept in Room/axe) run inside a page: no serious or critical violation may remain.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> Axe =
        new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Room", "axe", "axe.min.js")));

    /// <summary>A context whose pages accept the injected axe script despite their content security policy.</summary>
    public static Task<IBrowserContext> CheckingContext(RoomFixture room, ViewportSize viewport) =>
        room.Browser.NewContextAsync(new BrowserNewContextOptions
            { ViewportSize = viewport, BaseURL = room.Address.ToString(), BypassCSP = true });

    public static async Task AssertNoSeriousViolations(IPage page, string name)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Axe.Value });
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
              .filter(v => v.impact === "serious" || v.impact === "critical")
              .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(" "))}`)
            """);
        Assert.True(violations.GetArrayLength() == 0, $"{name}: {violations}");
    }

    /// <summary>A full-page screenshot, kept as a test artifact (room-screenshots beside the test assembly).</summary>
    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions
            { Path = Path.Combine(RoomFixture.Screenshots, $"{name}.png"), FullPage = true });

    /// <summary>A screenshot of one part of a page, also kept as a test artifact.</summary>
    public static Task Screenshot(ILocator part, string name) =>
        part.ScreenshotAsync(
            new LocatorScreenshotOptions { Path = Path.Combine(RoomFixture.Screenshots, $"{name}.png") });
}
