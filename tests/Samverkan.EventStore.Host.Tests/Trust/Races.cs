using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests.Trust;

[Collection(nameof(ApiCollection))]
public class Races(ApiFixture api)
{
    private const int Voters = 50;
    private const int Indicators = 10;

    private static readonly string TenIndicators = "number,text,category,perspective\n"
        + string.Concat(Enumerable.Range(1, Indicators).Select(i => $"{i},Indikator {i},process,\n"));

    private const string OneRound = """
        {"protocolLevels":["core"],"rounds":[{"number":1,"scope":{"categories":["process"]},
         "rules":{"eliminate":{"below":0.5},"remainder":"Retain"}}]}
        """;

    private static string AnswerOf(int voter, int indicator) => ((voter * 7 + indicator) % 3) switch
    {
        0 => "Yes",
        1 => "No",
        _ => "Abstain",
    };

    /// <summary>Every voter sends their first ballot on all ten indicators at the same moment.</summary>
    [Fact]
    public async Task Fifty_voters_each_sending_ten_first_ballots_at_once_are_all_acknowledged_and_all_counted()
    {
        var c = await (await Planned(api, experts: Voters, plan: OneRound, catalog: TenIndicators)).WithRoundOpen();
        using var go = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, Voters)
            .SelectMany(v => Enumerable.Range(1, Indicators).Select(i => Task.Run(async () =>
        {
            await go.WaitAsync();
            return await c.Vote(1, i, AnswerOf(v, i), c.Credentials[v]);
        }))).ToList();
        go.Release(sends.Count);
        var answers = await Task.WhenAll(sends);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var closed = await (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Voters * Indicators, closed.GetProperty("ballotsCounted").GetInt32());
        foreach (var decision in closed.GetProperty("decisions").EnumerateArray())
        {
            var indicator = decision.GetProperty("indicator").GetInt32();
            var tally = decision.GetProperty("tally");
            foreach (var answer in new[] { "Yes", "No", "Abstain" })
                Assert.Equal(Enumerable.Range(0, Voters).Count(v => AnswerOf(v, indicator) == answer),
                    tally.GetProperty(answer.ToLowerInvariant()).GetInt32());
        }
    }

    /// <summary>
    /// Voters answer, change their minds and resend at once; the standings, kept as the ballots arrived, are then
    /// exactly what the close decides from the log.
    /// </summary>
    [Fact]
    public async Task The_live_standings_are_what_the_close_decides_after_ballots_changes_and_resends_at_once()
    {
        var c = await (await Planned(api, experts: Voters, plan: OneRound, catalog: TenIndicators)).WithRoundOpen();
        var sends = Enumerable.Range(0, Voters).Select(v => Task.Run(async () =>
        {
            var resent = Guid.NewGuid();
            var answers = Enumerable.Range(1, Indicators)
                .Select(i => c.Vote(1, i, AnswerOf(v, i), c.Credentials[v], i == 1 ? resent : null));
            Assert.All(await Task.WhenAll(answers), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            // A change of mind on some indicators, and the first ballot sent again (its answer was "lost").
            var changes = Enumerable.Range(1, Indicators).Where(i => (v + i) % 4 == 0)
                .Select(i => c.Vote(1, i, AnswerOf(v + 1, i), c.Credentials[v]))
                .Append(c.Vote(1, 1, AnswerOf(v, 1), c.Credentials[v], resent));
            Assert.All(await Task.WhenAll(changes), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        }));
        await Task.WhenAll(sends);

        var standings = await (await c.Facilitator(HttpMethod.Get, "rounds/1/standings")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var closed = await (await c.Facilitator(HttpMethod.Post, "rounds/1/close")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(closed.GetProperty("decisions").GetRawText(), standings.GetProperty("decisions").GetRawText());
        Assert.Equal(Voters * Indicators, closed.GetProperty("ballotsCounted").GetInt32());
        var yes = closed.GetProperty("decisions").EnumerateArray().Sum(d => d.GetProperty("tally").GetProperty("yes")
            .GetInt32());
        Assert.Equal(Enumerable.Range(0, Voters).Sum(v => Enumerable.Range(1, Indicators)
            .Count(i => ((v + i) % 4 == 0 ? AnswerOf(v + 1, i) : AnswerOf(v, i)) == "Yes")), yes);
    }
}
