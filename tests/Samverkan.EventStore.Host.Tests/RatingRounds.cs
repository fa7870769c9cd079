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

    /// <summary>Each voter's ratings in one request per voter; null is "cannot rate".</summary>
    private static async Task RateAll(ConferenceScenario c, int round, IReadOnlyDictionary<int, int?[]> ratings)
    {
        for (var v = 0; v < c.Credentials.Count; v++)
        {
            var ballots = ratings.Select(kv => kv.Value[v] is { } r
                ? (object)new { ballotId = Guid.NewGuid(), indicator = kv.Key, answer = "Rated", rating = r }
                : new { ballotId = Guid.NewGuid(), indicator = kv.Key, answer = "Abstain" });
            var sent = await c.AsVoter(HttpMethod.Post, $"rounds/{round}/ballot-sheets", c.Credentials[v],
                JsonSerializer.Serialize(new { ballots }));
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// The worked example of docs/rating-rounds.md: ten experts, five brukare and five tjänstepersoner, rate three
    /// indicators in three rounds under COMET 70/15 (groups shown from k = 5). Round 1: indicator 1 in (100 %), 3 in
    /// at exactly 70 %, 2 carried over (60 %); round 2: 2 again (5 of 9, one tjänsteperson cannot rate, so that group
    /// has 4 raters and no group is shown); round 3: 2 in (80 %). Rerun under 75/15, indicator 3 is no longer in.
    /// </summary>
    [Fact]
    public async Task A_three_round_rating_conference_with_groups_gives_feedback_and_reruns_under_another_definition()
    {
        string[] groups = ["brukare", "brukare", "brukare", "brukare", "brukare",
            "tjänsteperson", "tjänsteperson", "tjänsteperson", "tjänsteperson", "tjänsteperson"];
        var c = await (await Planned(api, experts: 10, plan: RatingPlan(rounds: 3), groups: groups)).WithRoundOpen();
        await RateAll(c, 1, new Dictionary<int, int?[]>
        {
            [1] = [9, 9, 9, 8, 8, 8, 7, 7, 7, 7],
            [2] = [9, 8, 7, 7, 5, 5, 4, 6, 7, 8],
            [3] = [7, 7, 8, 9, 9, 8, 7, 5, 4, 5],
        });
        await AssertProblem(await api.Client().GetAsync($"/api/conferences/{c.Id}/rounds/1/feedback"),
            HttpStatusCode.Conflict, "round-not-closed");
        (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode();

        var feedback = await Json(await api.Client().GetAsync($"/api/conferences/{c.Id}/rounds/1/feedback"));
        var three = feedback.GetProperty("indicators")[2];
        Assert.Equal("ConsensusIn", three.GetProperty("verdict").GetString());
        Assert.Equal([0, 0, 0, 1, 2, 0, 3, 2, 2],
            three.GetProperty("panel").GetProperty("counts").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal(70m, three.GetProperty("panel").GetProperty("percentInBand").GetDecimal());
        Assert.Equal(["brukare", "tjänsteperson"],
            three.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));

        var mine = await Json(await c.AsVoter(HttpMethod.Get, "rounds/1/feedback/mine", c.Credentials[8]));
        var own = mine.GetProperty("indicators")[2];
        Assert.Equal(4, own.GetProperty("rating").GetInt32());
        Assert.Equal("tjänsteperson", own.GetProperty("group").GetProperty("group").GetString());
        Assert.Equal(3, mine.GetProperty("indicators").GetArrayLength());
        Assert.DoesNotContain("voter", mine.ToString());
        await AssertProblem(await api.Client().GetAsync($"/api/conferences/{c.Id}/rounds/1/feedback/mine"),
            HttpStatusCode.Unauthorized, "missing-credential");

        await c.WithRoundOpen(2);
        await RateAll(c, 2, new Dictionary<int, int?[]> { [2] = [9, 8, 7, 7, 5, 5, 4, 6, 7, null] });
        (await c.Facilitator(HttpMethod.Post, "rounds/2/close")).EnsureSuccessStatusCode();
        var second = (await Json(await api.Client().GetAsync($"/api/conferences/{c.Id}/rounds/2/feedback")))
            .GetProperty("indicators")[0];
        // Four tjänstepersoner rated: under k, and the brukare are hidden too, lest subtraction give them away.
        Assert.Equal(0, second.GetProperty("groups").GetArrayLength());
        Assert.Equal((9, 1), (second.GetProperty("panel").GetProperty("ratings").GetInt32(),
            second.GetProperty("panel").GetProperty("couldNotRate").GetInt32()));
        var stability = second.GetProperty("stability");
        Assert.Equal(1, stability.GetProperty("previousRound").GetInt32());
        Assert.Equal(9, stability.GetProperty("compared").GetInt32());
        Assert.Equal(0m, stability.GetProperty("shareMoved").GetDecimal());

        await c.WithRoundOpen(3);
        await RateAll(c, 3, new Dictionary<int, int?[]> { [2] = [9, 8, 7, 7, 7, 7, 4, 6, 7, 8] });
        (await c.Facilitator(HttpMethod.Post, "rounds/3/close")).EnsureSuccessStatusCode();
        var csv = await api.Client().GetStringAsync($"/api/conferences/{c.Id}/rounds/3/feedback?format=csv");
        Assert.StartsWith("round,indicator,group,ratings,", csv);
        Assert.Contains("3,2,,10,0,7,7,7.75,0.75,80,ConsensusIn,2,", csv);
        var view = await Json(await api.Client().GetAsync($"/api/conferences/{c.Id}/rounds/3"));
        Assert.Equal(2, view.GetProperty("feedback").GetProperty("indicators")[0].GetProperty("stability")
            .GetProperty("previousRound").GetInt32());

        var core = await Json(await api.Client().GetAsync($"/api/conferences/{c.Id}/protocols/core"));
        Assert.Equal([1, 2, 3],
            core.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("indicator").GetInt32()).Order());

        var rerun = await Json(await api.Client().PostAsync($"/api/conferences/{c.Id}/research/reruns",
            new StringContent("""{"changes":[{"consensusMost":75}]}""", System.Text.Encoding.UTF8,
                "application/json")));
        Assert.True(rerun.GetProperty("reproducesRecord").GetBoolean());
        Assert.Equal([1, 2], rerun.GetProperty("rerun").GetProperty("protocols").GetProperty("core")
            .EnumerateArray().Select(i => i.GetInt32()));
        var table = await (await api.Client().PostAsync(
            $"/api/conferences/{c.Id}/research/reruns?format=table",
            new StringContent("""{"changes":[{"consensusMost":75}],"missingBallots":"CarryForwardLastShare"}""",
                System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync();
        Assert.Contains("| 3 | effect | in the core protocol (round 1) | eliminated in round 3 *", table);

        // The record, ratings, groups and consensus figures included, reruns the same without the store.
        var record = await (await c.Auditor()).GetStringAsync($"/api/conferences/{c.Id}/record");
        var fromFile = await Json(await api.Client().PostAsync("/api/research/reruns", new StringContent(
            $$"""{"conference":{{record}},"changes":[{"consensusMost":75}]}""", System.Text.Encoding.UTF8,
            "application/json")));
        Assert.True(fromFile.GetProperty("reproducesRecord").GetBoolean());
        Assert.Equal(rerun.GetProperty("diff").ToString(), fromFile.GetProperty("diff").ToString());
    }
}
