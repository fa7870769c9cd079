using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

[Collection(nameof(ApiCollection))]
public class RatingRounds(ApiFixture api)
{
    /// <summary>COMET's percent in band with "at least" p % and "less than" q %.</summary>
    public static object Comet(decimal most = 70, decimal few = 15)
    {
        object Side(int from, int to, int otherFrom, int otherTo) => new
        {
            most = new { band = new { from, to }, comparison = "AtLeast", percent = most },
            few = new { band = new { from = otherFrom, to = otherTo }, comparison = "LessThan", percent = few },
        };
        return new { @in = Side(7, 9, 1, 3), @out = Side(1, 3, 7, 9) };
    }

    /// <summary>Rating rounds on every category under COMET 70/15: carried over, then eliminated.</summary>
    public static string RatingPlan(int rounds = 2, string groups = "WholePanel", int k = 5) =>
        JsonSerializer.Serialize(new
        {
            protocolLevels = new[] { "core" },
            rounds = Enumerable.Range(1, rounds).Select(n => new
            {
                number = n,
                scope = new { categories = new[] { "process", "effect" } },
                rules = new
                {
                    remainder = n < rounds ? "CarryOver" : "Eliminate",
                    rating = new
                    {
                        scale = new { min = 1, max = 9 }, toLevel = "core",
                        consensus = new
                        {
                            name = "COMET 70/15", groups, minimumGroupSize = k, percentInBand = Comet(),
                        },
                    },
                },
            }),
        });

    public static Task<HttpResponseMessage> Rate(ConferenceScenario c, int round, int indicator, int? rating,
        string credential) =>
        c.VoteRaw(round, credential, JsonSerializer.Serialize(rating is { } r
            ? (object)new { ballotId = Guid.NewGuid(), indicator, answer = "Rated", rating = r }
            : new { ballotId = Guid.NewGuid(), indicator, answer = "Abstain" }));

    [Fact]
    public async Task A_rating_round_refuses_yes_no_and_ratings_off_its_scale_and_appends_nothing()
    {
        var c = await (await Planned(api, experts: 1, plan: RatingPlan())).WithRoundOpen();
        var events = await c.EventCount();
        await AssertProblem(await c.Vote(1, 1, "Yes", c.Credentials[0]), HttpStatusCode.BadRequest,
            "yes-no-in-rating-round");
        await AssertProblem(await Rate(c, 1, 1, 10, c.Credentials[0]), HttpStatusCode.BadRequest, "rating-off-scale");
        await AssertProblem(await c.VoteRaw(1, c.Credentials[0], JsonSerializer.Serialize(
            new { ballotId = Guid.NewGuid(), indicator = 1, answer = "Rated" })), HttpStatusCode.BadRequest,
            "invalid-answer");
        Assert.Equal(events, await c.EventCount());

        var yesNo = await (await Planned(api, experts: 1)).WithRoundOpen();
        await AssertProblem(await Rate(yesNo, 1, 1, 5, yesNo.Credentials[0]), HttpStatusCode.BadRequest,
            "rating-in-yes-no-round");
    }

    [Fact]
    public async Task A_rating_plan_with_a_faulty_definition_is_refused_with_every_problem()
    {
        var c = await Planned(api, experts: 0, plan: null);
        var problem = await AssertProblem(await c.Facilitator(HttpMethod.Put, "round-plan",
            RatingPlan().Replace("\"percent\":70", "\"percent\":170").Replace("\"toLevel\":\"core\"",
                "\"toLevel\":\"nowhere\"")), HttpStatusCode.BadRequest, "invalid-round-plan");
        var problems = problem.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains(problems, p => p!.Contains("170 % is outside [0, 100]"));
        Assert.Contains(problems, p => p!.Contains("unknown protocol level 'nowhere'"));
    }

