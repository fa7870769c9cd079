using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests.Trust;

/// <summary>
/// One test for each way the vote could be poisoned, blocked or misreported, found by trying it as an attacker.
/// </summary>
[Collection(nameof(ApiCollection))]
public class Defects(ApiFixture api)
{
    private static async Task AssertRefused(
        ConferenceScenario c, Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string code)
    {
        var before = await c.EventCount();
        await AssertProblem(await send(), status, code);
        Assert.Equal(before, await c.EventCount());
    }

    private static string Ballot(object indicator, object answer) =>
        JsonSerializer.Serialize(new { ballotId = Guid.NewGuid(), indicator, answer });

    [Fact]
    public async Task An_answer_sent_as_a_number_is_refused_and_the_round_still_closes()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        await AssertRefused(c, () => c.VoteRaw(1, c.Credentials[0], Ballot(1, 7)), HttpStatusCode.BadRequest,
            "malformed-request");
        await AssertRefused(c, () => c.VoteRaw(1, c.Credentials[0], Ballot("2", "Yes")), HttpStatusCode.BadRequest,
            "malformed-request");
        (await api.Client().GetAsync($"/api/conferences/{c.Id}/rounds/1/standings")).EnsureSuccessStatusCode();
        (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Ten_first_ballots_of_one_voter_at_once_are_all_recorded()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            c.Vote(1, 1 + i % 3, i % 2 == 0 ? "Yes" : "No", c.Credentials[0])));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    [Fact]
    public async Task A_ballot_committed_before_the_close_and_sent_again_after_it_gets_its_acknowledgement()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        var ballotId = Guid.NewGuid();
        var first = await (await c.Vote(1, 1, "Yes", c.Credentials[0], ballotId)).EnsureSuccessStatusCode()
            .Content.ReadAsStringAsync();
        var closed = await (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode()
            .Content.ReadAsStringAsync();

        var again = await c.Vote(1, 1, "Yes", c.Credentials[0], ballotId);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        // A close sent again (its answer lost) gets the closure it had, not a refusal.
        var closedAgain = await c.Facilitator(HttpMethod.Post, "rounds/1/close");
        Assert.Equal(HttpStatusCode.OK, closedAgain.StatusCode);
        Assert.Equal(closed, await closedAgain.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("\"remainder\":7")]
    [InlineData("\"ties\":9")]
    [InlineData("\"denominator\":5")]
    public async Task A_round_plan_with_a_number_for_a_rule_is_refused(string rule)
    {
        var c = await Planned(api, plan: null);
        var plan = "{\"protocolLevels\":[\"core\"],\"rounds\":[{\"number\":1,\"scope\":{\"categories\":[\"process\"]},"
            + $"\"rules\":{{\"advance\":{{\"toLevel\":\"core\",\"topN\":1}},{rule}}}}}]}}";
        await AssertRefused(c, () => c.Facilitator(HttpMethod.Put, "round-plan", plan), HttpStatusCode.BadRequest,
            "malformed-request");
    }

    [Theory]
    [InlineData("null", "missing-body")]
    [InlineData("{\"title\":\"a\\u0000b\",\"place\":\"p\",\"startsOn\":\"2014-04-07\",\"endsOn\":\"2014-04-08\"," +
        "\"language\":\"sv\",\"categories\":[\"a\"]}", "malformed-request")]
    [InlineData("{\"title\":\"t\",\"place\":\"p\",\"startsOn\":\"2014-04-07\",\"endsOn\":\"2014-04-08\",\"language\":" +
        "\"sv\",\"categories\":[null]}", "malformed-request")]
    [InlineData("{\"title\":\"t\"}", "malformed-request")]
    [InlineData("{\"title\":", "malformed-request")]
    public async Task A_conference_plan_that_is_not_a_plan_is_a_problem_with_a_code(string body, string code)
    {
        var response = await api.Client()
            .PostAsync("/api/conferences", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblem(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_text_over_the_limit_is_400()
    {
        var huge = JsonSerializer.Serialize(new
        {
            title = new string('x', 10_000_000), place = "p", startsOn = "2014-04-07", endsOn = "2014-04-08",
            language = "sv", categories = new[] { "a" },
        });
        await AssertProblem(await api.Client()
            .PostAsync("/api/conferences", new StringContent(huge, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        var long1 = huge.Replace(new string('x', 10_000_000), new string('x', 5000));
        await AssertProblem(await api.Client()
            .PostAsync("/api/conferences", new StringContent(long1, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task Refusals_of_the_framework_carry_a_code_too()
    {
        var client = api.Client();
        await AssertProblem(await client.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound, "no-such-resource");
        await AssertProblem(await client.DeleteAsync("/api/conferences"), HttpStatusCode.MethodNotAllowed,
            "method-not-allowed");
        await AssertProblem(await client.PostAsync("/api/conferences",
            new StringContent("x", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_catalog_with_a_stray_quote_or_invalid_utf8_is_refused()
    {
        var c = await Planned(api, plan: null);
        await AssertRefused(c, () => c.Facilitator(HttpMethod.Post, "catalog",
            "number,text,category,perspective\n1,Sa\"mverkan,process,\n", "text/csv"), HttpStatusCode.BadRequest,
            "unreadable-catalog");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conferences/{c.Id}/catalog")
        {
            Content = new ByteArrayContent([.. "number,text,category\n1,"u8.ToArray(), 0xff, 0xfe,
                .. ",process\n"u8.ToArray()]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.Add("X-Facilitator-Key", c.FacilitatorKey);
        await AssertRefused(c, () => api.Client().SendAsync(request), HttpStatusCode.BadRequest, "invalid-utf8");
    }

    [Fact]
    public async Task Registration_and_check_in_sent_again_with_their_idempotency_key_do_nothing_twice()
    {
        var c = await Planned(api, experts: 0, plan: null);
        var expert = JsonSerializer.Serialize(new { name = "Anna", organisation = "Region", role = "chef" });
        Task<HttpResponseMessage> Send(string path, string? body, string key) =>
            c.Facilitator(HttpMethod.Post, path, body, idempotencyKey: key);

        var key = Guid.NewGuid().ToString();
        var registered = await (await Send("experts", expert, key))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var events = await c.EventCount();
        var again = await (await Send("experts", expert, key))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(registered.GetProperty("expertId").GetGuid(), again.GetProperty("expertId").GetGuid());
        Assert.Equal(events, await c.EventCount());
        await AssertRefused(c, () => Send("experts", expert.Replace("Anna", "Berit"), key), HttpStatusCode.Conflict,
            "idempotency-key-reused");

        var checkIn = $"experts/{registered.GetProperty("expertId").GetGuid()}/check-in";
        var checkInKey = Guid.NewGuid().ToString();
        var handedOut = await (await Send(checkIn, null, checkInKey))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        events = await c.EventCount();
        var recovered = await (await Send(checkIn, null, checkInKey))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(handedOut.GetProperty("voterCredential").GetString(),
            recovered.GetProperty("voterCredential").GetString());
        Assert.Equal(1, recovered.GetProperty("expertsCheckedIn").GetInt32());
        Assert.Equal(events, await c.EventCount());
        // One expert, one credential: another key (or none) gets no second one.
        await AssertRefused(c, () => Send(checkIn, null, Guid.NewGuid().ToString()), HttpStatusCode.Conflict,
            "already-checked-in");
        await AssertRefused(c, () => Send(checkIn, null, "short"), HttpStatusCode.BadRequest,
            "invalid-idempotency-key");
    }

    [Fact]
    public async Task Csv_exports_keep_formulas_from_running_in_a_spreadsheet()
    {
        const string catalog =
            "number,text,category,perspective\n1,\"=HYPERLINK(\"\"http://x\"\")\",process,\n2,+cmd|' /C calc'!A0," +
                "process,\n3,@SUM(1),effect,\n";
        var c = await (await Planned(api, catalog: catalog)).WithRoundOpen();
        await c.VotedAndClosed(1, (1, 3), (2, 0), (3, 3));
        var csv = await (await c.Auditor()).GetStringAsync($"/api/conferences/{c.Id}/record/decisions");
        var exported = await api.Client()
            .GetStringAsync($"/api/conferences/{c.Id}/protocols/comprehensive/export?format=csv");
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", exported);
        foreach (var text in new[] { csv, exported })
            Assert.DoesNotContain(text.Split('\n').SelectMany(l => l.Split(',')), cell =>
                cell.Length > 0 && cell[0] is '=' or '+' or '@');
    }

    [Fact]
    public async Task The_log_is_the_auditors_and_the_facilitators_only()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        await c.VotedAndClosed(1, (1, 3), (2, 2), (3, 1));
        foreach (var path in new[] { "events", "as-of", "record", "record/ballots", "evaluation" })
        {
            await AssertProblem(await api.Client().GetAsync($"/api/conferences/{c.Id}/{path}"),
                HttpStatusCode.Unauthorized,
                "missing-auditor-key");
            (await (await c.Auditor()).GetAsync($"/api/conferences/{c.Id}/{path}")).EnsureSuccessStatusCode();
            (await c.Facilitator(HttpMethod.Get, path)).EnsureSuccessStatusCode();
        }
        await AssertProblem(await api.Client().GetAsync($"/api/conferences/{c.Id}/experts"),
            HttpStatusCode.Unauthorized,
            "missing-facilitator-key");
        await AssertProblem(await (await c.Auditor()).GetAsync($"/api/conferences/{c.Id}/webhooks"),
            HttpStatusCode.Unauthorized,
            "missing-facilitator-key");
        (await api.Client().GetAsync($"/api/conferences/{c.Id}/rounds/1")).EnsureSuccessStatusCode();
        (await api.Client().GetAsync($"/api/conferences/{c.Id}/indicators/1/audit")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_voter_sees_their_own_ballots_and_nobody_elses()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        (await c.Vote(1, 2, "No", c.Credentials[0])).EnsureSuccessStatusCode();
        (await c.Vote(1, 1, "Yes", c.Credentials[1])).EnsureSuccessStatusCode();
        var mine = await (await c.AsVoter(HttpMethod.Get, "rounds/1/ballots/mine", c.Credentials[0]))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("""[{"indicator":2,"answer":"No"}]""", mine.GetProperty("answers").GetRawText());
        await AssertProblem(await api.Client().GetAsync($"/api/conferences/{c.Id}/rounds/1/ballots/mine"),
            HttpStatusCode.Unauthorized, "missing-credential");
    }

    [Fact]
    public async Task Planning_a_conference_and_adopting_a_protocol_sent_again_do_nothing_twice()
    {
        var key = Guid.NewGuid().ToString();
        async Task<JsonElement> Plan(string title)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/conferences")
            {
                Content = JsonContent.Create(new
                {
                    title, place = "Sundbyholm", startsOn = "2014-04-07", endsOn = "2014-04-08", language = "sv",
                    categories = new[] { "process" },
                }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var response = await api.Client().SendAsync(request);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<JsonElement>()
                : await AssertProblem(response, HttpStatusCode.Conflict, "idempotency-key-reused");
        }
        var first = await Plan("Konsensuskonferens");
        Assert.Equal(first.ToString(), (await Plan("Konsensuskonferens")).ToString());
        await Plan("En annan konferens");
        Assert.Equal(1, await api.EventCount(first.GetProperty("conferenceId").GetGuid()));

        var c = await (await Planned(api)).WithRoundOpen();
        await c.VotedAndClosed(1, (1, 3), (2, 2), (3, 1));
        var adopted = await (await c.Facilitator(HttpMethod.Post, "protocols/comprehensive/adoption"))
            .EnsureSuccessStatusCode()
            .Content.ReadAsStringAsync();
        var events = await c.EventCount();
        var again = await c.Facilitator(HttpMethod.Post, "protocols/comprehensive/adoption");
        Assert.Equal((HttpStatusCode.OK, adopted), (again.StatusCode, await again.Content.ReadAsStringAsync()));
        Assert.Equal(events, await c.EventCount());
    }

    [Fact]
    public async Task A_recovered_check_in_cannot_take_over_a_credential_that_has_voted()
    {
        var c = await (await Planned(api, experts: 0)).WithRoundOpen();
        var expert =
            await (await c.Facilitator(HttpMethod.Post, "experts", """{"name":"A","organisation":"O","role":"r"}"""))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> CheckIn() => c.Facilitator(HttpMethod.Post,
            $"experts/{expert.GetProperty("expertId").GetGuid()}/check-in", idempotencyKey: key);
        var credential = (await (await CheckIn()).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("voterCredential").GetString();
        (await CheckIn()).EnsureSuccessStatusCode();
        (await c.Vote(1, 1, "Yes", credential)).EnsureSuccessStatusCode();
        await AssertRefused(c, CheckIn, HttpStatusCode.Conflict, "credential-in-use");
    }

    [Fact]
    public async Task A_null_body_behind_a_byte_order_mark_is_refused_too()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conferences/{c.Id}/rounds/1/ballots")
        {
            Content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. " null"u8.ToArray()]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Voter-Credential", c.Credentials[0]);
        await AssertRefused(c, () => api.Client().SendAsync(request), HttpStatusCode.BadRequest, "missing-body");
    }

    [Fact]
    public async Task A_closed_round_does_not_open_again_and_the_evaluation_waits_for_the_round_to_close()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        (await c.Facilitator(HttpMethod.Put, "evaluation",
            """{"questions":[{"number":1,"text":"Dagen?","options":["Bra","Dålig"]}]}"""))
            .EnsureSuccessStatusCode();
        Task<HttpResponseMessage> Evaluate() => c.AsVoter(HttpMethod.Post, "evaluation/responses",
            c.Credentials[0], """{"answers":[{"question":1,"option":"Bra"}]}""");
        await AssertRefused(c, Evaluate, HttpStatusCode.Conflict, "round-open");
        (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode();
        await AssertRefused(c, () => c.Facilitator(HttpMethod.Post, "rounds/1/open"), HttpStatusCode.Conflict,
            "round-closed");

        Assert.Equal(HttpStatusCode.NoContent, (await Evaluate()).StatusCode);
        var events = await c.EventCount();
        Assert.Equal(HttpStatusCode.NoContent, (await Evaluate()).StatusCode);
        Assert.Equal(events, await c.EventCount());
    }

    [Fact]
    public async Task A_json_catalog_is_as_strict_as_any_request()
    {
        var c = await Planned(api, plan: null);
        foreach (var catalog in new[]
                 {
                     """[{"number":"1","text":"a","category":"process"}]""",
                     """[{"number":1,"text":"a","category":"process","bogus":1}]""",
                     """[{"number":1,"text":"a","category":"process","Text":"b"}]""",
                     """[{"number":1,"text":"a\u0000","category":"process"}]""",
                     """[{"number":1,"text":"a","category":"process"},null]""",
                 })
            await AssertRefused(c, () => c.Facilitator(HttpMethod.Post, "catalog", catalog), HttpStatusCode.BadRequest,
                "unreadable-catalog");
    }
}
