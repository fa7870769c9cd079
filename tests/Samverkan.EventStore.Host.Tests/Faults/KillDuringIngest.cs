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

        // Killed once 2/5 of the ballots are acknowledged: clients are mid-script and keep resending.
        var killAt = FaultRig.Voters * 9 * 2 / 5;
        var kill = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarted = Task.Run(async () =>
        {
            var acknowledgedAtKill = await kill.Task;
            await rig.Service.KillAsync();
            rig.Say($"SIGKILL with {acknowledgedAtKill} ballots acknowledged");
            await rig.Service.StartAsync(ct);
            rig.Say("service answering again");
            return acknowledgedAtKill;
        }, ct);

        // Hardly paced: ten voters keep ballots in flight, so the kill finds some mid-transaction.
        var ingest = await rig.IngestAsync(resend, TimeSpan.FromMilliseconds(2),
            acknowledged => { if (acknowledged >= killAt) kill.TrySetResult(acknowledged); }, ct);
        var acknowledgedAtKill = await restarted;
        rig.Say($"ingest done: {ingest.Sent} ballots answered, {ingest.Acknowledged.Count} acknowledged, "
                + $"{ingest.Refused.Count} refused, "
                + $"{resend.Requests} requests");

        using var client = rig.Client();
        var (closed, body) = await resend.UntilDefinitiveAsync(client, "close",
            () => rig.FacilitatorRequest(HttpMethod.Post, "rounds/1/close"), ct);
        rig.Say($"close: {(int)closed.StatusCode}");
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