    /// <summary>
    /// Five experts rate: indicator 1 9 9 8 7 5 (80 % rate 7–9: consensus in), 2 1 2 3 1 9 (20 % rate 7–9, not
    /// under 15 %: no consensus) and 3 1 1 2 3 and "cannot rate" (consensus out).
    /// </summary>
    [Fact]
    public async Task A_rating_round_closes_by_its_consensus_definition_with_the_figures_recorded()
    {
        var c = await (await Planned(api, experts: 5, plan: RatingPlan())).WithRoundOpen();
        int?[][] ratings = [[9, 9, 8, 7, 5], [1, 2, 3, 1, 9], [1, 1, 2, 3, null]];
        for (var i = 0; i < ratings.Length; i++)
        for (var v = 0; v < 5; v++)
            (await Rate(c, 1, i + 1, ratings[i][v], c.Credentials[v])).EnsureSuccessStatusCode();

        var closed = await (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var decisions = closed.GetProperty("decisions").EnumerateArray()
            .ToDictionary(d => d.GetProperty("indicator").GetInt32());
        string Of(int i, string part) => decisions[i].GetProperty(part).GetProperty("kind").GetString()!;
        Assert.Equal(("Advanced", "ConsensusDefinition"), (Of(1, "outcome"), Of(1, "rule")));
        Assert.Equal(("CarriedOver", "Remainder"), (Of(2, "outcome"), Of(2, "rule")));
        Assert.Equal(("Eliminated", "ConsensusDefinition"), (Of(3, "outcome"), Of(3, "rule")));
        var consensus = decisions[3].GetProperty("rule").GetProperty("consensus");
        Assert.Equal("ConsensusOut", consensus.GetProperty("verdict").GetString());
        Assert.Equal(1, consensus.GetProperty("figures")[0].GetProperty("abstentions").GetInt32());

        var round = await (await api.Client().GetAsync($"/api/conferences/{c.Id}/rounds/1"))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("\"verdict\":\"ConsensusIn\"", round.ToString());
        var auditor = await c.Auditor();
        var ballots = await auditor.GetStringAsync($"/api/conferences/{c.Id}/record/ballots");
        Assert.Contains(",rated,9,\n", ballots);
        var trail = await (await api.Client().GetAsync($"/api/conferences/{c.Id}/indicators/1/audit"))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        Assert.Contains("COMET 70/15", trail);
    }

    [Fact]
    public async Task The_credential_carries_the_group_into_each_ballot_and_cannot_change_it()
    {
        var c = await (await Planned(api, experts: 2, plan: RatingPlan(), groups: ["brukare", "chef"])).WithRoundOpen();
        Assert.Contains('.', c.Credentials[0]);
        (await Rate(c, 1, 1, 8, c.Credentials[0])).EnsureSuccessStatusCode();
        (await Rate(c, 1, 1, 3, c.Credentials[1])).EnsureSuccessStatusCode();

        // The label swapped onto the other credential is not one this conference handed out.
        var swapped = c.Credentials[0].Split('.')[0] + "." + c.Credentials[1].Split('.')[1];
        await AssertProblem(await Rate(c, 1, 2, 8, swapped), HttpStatusCode.Unauthorized, "unknown-credential");
        var auditor = await c.Auditor();
        var events = await auditor.GetStringAsync($"/api/conferences/{c.Id}/events?after=0&limit=100");
        Assert.Contains("\"group\":\"brukare\"", events);
        Assert.Contains("\"group\":\"chef\"", events);
        // Only the ballot names the group: no check-in or other event of the log does.
        Assert.Equal(2, events.Split("brukare").Length);

        var expert = await (await c.Facilitator(HttpMethod.Post, "experts", JsonSerializer.Serialize(
            new { name = "Expert X", organisation = "Kommunen", role = "chef" }))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        await AssertProblem(await c.Facilitator(HttpMethod.Post,
            $"experts/{expert.GetProperty("expertId").GetGuid()}/check-in?group=%20"), HttpStatusCode.BadRequest,
            "invalid-group");
    }
}
