using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>
/// A small conference driven through the API the way a facilitator would: planned, catalog imported,
/// experts checked in, rounds planned. Tests start from here and go on.
/// </summary>
public sealed class ConferenceScenario(ApiFixture api)
{
    public Guid Id { get; private set; }
    public string FacilitatorKey { get; private set; } = "";
    public List<string> Credentials { get; } = [];

    public const string Catalog =
        "number,text,category,perspective\n1,Deltagare känner sig delaktiga,process,participant\n2,Samverkan sker " +
            "tidigt,process,\n3,Fler i arbete,effect,society\n";

    public const string TwoRoundPlan =
        """{"protocolLevels":["comprehensive","core"],"rounds":[""" + "\n" +
        """  {"number":1,"scope":{"categories":["process","effect"]},"rules":{"eliminate":{"below":0.5},"advance":""" +
        """{"toLevel":"comprehensive","topN":1},"remainder":"CarryOver"}},""" + "\n" +
        """  {"number":2,"scope":{"categories":["process","effect"]},"rules":{"advance":""" +
        """{"toLevel":"comprehensive","topN":1},"remainder":"Eliminate"}}]}""";

    /// <summary>
    /// A conference planned and its experts checked in; <paramref name="groups"/>, when given, is each expert's
    /// stakeholder group in turn.
    /// </summary>
    public static async Task<ConferenceScenario> Planned(ApiFixture api, int experts = 3,
        string? plan = TwoRoundPlan, string catalog = Catalog, IReadOnlyList<string>? groups = null)
    {
        var scenario = new ConferenceScenario(api);
        var created = await (await api.Client().PostAsJsonAsync("/api/conferences", new
        {
            title = "Konsensuskonferens", place = "Sundbyholm", startsOn = "2014-04-07", endsOn = "2014-04-08",
                language = "sv",
            categories = new[] { "process", "effect" },
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        scenario.Id = created.GetProperty("conferenceId").GetGuid();
        scenario.FacilitatorKey = created.GetProperty("facilitatorKey").GetString()!;

        var imported = await scenario.Facilitator(HttpMethod.Post, "catalog", catalog, "text/csv");
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        for (var i = 0; i < experts; i++)
        {
            var registered = await (await scenario.Facilitator(HttpMethod.Post, "experts",
                JsonSerializer.Serialize(new { name = $"Expert {i}", organisation = "Samordningsförbundet",
                    role = "official" })))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var group = groups is null ? "" : $"?group={Uri.EscapeDataString(groups[i])}";
            var checkedIn = await (await scenario.Facilitator(HttpMethod.Post,
                $"experts/{registered.GetProperty("expertId").GetGuid()}/check-in{group}"))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            scenario.Credentials.Add(checkedIn.GetProperty("voterCredential").GetString()!);
        }
        if (plan is not null)
            (await scenario.Facilitator(HttpMethod.Put, "round-plan", plan)).EnsureSuccessStatusCode();
        return scenario;
    }

    public async Task<ConferenceScenario> WithRoundOpen(int round = 1)
    {
        (await Facilitator(HttpMethod.Post, $"rounds/{round}/open")).EnsureSuccessStatusCode();
        return this;
    }

    /// <summary>
    /// Every expert votes on each indicator, the first <c>yes</c> of them yes and the rest no; then the round closes.
    /// </summary>
    public async Task<ConferenceScenario> VotedAndClosed(int round, params (int Indicator, int Yes)[] tallies)
    {
        foreach (var (indicator, yes) in tallies)
            for (var v = 0; v < Credentials.Count; v++)
                (await Vote(round, indicator, v < yes ? "Yes" : "No", Credentials[v])).EnsureSuccessStatusCode();
        (await Facilitator(HttpMethod.Post, $"rounds/{round}/close")).EnsureSuccessStatusCode();
        return this;
    }

    public Task<HttpResponseMessage> Facilitator(HttpMethod method, string path, string? body = null,
        string contentType = "application/json", string? key = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, $"/api/conferences/{Id}/{path}");
        request.Headers.Add("X-Facilitator-Key", key ?? FacilitatorKey);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
        return api.Client().SendAsync(request);
    }

    /// <summary>A request of the conference's as a voter, with the credential handed out at check-in.</summary>
    public Task<HttpResponseMessage> AsVoter(HttpMethod method, string path, string credential, string? body = null)
    {
        var request = new HttpRequestMessage(method, $"/api/conferences/{Id}/{path}");
        request.Headers.Add("X-Voter-Credential", credential);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return api.Client().SendAsync(request);
    }

    public Task<HttpResponseMessage> Vote(int round, int indicator, string answer, string? credential,
        Guid? ballotId = null, HttpClient? client = null) =>
        VoteRaw(round, credential,
            JsonSerializer.Serialize(new { ballotId = ballotId ?? Guid.NewGuid(), indicator, answer }), client);

    public Task<HttpResponseMessage> VoteRaw(int round, string? credential, string body, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conferences/{Id}/rounds/{round}/ballots")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (credential is not null) request.Headers.Add("X-Voter-Credential", credential);
        return (client ?? api.Client()).SendAsync(request);
    }

    public Task<long> EventCount() => api.EventCount(Id);

    /// <summary>A client that reads as the conference's auditor, with the key its facilitator issued.</summary>
    public async Task<HttpClient> Auditor()
    {
        var issued = await (await Facilitator(HttpMethod.Get, "auditor-key")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var client = api.Client();
        client.DefaultRequestHeaders.Add("X-Auditor-Key", issued.GetProperty("key").GetString());
        return client;
    }

    /// <summary>Asserts an RFC 9457 problem with the status and code, and returns it.</summary>
    public static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status,
        string? code = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (code is not null) Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}
