using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samverkan.EventStore.Application.EventStore;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests.Operations;

[Collection(nameof(ApiCollection))]
public class OperationsTests(ApiFixture api)
{
    [Fact]
    public async Task The_service_says_it_is_live_and_ready_with_its_database_and_broker()
    {
        var client = api.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("postgresql").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("rabbitmq").GetString());
    }

    [Fact]
    public async Task The_root_is_the_start_page_of_the_room_and_leads_to_the_api_reference_page()
    {
        var root = await api.Client().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("/room/index.js", await root.Content.ReadAsStringAsync());
        var reference = await api.Client().GetAsync("/api-reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("text/html", reference.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Conferences_are_listed_a_page_at_a_time()
    {
        await Planned(api, experts: 0, plan: null);
        var planned = await Planned(api, experts: 0, plan: null);
        var client = api.Client();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/conferences?pageSize=200");
        Assert.Contains(first.GetProperty("conferences").EnumerateArray(),
            c => c.GetProperty("conferenceId").GetGuid() == planned.Id
                 && c.GetProperty("status").GetString() == "Planning");
        var one = await client.GetFromJsonAsync<JsonElement>("/api/conferences?pageSize=1");
        Assert.Single(one.GetProperty("conferences").EnumerateArray());
        Assert.True(one.GetProperty("more").GetBoolean());
        foreach (var query in new[] { "page=0", "page=2147483647", "pageSize=201" })
            await AssertProblem(await client.GetAsync($"/api/conferences?{query}"), HttpStatusCode.BadRequest,
                "invalid-page");
    }

    [Fact]
    public async Task Ballots_recorded_and_the_close_duration_are_measured()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        var conference = c.Id.ToString();
        var (ballots, closes) = (0L, 0);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ConsensusMetrics.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (Of(tags) == conference) Interlocked.Add(ref ballots, value);
        });
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (Of(tags) == conference && value > 0) Interlocked.Increment(ref closes);
        });
        listener.Start();

        var ballotId = Guid.NewGuid();
        (await c.Vote(1, 1, "Yes", c.Credentials[0], ballotId)).EnsureSuccessStatusCode();
        (await c.Vote(1, 1, "Yes", c.Credentials[0], ballotId)).EnsureSuccessStatusCode(); // a repeat: no new ballot
        (await c.Vote(1, 1, "No", c.Credentials[0])).EnsureSuccessStatusCode(); // a change: a new ballot
        (await c.Vote(1, 2, "Yes", c.Credentials[1])).EnsureSuccessStatusCode();
        (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode();

        Assert.Equal(3, Interlocked.Read(ref ballots));
        Assert.Equal(1, closes);
    }

    private static string? Of(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key == "conference") return tag.Value as string;
        return null;
    }
}
