using Xunit;
using Xunit.Abstractions;

namespace Samverkan.EventStore.Host.Tests.Faults;

[Collection(nameof(FaultCollection))]
public sealed class KillDuringIngest(ITestOutputHelper output)
{
    [Fact]
    public async Task A_kill_9_while_voters_resend_loses_no_acknowledged_ballot_and_counts_none_twice()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(110));
        var ct = timeout.Token;
        await using var rig = await FaultRig.StartAsync(output, ct);
        var resend = new Resend(rig.Clock);

        // Hardly paced: ten voters keep ballots in flight, so the kill finds some mid-transaction.
        var (ingest, acknowledgedAtKill, closed, body) = await rig.IngestThroughAsync(resend,
            TimeSpan.FromMilliseconds(2), async acknowledged =>
            {
                await rig.Service.KillAsync();
                rig.Say($"SIGKILL with {acknowledged} ballots acknowledged");
                await rig.Service.StartAsync(ct);
                rig.Say("service answering again");
                return acknowledged;
            }, ct);
        output.WriteLine(resend.Summary());
        Assert.True(closed.IsSuccessStatusCode, $"close: {(int)closed.StatusCode} {body}");

        Assert.Equal(1, rig.Service.Kills);
        Assert.True(acknowledgedAtKill < FaultRig.Voters * 9, "the kill came after the last ballot");
        Assert.Empty(ingest.Refused);
        Assert.Equal(FaultRig.Voters * 9, ingest.Acknowledged.Count);
        FaultRig.AssertCountedOnce(ingest, await rig.RoundAsync(ct), output);
        await rig.AssertRecordedOnceAsync(ingest, ct);
    }
}
