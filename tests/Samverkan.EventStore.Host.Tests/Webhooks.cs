using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>
/// Registering webhooks and catching up on integration events: every refusal a problem that appends nothing.
/// </summary>
[Collection(nameof(ApiCollection))]
public class Webhooks(ApiFixture api)
{
    private static string Registration(string? url = "http://127.0.0.1:9/hook", string[]? types = null,
        string? secret = "a-secret-of-enough-length") =>
        JsonSerializer.Serialize(new { url, eventTypes = types ?? ["samverkan.round-closed.v1"], secret });

    [Fact]
    public async Task A_registered_webhook_is_listed_without_its_secret_and_the_log_holds_it_sealed()
    {
        var c = await Planned(api);
        var response = await c.Facilitator(HttpMethod.Post, "webhooks", Registration());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registered = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("http://127.0.0.1:9/hook", registered.GetProperty("url").GetString());

        var listed = await (await c.Facilitator(HttpMethod.Get, "webhooks")).Content.ReadAsStringAsync();
        Assert.Contains(registered.GetProperty("subscriptionId").GetString()!, listed);
        var walk = await (await c.Auditor()).GetStringAsync($"/api/conferences/{c.Id}/events?after=0&limit=1000");
        Assert.Contains("WebhookSubscribed", walk);
        Assert.DoesNotContain("a-secret-of-enough-length", listed + walk);
    }

    [Theory]
    [InlineData("/hook", null, "a-secret-of-enough-length", "is not an absolute http or https URL")]
    [InlineData("ftp://example.org/hook", null, "a-secret-of-enough-length", "is not an absolute http or https URL")]
    [InlineData("http://127.0.0.1:9/hook", "samverkan.ballot-cast.v1", "a-secret-of-enough-length",
        "'samverkan.ballot-cast.v1' is not an integration event type")]
    [InlineData("http://127.0.0.1:9/hook", null, null, "The secret is missing")]
    [InlineData("http://127.0.0.1:9/hook", null, "short", "needs at least 16")]
    public async Task A_bad_registration_is_a_problem_and_appends_nothing(string url, string? type, string? secret,
        string detail)
    {
        var c = await Planned(api);
        var before = await c.EventCount();
        var problem = await AssertProblem(
            await c.Facilitator(HttpMethod.Post, "webhooks", Registration(url, type is null ? null : [type], secret)),
            HttpStatusCode.BadRequest, "invalid-webhook");
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await c.EventCount());
    }

    [Fact]
    public async Task Registering_needs_the_facilitator_key_and_cancelling_twice_is_a_conflict()
    {
        var c = await Planned(api);
        await AssertProblem(await c.Facilitator(HttpMethod.Post, "webhooks", Registration(), key: "not-the-key"),
            HttpStatusCode.Unauthorized, "wrong-facilitator-key");
        await AssertProblem(await c.Facilitator(HttpMethod.Delete, $"webhooks/{Guid.NewGuid()}"),
            HttpStatusCode.NotFound, "unknown-webhook");

        var id = (await (await c.Facilitator(HttpMethod.Post, "webhooks",
            Registration())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subscriptionId").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await c.Facilitator(HttpMethod.Delete, $"webhooks/{id}")).StatusCode);
        var before = await c.EventCount();
        await AssertProblem(await c.Facilitator(HttpMethod.Delete, $"webhooks/{id}"), HttpStatusCode.Conflict,
            "webhook-cancelled");
        Assert.Equal(before, await c.EventCount());
    }

    [Fact]
    public async Task A_subscriber_that_was_down_asks_for_what_it_missed_since_a_sequence_number()
    {
        var c = await (await (await Planned(api)).WithRoundOpen()).VotedAndClosed(1, (1, 3), (2, 2), (3, 1));

        var missed = await api.Client()
            .GetFromJsonAsync<JsonElement>($"/api/integration-events?after=0&conferenceId={c.Id}");
        var closed = Assert.Single(missed.GetProperty("events").EnumerateArray());
        Assert.Equal(("samverkan.round-closed.v1", 1),
            (closed.GetProperty("type").GetString(), closed.GetProperty("round").GetInt32()));
        var three = closed.GetProperty("indicators").EnumerateArray()
            .Single(i => i.GetProperty("indicator").GetInt32() == 3);
        Assert.Equal((1, 3, "eliminated", "elimination-threshold"),
            (three.GetProperty("yes").GetInt32(), three.GetProperty("denominator").GetInt32(),
                three.GetProperty("outcome").GetString(), three.GetProperty("rule").GetString()));
        var comprehensive = closed.GetProperty("protocols").EnumerateArray()
            .Single(p => p.GetProperty("level").GetString() == "comprehensive");
        Assert.Equal([1],
            comprehensive.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("indicator").GetInt32()));

        var sequence = closed.GetProperty("sequence").GetInt64();
        var after = await api.Client()
            .GetFromJsonAsync<JsonElement>($"/api/integration-events?after={sequence}&conferenceId={c.Id}");
        Assert.Empty(after.GetProperty("events").EnumerateArray());

        await AssertProblem(await api.Client().GetAsync("/api/integration-events?limit=0"), HttpStatusCode.BadRequest,
            "invalid-page");
        await AssertProblem(await api.Client().GetAsync("/api/integration-events?type=samverkan.nothing.v1"),
            HttpStatusCode.BadRequest, "unknown-event-type");
    }
}
