using System.Diagnostics;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>
/// The notices the pages follow (server-sent events at /c/{id}/live): every open page hears of a commit within a
/// second, also with 200 of them over loopback; and a notice never carries a ballot, a pseudonym or a voter's timing.
/// </summary>
[Collection(nameof(RoomCollection))]
public sealed class LiveNotices(RoomFixture room, ITestOutputHelper output)
{
    [Fact]
    public async Task A_round_opened_reaches_200_open_pages_within_a_second_of_the_commit()
    {
        var scenario = await ConferenceScenario.Planned(room.Api, experts: 1);
        using var client = room.Client();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var pages = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            var page = await LivePage.Open(client, scenario.Id);
            await page.Until("changed", timeout.Token);
            return page;
        }));

        var clock = Stopwatch.StartNew();
        var heard = pages.Select(async page =>
        {
            var notice = await page.Until("opened", timeout.Token);
            Assert.Equal(1, notice.GetProperty("round").GetInt32());
            return clock.Elapsed;
        }).ToList();
        // The clock starts before the request, so each latency is an upper bound of commit-to-page.
        (await scenario.Facilitator(HttpMethod.Post, "rounds/1/open")).EnsureSuccessStatusCode();
        var latencies = (await Task.WhenAll(heard)).Order().ToList();

        output.WriteLine($"200 pages: median {latencies[100].TotalMilliseconds:F0} ms, "
            + $"slowest {latencies[^1].TotalMilliseconds:F0} ms after the open was sent");
        Assert.True(latencies[^1] < TimeSpan.FromSeconds(1), $"The slowest page heard after {latencies[^1]}.");
        foreach (var page in pages) await page.DisposeAsync();
    }

    [Fact]
    public async Task Turnout_is_told_at_most_once_a_second_and_names_no_ballot_and_no_voter()
    {
        var scenario = await (await ConferenceScenario.Planned(room.Api, experts: 3)).WithRoundOpen();
        using var client = room.Client();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var page = await LivePage.Open(client, scenario.Id);
        await page.Until("changed", timeout.Token);

        var ballots = new List<Guid>();
        var clock = Stopwatch.StartNew();
        foreach (var credential in scenario.Credentials)
            for (var indicator = 1; indicator <= 3; indicator++)
            {
                var ballotId = Guid.NewGuid();
                ballots.Add(ballotId);
                (await scenario.Vote(1, indicator, "Yes", credential, ballotId)).EnsureSuccessStatusCode();
            }
        var sent = clock.Elapsed;

        // Every notice until a second and a half after the last ballot: at most one turnout per tick.
        var notices = new List<string>();
        using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token))
        {
            quiet.CancelAfter(TimeSpan.FromSeconds(1.5));
            try
            {
                while (true) notices.Add(await page.Next(quiet.Token));
            }
            catch (OperationCanceledException)
            {
            }
        }
        var elapsed = clock.Elapsed;

        output.WriteLine($"9 ballots in {sent.TotalMilliseconds:F0} ms; notices: {string.Join(" ", notices)}");
        var turnout = notices.Select(n => JsonDocument.Parse(n).RootElement)
            .Where(n => n.GetProperty("kind").GetString() == "turnout").ToList();
        Assert.NotEmpty(turnout);
        Assert.True(turnout.Count <= Math.Ceiling(elapsed.TotalSeconds) + 1, $"{turnout.Count} turnout notices");
        foreach (var notice in notices)
        {
            var properties = JsonDocument.Parse(notice).RootElement.EnumerateObject().Select(p => p.Name).Order();
            Assert.Equal(["conference", "kind", "round"], properties);
            Assert.DoesNotContain(scenario.Credentials, notice.Contains);
            Assert.DoesNotContain(ballots, ballot => notice.Contains(ballot.ToString()));
        }
    }
}
