using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

[Collection(nameof(ApiCollection))]
public class Voting(ApiFixture api)
{
    private static async Task<JsonElement> Close(ConferenceScenario c, int round = 1) =>
        await (await c.Facilitator(HttpMethod.Post, $"rounds/{round}/close"))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

    private static JsonElement Decision(JsonElement closed, int indicator) =>
        closed.GetProperty("decisions").EnumerateArray()
            .Single(d => d.GetProperty("indicator").GetInt32() == indicator);

    [Fact]
    public async Task The_same_ballot_sent_twice_gets_the_same_answer_and_counts_once()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        var ballotId = Guid.NewGuid();
        var first = await c.Vote(1, 1, "Yes", c.Credentials[0], ballotId);
        var events = await c.EventCount();
        var again = await c.Vote(1, 1, "Yes", c.Credentials[0], ballotId);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (a, b) = (await first.Content.ReadFromJsonAsync<JsonElement>(),
            await again.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(a.GetProperty("ballotId").GetGuid(), b.GetProperty("ballotId").GetGuid());
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Equal(events, await c.EventCount());
        Assert.Equal(1, Decision(await Close(c), 1).GetProperty("tally").GetProperty("yes").GetInt32());
    }

    [Fact]
    public async Task A_changed_ballot_counts_with_its_latest_answer()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        (await c.Vote(1, 2, "Yes", c.Credentials[0])).EnsureSuccessStatusCode();
        var changed = await (await c.Vote(1, 2, "No", c.Credentials[0]))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Changed", changed.GetProperty("recording").GetString());

        var tally = Decision(await Close(c), 2).GetProperty("tally");
        Assert.Equal((0, 1), (tally.GetProperty("yes").GetInt32(), tally.GetProperty("no").GetInt32()));
    }

    [Fact]
    public async Task Round_one_closes_with_every_indicator_decided_by_its_rule()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        // Indicator 1: 3 of 3 yes (top 1, advances); 2: 2 of 3 (carried over); 3: 1 of 3 (under 50 %, eliminated).
        foreach (var (indicator, yes) in new[] { (1, 3), (2, 2), (3, 1) })
            for (var v = 0; v < 3; v++)
                (await c.Vote(1, indicator, v < yes ? "Yes" : "No", c.Credentials[v])).EnsureSuccessStatusCode();

        var closed = await Close(c);
        Assert.Equal("Advanced", Decision(closed, 1).GetProperty("outcome").GetProperty("kind").GetString());
        Assert.Equal("CarriedOver", Decision(closed, 2).GetProperty("outcome").GetProperty("kind").GetString());
        Assert.Equal("EliminationThreshold", Decision(closed, 3).GetProperty("rule").GetProperty("kind").GetString());
        Assert.Equal(3, closed.GetProperty("voters").GetInt32());

        var round1 = await api.Client()
            .GetFromJsonAsync<JsonElement>($"/api/conferences/{c.Id}/rounds/1", ApiFixture.Json);
        Assert.Equal((3, 1, 1, 1),
            (round1.GetProperty("balloted").GetInt32(), round1.GetProperty("advanced").GetInt32(),
            round1.GetProperty("eliminated").GetInt32(), round1.GetProperty("carriedOver").GetInt32()));
        var protocol = await api.Client()
            .GetFromJsonAsync<JsonElement>($"/api/conferences/{c.Id}/protocols/comprehensive", ApiFixture.Json);
        var member = Assert.Single(protocol.GetProperty("members").EnumerateArray());
        Assert.Equal((1, 1m), (member.GetProperty("indicator").GetInt32(), member.GetProperty("share").GetDecimal()));

        var round2 = await (await c.Facilitator(HttpMethod.Post, "rounds/2/open"))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([2], round2.GetProperty("indicators").EnumerateArray().Select(i => i.GetInt32()));
    }

    [Fact]
    public async Task Fifty_voters_and_a_close_in_the_middle_lose_nothing_acknowledged_and_count_nothing_twice()
    {
        const int voters = 50;
        var c = await (await Planned(api, experts: voters)).WithRoundOpen();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(int Indicator, string Answer)>();
        var refused = 0;
        using var go = new SemaphoreSlim(0);

        var clients = Enumerable.Range(0, voters).Select(v => Task.Run(async () =>
        {
            var client = api.Client();
            await go.WaitAsync();
            foreach (var indicator in new[] { 1, 2, 3 })
            {
                var answer = (v + indicator) % 3 == 0 ? "No" : "Yes";
                var response = await c.Vote(1, indicator, answer, c.Credentials[v], client: client);
                if (response.StatusCode == HttpStatusCode.OK) acknowledged.Add((indicator, answer));
                else
                {
                    await AssertProblem(response, HttpStatusCode.Conflict, "round-closed");
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToList();

        go.Release(voters);
        await Task.Delay(150);
        var closed = await Close(c);
        await Task.WhenAll(clients);

        Assert.Equal(voters * 3, acknowledged.Count + refused);
        foreach (var indicator in new[] { 1, 2, 3 })
        {
            var tally = Decision(closed, indicator).GetProperty("tally");
            Assert.Equal(acknowledged.Count(a => a == (indicator, "Yes")), tally.GetProperty("yes").GetInt32());
            Assert.Equal(acknowledged.Count(a => a == (indicator, "No")), tally.GetProperty("no").GetInt32());
        }
    }

    [Fact]
    public async Task The_standings_show_a_ballot_as_soon_as_it_is_acknowledged()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        (await c.Vote(1, 3, "Yes", c.Credentials[2])).EnsureSuccessStatusCode();

        var standings = await api.Client()
            .GetFromJsonAsync<JsonElement>($"/api/conferences/{c.Id}/rounds/1/standings", ApiFixture.Json);
        var indicator3 = standings.GetProperty("decisions").EnumerateArray()
            .Single(d => d.GetProperty("indicator").GetInt32() == 3);
        Assert.Equal(1, indicator3.GetProperty("tally").GetProperty("yes").GetInt32());
        Assert.Equal(1, indicator3.GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_commands()
    {
        var openApi = await api.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/conferences/{conferenceId}/rounds/{round}/ballots", paths);
        Assert.Contains("/api/conferences/{conferenceId}/rounds/{round}/close", paths);
        Assert.Contains("/api/conferences/{conferenceId}/round-plan", paths);
    }
}
