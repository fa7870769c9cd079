using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

[Collection(nameof(ApiCollection))]
public class Evaluation(ApiFixture api)
{
    private const string Questionnaire =
        """{"questions":[{"number":1,"text":"Är du nöjd med upplägget?","options":""" +
        """["Nöjd","Varken nöjd eller missnöjd","Missnöjd"]}]}""";

    private static Task<HttpResponseMessage> Answer(ApiFixture api, ConferenceScenario c, string? credential,
        string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conferences/{c.Id}/evaluation/responses")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (credential is not null) request.Headers.Add("X-Voter-Credential", credential);
        return api.Client().SendAsync(request);
    }

    [Fact]
    public async Task Experts_answer_once_and_anonymously_and_bad_answers_change_nothing()
    {
        var c = await Planned(api);
        await AssertProblem(await Answer(api, c, c.Credentials[0], """{"answers":[{"question":1,"option":"Nöjd"}]}"""),
            HttpStatusCode.Conflict, "no-questionnaire");
        (await c.Facilitator(HttpMethod.Put, "evaluation", Questionnaire)).EnsureSuccessStatusCode();

        (await Answer(api, c, c.Credentials[0], """{"answers":[{"question":1,"option":"Nöjd"}],"comment":"Bra!"}"""))
            .EnsureSuccessStatusCode();
        var before = await c.EventCount();
        await AssertProblem(await Answer(api, c, c.Credentials[0], """{"answers":[{"question":1,"option":"Nöjd"}]}"""),
            HttpStatusCode.Conflict, "already-evaluated");
        await AssertProblem(await Answer(api, c, c.Credentials[1],
            """{"answers":[{"question":1,"option":"Kanske"}]}"""), HttpStatusCode.BadRequest, "invalid-evaluation");
        await AssertProblem(await Answer(api, c, c.Credentials[1], """{"answers":[{"question":7,"option":"Nöjd"}]}"""),
            HttpStatusCode.BadRequest, "invalid-evaluation");
        await AssertProblem(await Answer(api, c, null, """{"answers":[]}"""), HttpStatusCode.Unauthorized,
            "missing-credential");
        Assert.Equal(before, await c.EventCount());

        var results = await (await c.Auditor())
            .GetFromJsonAsync<JsonElement>($"/api/conferences/{c.Id}/evaluation", ApiFixture.Json);
        Assert.Equal(1, results.GetProperty("respondents").GetInt32());
        Assert.Equal(1, results.GetProperty("questions")[0].GetProperty("options")[0].GetProperty("count").GetInt32());
        Assert.Equal(["Bra!"], results.GetProperty("comments").EnumerateArray().Select(x => x.GetString()));
    }
}
