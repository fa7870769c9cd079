using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>A voter's answers on many indicators in one request: all recorded or none, safe to send again.</summary>
[Collection(nameof(ApiCollection))]
public class BallotSheets(ApiFixture api)
{
    private Task<HttpResponseMessage> Send(ConferenceScenario c, string credential, params (Guid Id, int Indicator,
        string Answer)[] ballots)
    {
        var body = JsonSerializer.Serialize(new
        {
            ballots = ballots.Select(b => new { ballotId = b.Id, indicator = b.Indicator, answer = b.Answer }),
        });
        return c.AsVoter(HttpMethod.Post, "rounds/1/ballot-sheets", credential, body);
    }

    [Fact]
    public async Task A_sheet_is_recorded_whole_and_sent_again_gets_the_same_acknowledgements_even_after_the_close()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        (Guid, int, string)[] sheet =
            [(Guid.NewGuid(), 1, "Yes"), (Guid.NewGuid(), 2, "No"), (Guid.NewGuid(), 3, "Abstain")];
        var first = await (await Send(c, c.Credentials[0], sheet)).EnsureSuccessStatusCode()
            .Content.ReadAsStringAsync();
        Assert.Equal(3, JsonDocument.Parse(first).RootElement.GetProperty("ballots").GetArrayLength());

        var closed = await (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, closed.GetProperty("ballotsCounted").GetInt32());
        var events = await c.EventCount();
        var again = await Send(c, c.Credentials[0], sheet);
        Assert.Equal((HttpStatusCode.OK, first), (again.StatusCode, await again.Content.ReadAsStringAsync()));
        Assert.Equal(events, await c.EventCount());
    }

    [Fact]
    public async Task A_sheet_with_one_bad_ballot_records_none_of_them()
    {
        var c = await (await Planned(api)).WithRoundOpen();
        var events = await c.EventCount();
        await AssertProblem(await Send(c, c.Credentials[0], (Guid.NewGuid(), 1, "Yes"), (Guid.NewGuid(), 99, "No")),
            HttpStatusCode.BadRequest, "indicator-out-of-scope");
        await AssertProblem(await Send(c, c.Credentials[0]), HttpStatusCode.BadRequest, "invalid-ballot-sheet");
        Assert.Equal(events, await c.EventCount());
    }
}
