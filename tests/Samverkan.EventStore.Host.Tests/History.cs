using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

[Collection(nameof(ApiCollection))]
public class History(ApiFixture api)
{
    /// <summary>
    /// Round 1 closed: indicator 3 got 1 of 3 yes (33 %) and was eliminated under the 50 % threshold.
    /// </summary>
    private async Task<ConferenceScenario> RoundOneClosed() =>
        await (await (await Planned(api)).WithRoundOpen()).VotedAndClosed(1, (1, 3), (2, 2), (3, 1));

    [Fact]
    public async Task How_was_indicator_3_eliminated()
    {
        var c = await RoundOneClosed();
        var trail = await api.Client()
            .GetFromJsonAsync<JsonElement>($"/api/conferences/{c.Id}/indicators/3/audit", ApiFixture.Json);

        var entries = trail.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("event").GetString())
            .ToList();
        Assert.Equal(["IndicatorCatalogImported", "RoundOpened", "RoundClosed"], entries);
        var closed = trail.GetProperty("entries")[2];
        Assert.Equal(1, closed.GetProperty("tally").GetProperty("yes").GetInt32());
        Assert.Equal("EliminationThreshold", closed.GetProperty("rule").GetProperty("kind").GetString());

        var explanation = trail.GetProperty("explanation");
        Assert.StartsWith("Indicator 3 got 33.3 % yes in round 1, under the 50 % threshold, which applies before any " +
            "advance or selection, and was eliminated when round 1 closed (event ",
            explanation.GetProperty("en").GetString());
        Assert.StartsWith("Indikator 3 fick 33.3 % ja-röster i omröstning 1, under tröskeln 50 %, som tillämpas före " +
            "direktavancemang och urval, och utgick",
            explanation.GetProperty("sv").GetString());
        Assert.Equal(closed.GetProperty("sequence").GetInt64(), explanation.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task The_conference_as_of_before_the_close_has_round_1_open()
    {
        var c = await RoundOneClosed();
        var walk = await (await c.Auditor())
            .GetFromJsonAsync<JsonElement>($"/api/conferences/{c.Id}/events?limit=1000", ApiFixture.Json);
        var close = walk.GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "round_closed");

        var before = await (await c.Auditor()).GetFromJsonAsync<JsonElement>(
            $"/api/conferences/{c.Id}/as-of?sequence={close.GetProperty("sequence").GetInt64() - 1}", ApiFixture.Json);
        Assert.Equal("Open",
            before.GetProperty("conference").GetProperty("rounds")[0].GetProperty("status").GetString());
        Assert.Equal(9,
            walk.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "ballot_cast"));
        Assert.Equal("Round 1 closed with 9 ballots from 3 voters: 1 Advanced to comprehensive, 1 CarriedOver, 1 " +
            "Eliminated.",
            close.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task The_walk_pages_through_the_log_in_order()
    {
        var c = await RoundOneClosed();
        var sequences = new List<long>();
        long? after = 0;
        while (after is not null)
        {
            var page = await (await c.Auditor())
                .GetFromJsonAsync<JsonElement>($"/api/conferences/{c.Id}/events?after={after}&limit=4",
                    ApiFixture.Json);
            sequences.AddRange(page.GetProperty("events").EnumerateArray()
                .Select(e => e.GetProperty("sequence").GetInt64()));
            after = page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextAfter")
                .GetInt64();
        }
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(await c.EventCount(), sequences.Count);
    }

    [Fact]
    public async Task Asking_before_the_conference_existed_or_for_an_unknown_indicator()
    {
        var c = await RoundOneClosed();
        await AssertProblem(await (await c.Auditor()).GetAsync($"/api/conferences/{c.Id}/as-of?sequence=0"),
            HttpStatusCode.NotFound, "before-conference");
        Assert.Equal(HttpStatusCode.BadRequest,
            (await (await c.Auditor()).GetAsync($"/api/conferences/{c.Id}/as-of?sequence=abc")).StatusCode);
        await AssertProblem(await api.Client().GetAsync($"/api/conferences/{c.Id}/indicators/404/audit"),
            HttpStatusCode.NotFound, "unknown-indicator");
        await AssertProblem(await api.Client().GetAsync($"/api/conferences/{c.Id}/events"), HttpStatusCode.Unauthorized,
            "missing-auditor-key");
    }
}
