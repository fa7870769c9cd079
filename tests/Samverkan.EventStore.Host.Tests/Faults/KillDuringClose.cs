using System.Net;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Samverkan.EventStore.Host.Tests.Faults;

[Collection(nameof(FaultCollection))]
public sealed class KillDuringClose(ITestOutputHelper output)
{
    /// <summary>
    /// The facilitator's close is cut short by a kill -9, so the facilitator cannot know whether it happened, and
    /// sends it again after the restart. Killed 5 ms after sending, the close has not committed (it is the first
    /// close the process runs, so its handler is still being compiled); killed as soon as the round reads closed,
    /// it has. Either way the close sent again must succeed, with the answer the first one had.
    /// </summary>
    [Theory]
    [InlineData(KillWhen.FiveMsAfterSending)]
    [InlineData(KillWhen.OnceCommitted)]
    public async Task A_close_cut_by_a_kill_9_and_sent_again_succeeds_and_counts_each_ballot_once(KillWhen when)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(110));
        var ct = timeout.Token;
        await using var rig = await FaultRig.StartAsync(output, ct);
        var resend = new Resend(rig.Clock);
        var ingest = await rig.IngestAsync(resend, TimeSpan.FromMilliseconds(10), null, ct);
        Assert.Equal(FaultRig.Voters * 9, ingest.Acknowledged.Count);

        using var firstClient = rig.Client();
        var first = SendOnceAsync(firstClient, rig.FacilitatorRequest(HttpMethod.Post, "rounds/1/close"), ct);
        if (when == KillWhen.FiveMsAfterSending) await Task.Delay(5, ct);
        else await UntilClosedAsync(rig, first, ct);
        await rig.Service.KillAsync();
        var (firstStatus, firstBody) = await first;
        rig.Say($"SIGKILL {when} ({rig.Clock.Elapsed.TotalSeconds:F2}s); the first close's answer: "
                + (firstStatus is { } s ? $"{(int)s}" : $"none ({firstBody})"));

        await rig.Service.StartAsync(ct);
        var afterRestart = await rig.RoundAsync(ct);
        rig.Say($"after the restart round 1 is {afterRestart.GetProperty("status")} (the first close "
                + $"{(afterRestart.GetProperty("status").GetString() == "Closed" ? "committed" : "did not commit")})");

        // The case is what it says: killed once committed means the round survived the kill closed.
        if (when == KillWhen.OnceCommitted)
            Assert.True(afterRestart.GetProperty("status").GetString() == "Closed",
                $"the first close did not commit: {firstStatus} {firstBody}");

        using var client = rig.Client();
        var (again, againBody) = await resend.UntilDefinitiveAsync(client, "close again",
            () => rig.FacilitatorRequest(HttpMethod.Post, "rounds/1/close"), ct);
        rig.Say($"close sent again: {(int)again.StatusCode} {Resend.Code(againBody) ?? ""}");
        output.WriteLine(resend.Summary());

        // What was stored first: it says whether a ballot was lost, whatever the answer to the second close.
        var round = await rig.RoundAsync(ct);
        Assert.Equal("Closed", round.GetProperty("status").GetString());
        FaultRig.AssertCountedOnce(ingest, round, output);
        await rig.AssertRecordedOnceAsync(ingest, ct);

        Assert.True(again.IsSuccessStatusCode,
            $"the close sent again after the kill was answered {(int)again.StatusCode} {againBody}");
        var closed = JsonDocument.Parse(againBody).RootElement;
        Assert.Equal(FaultRig.Voters * FaultRig.Indicators.Length, closed.GetProperty("ballotsCounted").GetInt32());
        if (firstStatus is { } status && (int)status is >= 200 and < 300)
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(firstBody).RootElement, closed),
                $"the close sent again answered otherwise than the first:\n{firstBody}\n{againBody}");
    }

    public enum KillWhen
    {
        FiveMsAfterSending,
        OnceCommitted,
    }

    /// <summary>
    /// Polls the round until the close has committed, so the kill lands just after the commit; or until the close
    /// has been answered, so that a close that fails cannot keep this polling until the test times out.
    /// </summary>
    private static async Task UntilClosedAsync(FaultRig rig, Task first, CancellationToken ct)
    {
        using var client = rig.Client();
        while (!first.IsCompleted)
        {
            var round = await client.GetStringAsync($"/api/conferences/{rig.ConferenceId}/rounds/1", ct);
            if (JsonDocument.Parse(round).RootElement.GetProperty("status").GetString() == "Closed") return;
            await Task.Delay(2, ct);
        }
    }

    /// <summary>One attempt, no resend: the answer, or none when the kill cut the connection.</summary>
    private static async Task<(HttpStatusCode? Status, string Body)> SendOnceAsync(
        HttpClient client, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            using var response = await client.SendAsync(request, ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, e.GetType().Name);
        }
    }
}
