using System.Net;
using Xunit;
using Xunit.Abstractions;

namespace Samverkan.EventStore.Host.Tests.Faults;

[Collection(nameof(FaultCollection))]
public sealed class PostgresStopDuringIngest(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task PostgreSQL_stopped_abruptly_mid_ingest_is_a_503_to_retry_and_the_service_recovers_by_itself()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(110));
        var ct = timeout.Token;
        await using var rig = await FaultRig.StartAsync(output, ct);
        var resend = new Resend(rig.Clock);

        var (ingest, (acknowledgedAtStop, from, until), closed, body) = await rig.IngestThroughAsync(resend,
            TimeSpan.FromMilliseconds(50), async acknowledged =>
            {
                var down = rig.Clock.Elapsed;
                await rig.Postgres.StopImmediatelyAsync(ct);
                rig.Say($"PostgreSQL stopped (-m immediate) with {acknowledged} ballots acknowledged");
                await Task.Delay(Outage, ct);
                await rig.Postgres.StartAgainAsync(ct);
                rig.Say("PostgreSQL started again on the same port and data directory");
                return (acknowledged, down, rig.Clock.Elapsed);
            }, ct);
        var during = resend.Refusals.Where(r => r.At >= from && r.At <= until).ToList();
        rig.Say($"{resend.Refusals.Count} refusals, {during.Count} while PostgreSQL was down "
                + $"({from.TotalSeconds:F2}s..{until.TotalSeconds:F2}s):");
        output.WriteLine(resend.Summary());

        // Recovered by itself: one start of the service, and it is still the same process.
        Assert.Equal(1, rig.Service.Starts);
        Assert.True(rig.Service.Running, "the service died");
        Assert.True(acknowledgedAtStop < FaultRig.Voters * 9, "PostgreSQL stopped after the last ballot");
        Assert.Empty(ingest.Refused);
        Assert.Equal(FaultRig.Voters * 9, ingest.Acknowledged.Count);
        Assert.True(closed.IsSuccessStatusCode, $"close: {(int)closed.StatusCode} {body}");
        FaultRig.AssertCountedOnce(ingest, await rig.RoundAsync(ct), output);
        await rig.AssertRecordedOnceAsync(ingest, ct);

        // Every refusal, during the outage and while the service found its feet after it, says "come back later".
        var unlike503 = resend.Refusals
            .Where(r => r.Status != HttpStatusCode.ServiceUnavailable || r.MediaType != "application/problem+json"
                        || !r.RetryAfter || r.Code != "database-unavailable")
            .ToList();
        Assert.True(unlike503.Count == 0,
            $"{unlike503.Count} of {resend.Refusals.Count} refusals were not a 503 problem with Retry-After and "
            + $"code database-unavailable:\n{resend.Summary()}");
    }
}
