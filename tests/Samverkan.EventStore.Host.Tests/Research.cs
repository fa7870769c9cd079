using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>
/// Researchers' reruns over HTTP, of a conference held through the API. Three voters; round 1 (process and effect):
/// indicator 1 gets 3 of 3 yes and advances (top 1), 2 gets 2 of 3 and is carried over, 3 gets 1 of 3 and is
/// eliminated (under 50 %). Round 2: indicator 2 gets 2 of 3 and advances.
/// </summary>
[Collection(nameof(ApiCollection))]
public class Research(ApiFixture api)
{
    private async Task<ConferenceScenario> Held()
    {
        var c = await (await (await Planned(api)).WithRoundOpen()).VotedAndClosed(1, (1, 3), (2, 2), (3, 1));
        return await (await c.WithRoundOpen(2)).VotedAndClosed(2, (2, 2));
    }

    private Task<HttpResponseMessage> Post(string path, string json) =>
        api.Client().PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonElement> PostOk(string path, string json)
    {
        var response = await Post(path, json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Fate(JsonElement run, int indicator) =>
        run.GetProperty("fates").EnumerateArray().Single(f => f.GetProperty("indicator").GetInt32() == indicator);

    private static int[] Members(JsonElement run, string level) =>
        run.GetProperty("protocols").GetProperty(level).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    [Fact]
    public async Task A_rerun_under_the_recorded_rules_reproduces_the_conference_and_appends_nothing()
    {
        var c = await Held();
        var before = await c.EventCount();

        var result = await PostOk($"/api/conferences/{c.Id}/research/reruns", "{}");

        Assert.True(result.GetProperty("reproducesRecord").GetBoolean());
        Assert.Empty(result.GetProperty("diff").GetProperty("changes").EnumerateArray());
        Assert.Equal([1, 2], Members(result.GetProperty("rerun"), "comprehensive"));
        Assert.Equal(before, await c.EventCount());
    }

    [Fact]
    public async Task A_lower_threshold_keeps_indicator_3_alive_into_a_round_without_its_ballots()
    {
        var c = await Held();
        const string lower = """{"changes":[{"round":1,"eliminateBelow":0.3}]}""";

        var undetermined = await PostOk($"/api/conferences/{c.Id}/research/reruns", lower);
        var change = Assert.Single(undetermined.GetProperty("diff").GetProperty("changes").EnumerateArray(), ch =>
            ch.GetProperty("fateChanged").GetBoolean());
        Assert.Equal((3, 1), (change.GetProperty("indicator").GetInt32(), change.GetProperty("round").GetInt32()));
        Assert.Contains("1 of 3 yes (33.3 %)", change.GetProperty("why").GetString());
        Assert.Equal("Undetermined", Fate(undetermined.GetProperty("rerun"), 3).GetProperty("kind").GetString());
        Assert.True(Fate(undetermined.GetProperty("rerun"), 3).GetProperty("restsOnPolicy").GetBoolean());

        var carried = await PostOk($"/api/conferences/{c.Id}/research/reruns",
            """{"changes":[{"round":1,"eliminateBelow":0.3}],"missingBallots":"CarryForwardLastShare"}""");
        var three = Fate(carried.GetProperty("rerun"), 3);
        Assert.Equal(("Eliminated", 2), (three.GetProperty("kind").GetString(), three.GetProperty("round").GetInt32()));

        var table = await (await Post($"/api/conferences/{c.Id}/research/reruns?format=table",
            lower)).Content.ReadAsStringAsync();
        Assert.Contains("| 3 | effect | eliminated in round 1 | undetermined from round 2 *", table);
        var csv = await (await Post($"/api/conferences/{c.Id}/research/reruns?format=csv",
            lower)).Content.ReadAsStringAsync();
        Assert.StartsWith("run,round,indicator,category,yes,no,abstain,denominator,share,rank,outcome,level,rule," +
            "threshold,top_n,basis,note,consensus,definition\n", csv);
        Assert.Contains("rerun,2,3,effect,,,,,,,undetermined,,,,,undetermined,no ballots in round 2: its fate is " +
            "undetermined,,\n", csv);
    }

    [Fact]
    public async Task The_exported_file_and_its_ballots_csv_rerun_without_the_store_and_name_no_pseudonym()
    {
        var c = await Held();
        var file = await (await (await c.Auditor()).GetAsync($"/api/conferences/{c.Id}/record"))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var parsed = JsonNode.Parse(file)!;
        Assert.Equal(("samverkan-conference", 1), ((string)parsed["format"]!, (int)parsed["version"]!));
        var voters = parsed["rounds"]!.AsArray().SelectMany(r => r!["ballots"]!.AsArray())
            .Select(b => (string)b!["voter"]!).Distinct().Order();
        Assert.Equal(["voter-01", "voter-02", "voter-03"], voters);
        var walk = await (await c.Auditor())
            .GetFromJsonAsync<JsonElement>($"/api/conferences/{c.Id}/events?after=0&limit=1000");
        var pseudonyms = walk.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("data").TryGetProperty("voter", out _))
            .Select(e => e.GetProperty("data").GetProperty("voter").GetString()!).Distinct();
        Assert.All(pseudonyms, p => Assert.DoesNotContain(p, file));

        var fromFile = await PostOk("/api/research/reruns", $$"""{"conference":{{file}}}""");
        Assert.True(fromFile.GetProperty("reproducesRecord").GetBoolean());

        var ballots = await (await (await c.Auditor()).GetAsync($"/api/conferences/{c.Id}/record/ballots"))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        Assert.StartsWith("round,order,voter,indicator,category,answer,rating,group\n1,1,", ballots);
        var withoutBallots = JsonNode.Parse(file)!;
        foreach (var round in withoutBallots["rounds"]!.AsArray()) round!["ballots"] = new JsonArray();
        var fromCsv = await PostOk("/api/research/reruns",
            JsonSerializer.Serialize(new { conference = withoutBallots, ballotsCsv = ballots }));
        Assert.Equal(Members(fromFile.GetProperty("rerun"), "comprehensive"),
            Members(fromCsv.GetProperty("rerun"), "comprehensive"));
        Assert.Empty(fromCsv.GetProperty("diff").GetProperty("changes").EnumerateArray());

        // A header and one row per indicator and round: 3 in round 1, 1 in round 2.
        var tallies = await (await (await c.Auditor())
            .GetAsync($"/api/conferences/{c.Id}/record/tallies")).Content.ReadAsStringAsync();
        Assert.Equal(5, tallies.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("1,3,effect,1,2,0,3,0.3333,3,1\n", tallies);
        var decisions = await (await (await c.Auditor())
            .GetAsync($"/api/conferences/{c.Id}/record/decisions")).Content.ReadAsStringAsync();
        Assert.Contains("recorded,1,3,effect,1,2,0,3,0.3333,3,eliminated,,elimination_threshold,0.5,,ballots,,,\n",
            decisions);
    }

    [Fact]
    public async Task A_sweep_and_a_bootstrap_report_each_indicator()
    {
        var c = await Held();
        var sweep = await PostOk($"/api/conferences/{c.Id}/research/sweeps",
            """{"axes":[{"rule":"eliminateBelow","round":1,"from":0.2,"to":0.6,"step":0.1}]}""");
        Assert.Equal(5, sweep.GetProperty("variants").GetArrayLength());

        var bootstrap = await PostOk($"/api/conferences/{c.Id}/research/bootstraps", """{"replicates":50,"seed":1}""");
        Assert.Equal((50, 3),
            (bootstrap.GetProperty("replicates").GetInt32(), bootstrap.GetProperty("voters").GetInt32()));
        var again = await PostOk($"/api/conferences/{c.Id}/research/bootstraps", """{"replicates":50,"seed":1}""");
        Assert.Equal(bootstrap.GetProperty("indicators").GetRawText(), again.GetProperty("indicators").GetRawText());
    }

    [Theory]
    [InlineData("reruns", """{"changes":[{"round":1,"eliminateBelow":1.3}]}""", "invalid-rules",
        "elimination threshold 1.3 is outside [0, 1]")]
    [InlineData("reruns", """{"changes":[{"round":2,"advanceTopN":0}]}""", "invalid-rules", "top N of 0")]
    [InlineData("reruns", """{"changes":[{"round":9,"eliminateBelow":0.4}]}""", "invalid-rules",
        "Round 9 does not exist")]
    [InlineData("reruns", """{"ballotsCsv":"round,voter\n1,a"}""", "invalid-ballots-csv",
        "lacks the column(s) indicator, answer")]
    [InlineData("reruns", """{"ballotsCsv":"round,voter,indicator,answer\n1,a,1,maybe"}""", "invalid-ballots-csv",
        "Line 2: the answer 'maybe'")]
    [InlineData("sweeps", """{"axes":[{"rule":"eliminateBelow","from":0.3,"to":0.7}]}""", "invalid-sweep",
        "needs a positive step")]
    [InlineData("sweeps", """{"axes":[{"rule":"quorum","values":[1]}]}""", "invalid-sweep",
        "'quorum' is not a rule a sweep can vary")]
    [InlineData("sweeps", """{"axes":[{"rule":"selectTopN","values":[10]}]}""", "invalid-sweep", "names the category")]
    [InlineData("bootstraps", """{"replicates":0}""", "invalid-bootstrap", "1 to 10000 replicates, not 0")]
    [InlineData("sweeps",
        """{"axes":[{"rule":"eliminateBelow","from":0,"to":1,"step":0.001},{"rule":"advanceTopN","from":1,"to":20}]}""",
        "invalid-sweep", "a sweep runs at most 10000")]
    [InlineData("reruns",
        """{"conference":{"format":"samverkan-conference","version":1,"title":"t","categories":""" +
        """["process"],"catalog":[],"plan":{"protocolLevels":["core"],"rounds":[]},"rounds":[]}}""",
        "unexpected-conference-file", "post a conference file to /api/research/")]
    public async Task A_bad_study_of_a_stored_conference_is_a_problem_and_appends_nothing(string study, string body,
        string code, string detail)
    {
        var c = await Held();
        var before = await c.EventCount();
        var problem = await AssertProblem(await Post($"/api/conferences/{c.Id}/research/{study}", body),
            HttpStatusCode.BadRequest, code);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await c.EventCount());
    }

    [Fact]
    public async Task Bad_files_formats_and_names_are_problems()
    {
        await AssertProblem(await Post("/api/research/reruns", "{}"), HttpStatusCode.BadRequest, "missing-conference");
        var wrongVersion = await AssertProblem(await Post("/api/research/reruns",
            """{"conference":{"format":"samverkan-conference","version":7,"title":"t","categories":""" +
            """["process"],"catalog":[],"plan":{"protocolLevels":["core"],"rounds":[]},"rounds":[]}}"""),
            HttpStatusCode.BadRequest, "invalid-conference-file");
        Assert.Contains("Version 7 is not supported", wrongVersion.GetProperty("detail").GetString());
        await AssertProblem(await Post("/api/research/reruns", """{"changes":[{"round":"one"}]}"""),
            HttpStatusCode.BadRequest);
        await AssertProblem(await Post($"/api/conferences/{Guid.NewGuid()}/research/reruns", "{}"),
            HttpStatusCode.NotFound, "unknown-conference");

        var c = await Held();
        await AssertProblem(await Post($"/api/conferences/{c.Id}/research/reruns?format=xml", "{}"),
            HttpStatusCode.BadRequest, "unknown-format");
        await AssertProblem(await (await c.Auditor()).GetAsync($"/api/conferences/{c.Id}/record/voters"),
            HttpStatusCode.NotFound, "unknown-table");
    }
}
