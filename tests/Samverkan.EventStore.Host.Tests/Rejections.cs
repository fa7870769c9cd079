using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>Every refusal is an RFC 9457 problem that names what was wrong, and appends nothing.</summary>
[Collection(nameof(ApiCollection))]
public class Rejections(ApiFixture api)
{
    private static async Task AssertRefused(ConferenceScenario c, Func<Task<HttpResponseMessage>> send,
        HttpStatusCode status, string? code = null)
    {
        var before = await c.EventCount();
        await AssertProblem(await send(), status, code);
        Assert.Equal(before, await c.EventCount());
    }

    [Fact]
    public async Task A_ballot_for_a_round_that_has_not_opened()
    {
        var c = await Planned(api);
        await AssertRefused(c, () => c.Vote(1, 1, "Yes", c.Credentials[0]), HttpStatusCode.Conflict, "round-planned");
    }

    [Fact]
    public async Task A_ballot_after_the_round_closed_is_not_counted()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode();
        await AssertRefused(c, () => c.Vote(1, 1, "Yes", c.Credentials[0]), HttpStatusCode.Conflict, "round-closed");
    }

    [Fact]
    public async Task A_ballot_on_an_indicator_outside_the_round()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        await AssertRefused(c, () => c.Vote(1, 99, "Yes", c.Credentials[0]), HttpStatusCode.BadRequest,
            "indicator-out-of-scope");
    }

    [Fact]
    public async Task A_credential_of_another_conference_is_unknown()
    {
        var other = await Planned(api, experts: 1);
        var c = await (await Planned(api)).WithRoundOpen();
        await AssertRefused(c, () => c.Vote(1, 1, "Yes", other.Credentials[0]), HttpStatusCode.Unauthorized,
            "unknown-credential");
    }

    [Theory]
    [InlineData("not a credential")]
    [InlineData("c2hvcnQ")]
    public async Task A_malformed_credential(string credential)
    {
        var c = await (await Planned(api)).WithRoundOpen();
        await AssertRefused(c, () => c.Vote(1, 1, "Yes", credential), HttpStatusCode.Unauthorized,
            "malformed-credential");
    }

    [Fact]
    public async Task A_ballot_without_a_credential()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        await AssertRefused(c, () => c.Vote(1, 1, "Yes", null), HttpStatusCode.Unauthorized, "missing-credential");
    }

    [Fact]
    public async Task A_revoked_credential()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        (await c.Facilitator(HttpMethod.Post, "revoked-credentials",
            JsonSerializer.Serialize(new { credential = c.Credentials[0], reason = "Left the conference" })))
                .EnsureSuccessStatusCode();
        await AssertRefused(c, () => c.Vote(1, 1, "Yes", c.Credentials[0]), HttpStatusCode.Forbidden,
            "credential-revoked");
    }

    [Theory]
    [InlineData("{\"ballotId\":\"6f1c1f9e-8a55-4a53-a3a6-2f4f1b1f2a11\",\"indicator\":1,")]
    [InlineData("{\"ballotId\":\"6f1c1f9e-8a55-4a53-a3a6-2f4f1b1f2a11\",\"indicator\":1}")]
    [InlineData("{\"ballotId\":\"6f1c1f9e-8a55-4a53-a3a6-2f4f1b1f2a11\",\"indicator\":1,\"answer\":\"Maybe\"}")]
    [InlineData("")]
    public async Task Malformed_json_or_a_missing_field(string body)
    {
        var c = await (await Planned(api)).WithRoundOpen();
        await AssertRefused(c, () => c.VoteRaw(1, c.Credentials[0], body), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{\"eliminate\":{\"below\":1.3},\"remainder\":\"Eliminate\"}", "outside [0, 1]")]
    [InlineData("{\"eliminate\":{\"below\":-0.2},\"remainder\":\"Eliminate\"}", "outside [0, 1]")]
    [InlineData("{\"advance\":{\"toLevel\":\"core\",\"topN\":0},\"remainder\":\"Eliminate\"}", "at least 1")]
    [InlineData("{\"select\":{\"toLevel\":\"core\",\"topNPerCategory\":{\"process\":0}},\"remainder\":\"Retain\"}",
        "at least 1")]
    public async Task A_round_plan_with_bad_rules(string rules, string named)
    {
        var c = await Planned(api, plan: null);
        var plan =
            $$"""{"protocolLevels":["comprehensive","core"],"rounds":[{"number":1,"scope":{"categories":""" +
                $$"""["process"]},"rules":{{rules}}}]}""";
        var before = await c.EventCount();
        var problem = await AssertProblem(await c.Facilitator(HttpMethod.Put, "round-plan", plan),
            HttpStatusCode.BadRequest, "invalid-round-plan");
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await c.EventCount());
    }

    [Fact]
    public async Task Opening_a_round_before_the_previous_one_of_its_scope_is_closed()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        await AssertRefused(c, () => c.Facilitator(HttpMethod.Post, "rounds/2/open"), HttpStatusCode.Conflict,
            "previous-round-not-closed");
    }

    [Fact]
    public async Task Importing_a_catalog_into_a_conference_that_is_voting()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        await AssertRefused(c, () => c.Facilitator(HttpMethod.Post, "catalog", Catalog, "text/csv"),
            HttpStatusCode.Conflict, "conference-not-planning");
    }

    [Theory]
    [InlineData("number,text,category\n1,A,process\n1,B,process\n", "appears 2 times")]
    [InlineData("number,text,category\n1,A,process\n2,,process\n", "empty text")]
    [InlineData("number,text,category\n1,A,process\n2,B,outcome\n", "unknown category 'outcome'")]
    public async Task A_bad_catalog_imports_nothing(string csv, string named)
    {
        var c = await Planned(api, experts: 0, plan: null);
        var before = await c.EventCount();
        var problem = await AssertProblem(await c.Facilitator(HttpMethod.Post, "catalog", csv, "text/csv"),
            HttpStatusCode.BadRequest, "invalid-catalog");
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await c.EventCount());
        var conference = await api.Client().GetFromJsonAsync<JsonElement>($"/api/conferences/{c.Id}", ApiFixture.Json);
        Assert.Equal(3, conference.GetProperty("indicators").GetArrayLength());
    }

    [Fact]
    public async Task A_facilitator_command_with_the_wrong_key()
    {
        var c = await Planned(api);
        await AssertRefused(c, () => c.Facilitator(HttpMethod.Post, "rounds/1/open", key: "not-the-key"),
            HttpStatusCode.Unauthorized, "wrong-facilitator-key");
    }

    [Fact]
    public async Task An_unknown_conference()
    {
        var unknown = Guid.NewGuid();
        var response = await api.Client().GetAsync($"/api/conferences/{unknown}");
        await AssertProblem(response, HttpStatusCode.NotFound, "unknown-conference");
    }
}
