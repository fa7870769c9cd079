using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.EventStore.Application.EventStore;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

[Collection(nameof(ApiCollection))]
public class Rebuild(ApiFixture api)
{
    [Fact]
    public async Task Rebuilding_the_read_models_from_the_log_changes_no_answer()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        foreach (var (indicator, v) in new[] { (1, 0), (1, 1), (2, 2), (3, 0) })
            (await c.Vote(1, indicator, "Yes", c.Credentials[v])).EnsureSuccessStatusCode();
        (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode();
        string[] questions = [$"/api/conferences/{c.Id}", $"/api/conferences/{c.Id}/rounds/1",
            $"/api/conferences/{c.Id}/indicators/2/audit"];
        var before = await Task.WhenAll(questions.Select(q => api.Client().GetStringAsync(q)));

        var store = api.Factory.Services.GetRequiredService<IDocumentStore>();
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<WhereTheConferenceStands>(CancellationToken.None);

        var after = await Task.WhenAll(questions.Select(q => api.Client().GetStringAsync(q)));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Rebuilding_the_webhook_subscriptions_from_the_log_changes_no_answer()
    {
        var c = await Planned(api);
        foreach (var url in new[] { "http://127.0.0.1:9/one", "http://127.0.0.1:9/two" })
            (await c.Facilitator(HttpMethod.Post, "webhooks", JsonSerializer.Serialize(new
            {
                url, eventTypes = new[] { "samverkan.round-closed.v1" }, secret = "a-secret-of-enough-length",
            }))).EnsureSuccessStatusCode();
        var first = (await (await c.Facilitator(HttpMethod.Get,
            "webhooks")).Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("subscriptionId").GetString();
        (await c.Facilitator(HttpMethod.Delete, $"webhooks/{first}")).EnsureSuccessStatusCode();
        var before = await (await c.Facilitator(HttpMethod.Get, "webhooks")).Content.ReadAsStringAsync();

        var store = api.Factory.Services.GetRequiredService<IDocumentStore>();
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<WhoSubscribesToWebhooks>(CancellationToken.None);

        Assert.Equal(before, await (await c.Facilitator(HttpMethod.Get, "webhooks")).Content.ReadAsStringAsync());
        Assert.Contains("false", before);
    }
}
