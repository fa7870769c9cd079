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
}
