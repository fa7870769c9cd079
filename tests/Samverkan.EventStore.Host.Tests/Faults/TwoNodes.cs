using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Samverkan.EventStore.Host.Tests.Room;
using Xunit;
using Xunit.Abstractions;

namespace Samverkan.EventStore.Host.Tests.Faults;

/// <summary>
/// Two service processes on one database and one RabbitMQ, as two nodes behind a load balancer. Ballots and closes
/// rest on PostgreSQL's locks whichever node takes them; the integration-event relay runs on the one node that
/// Wolverine's leader gives it to (Balanced durability).
/// </summary>
[Collection(nameof(FaultCollection))]
public sealed class TwoNodes(ITestOutputHelper output)
{
    private const string RoundClosed = "samverkan.round-closed.v1";
    private const int Voters = 30;

    /// <summary>How long a second copy of a published event is waited for before the test says there is none.
    /// </summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ballots_to_both_nodes_and_a_close_on_one_count_each_acknowledged_ballot_once_and_publish_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var ct = timeout.Token;
        await using var subscriber = await RabbitSubscriber.BindAsync(RoundClosed);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await FaultRig.StartAsync(output, ct, nodes: 2, await LocalRabbitMq.UriAsync(), Voters);
        using (var second = rig.Client(1))
            (await second.SendAsync(rig.FacilitatorRequest(HttpMethod.Post, "webhooks", JsonSerializer.Serialize(
                new { url = receiver.Url, eventTypes = new[] { RoundClosed }, secret = "the-subscriber's" })), ct))
            .EnsureSuccessStatusCode();

        var resend = new Resend(rig.Clock);
        var ingest = new Ingest();
        var closeAt = Voters * 9 * 2 / 5;
        var strike = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closing = Task.Run(async () =>
        {
            await strike.Task.WaitAsync(ct);
            rig.Say($"closing on node 0 with {ingest.Acknowledged.Count} acknowledgements");
            using var first = rig.Client(0);
            return await resend.UntilDefinitiveAsync(first, "close",
                () => rig.FacilitatorRequest(HttpMethod.Post, "rounds/1/close"), ct);
        }, ct);
        await Task.WhenAll(Enumerable.Range(0, Voters).Select(voter => Task.Run(() => VoteAsync(rig, resend, ingest,
            voter, () => { if (ingest.Acknowledged.Count >= closeAt) strike.TrySetResult(); }, ct), ct)));
        var (closed, closeBody) = await closing;
        var acknowledged = ingest.Acknowledged.Select(b => b.BallotId).Distinct().Count();
        rig.Say($"ingest done: {ingest.Sent} answers, {acknowledged} ballots acknowledged, "
                + $"{ingest.Refused.Count} refused, {resend.Requests} requests; close {(int)closed.StatusCode}");
        output.WriteLine(resend.Summary());

        Assert.True(closed.IsSuccessStatusCode, $"close: {(int)closed.StatusCode} {closeBody}");
        // The close came while voters were still sending: what came after it is refused as too late, nothing else.
        Assert.NotEmpty(ingest.Refused);
        Assert.All(ingest.Refused, r => Assert.Contains("round-closed", r.Answer));
        var round = await rig.RoundAsync(ct);
        FaultRig.AssertCountedOnce(ingest, round, output);
        await rig.AssertRecordedOnceAsync(ingest, ct);
        var latestAnswers = ingest.Acknowledged.Select(b => (b.Voter, b.Indicator)).Distinct().Count();
        var ballotsCounted = JsonDocument.Parse(closeBody).RootElement.GetProperty("ballotsCounted").GetInt32();
        Assert.Equal(latestAnswers, ballotsCounted);

        var message = await subscriber.WaitForAsync(rig.ConferenceId, RoundClosed, TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => receiver.Received.Count > 0, TimeSpan.FromSeconds(30));
        rig.Say("round closed arrived on RabbitMQ and at the webhook");
        await Task.Delay(Grace, ct);
        Assert.Single(subscriber.Received, m => m.Body.GetProperty("conferenceId").GetGuid() == rig.ConferenceId);
        Assert.Equal(ballotsCounted, message.Body.GetProperty("ballotsCounted").GetInt32());
        var delivery = Assert.Single(receiver.Received);
        Assert.True(delivery.Accepted);
        Assert.Equal(message.Body.GetProperty("id").GetString(), delivery.EventId);
    }

    /// <summary>
    /// The relay starts within seconds of the nodes answering (Wolverine's defaults took about 19 s from the start:
    /// a first health check after 3 + 10 s, then an assignment), and a round closed just after the start is on
    /// RabbitMQ within seconds of its close.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_relay_starts_within_seconds_and_a_round_closed_just_after_the_start_is_published(int nodes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        await using var subscriber = await RabbitSubscriber.BindAsync(RoundClosed);
        await using var rig = await FaultRig.StartAsync(output, ct, nodes, await LocalRabbitMq.UriAsync(), voters: 1);
        using var client = rig.Client(nodes - 1);
        foreach (var indicator in FaultRig.Indicators)
            (await client.SendAsync(rig.BallotRequest(new Ballot(0, indicator, Guid.NewGuid(), indicator, "Yes")), ct))
                .EnsureSuccessStatusCode();

        var closing = DateTimeOffset.UtcNow;
        (await client.SendAsync(rig.FacilitatorRequest(HttpMethod.Post, "rounds/1/close"), ct))
            .EnsureSuccessStatusCode();
        await subscriber.WaitForAsync(rig.ConferenceId, RoundClosed, TimeSpan.FromSeconds(60));
        var arrived = DateTimeOffset.UtcNow;
        var (_, relay) = await RelayAssignmentAsync(rig, ct);

        var (started, answering) = rig.NodesUp;
        rig.Say($"{nodes} node(s) answering {Seconds(answering - started)} after the start; relay started "
                + $"{Seconds(relay - started)} after the start; closed at {Seconds(closing - started)}, "
                + $"published {Seconds(arrived - closing)} later");
        Assert.True(relay - answering < TimeSpan.FromSeconds(8),
            $"the relay started {Seconds(relay - answering)} after the nodes answered");
        Assert.True(arrived - closing < TimeSpan.FromSeconds(8),
            $"round closed arrived {Seconds(arrived - closing)} after the close");
    }

    /// <summary>
    /// The node that runs the relay is killed (kill -9) and the round closed on the other: once the dead node's
    /// heartbeat is stale (15 s), the leader gives the relay to the survivor, which publishes the close, once.
    /// </summary>
    [Fact]
    public async Task A_kill_9_of_the_relays_node_moves_the_relay_and_a_close_on_the_other_node_is_published_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var ct = timeout.Token;
        await using var subscriber = await RabbitSubscriber.BindAsync(RoundClosed);
        await using var rig = await FaultRig.StartAsync(output, ct, nodes: 2, await LocalRabbitMq.UriAsync());
        var ingest = await rig.IngestAsync(new Resend(rig.Clock), TimeSpan.FromMilliseconds(2), null, ct);
        Assert.Equal(FaultRig.Voters * 9, ingest.Acknowledged.Count);

        // Each node prints its Wolverine node id at its start; the assignment names the one that runs the relay.
        var (relayNodeId, _) = await RelayAssignmentAsync(rig, ct);
        var relayNode = rig.Nodes.Single(n => n.Printed(relayNodeId.ToString()));
        var survivor = rig.Nodes.Single(n => n != relayNode);
        var killed = DateTimeOffset.UtcNow;
        await relayNode.KillAsync();
        rig.Say($"killed the relay's node {relayNode.BaseAddress}");
        using (var client = new HttpClient { BaseAddress = survivor.BaseAddress })
            (await client.SendAsync(rig.FacilitatorRequest(HttpMethod.Post, "rounds/1/close"), ct))
                .EnsureSuccessStatusCode();
        await subscriber.WaitForAsync(rig.ConferenceId, RoundClosed, TimeSpan.FromSeconds(60));
        var arrived = DateTimeOffset.UtcNow;
        rig.Say($"closed on {survivor.BaseAddress}; published {Seconds(arrived - killed)} after the kill");

        await Task.Delay(Grace, ct);
        Assert.Single(subscriber.Received, m => m.Body.GetProperty("conferenceId").GetGuid() == rig.ConferenceId);
        Assert.NotEqual(relayNodeId, (await RelayAssignmentAsync(rig, ct)).Node);
        Assert.True(arrived - killed < TimeSpan.FromSeconds(40),
            $"round closed arrived {Seconds(arrived - killed)} after the kill");
    }

    /// <summary>
    /// The room across nodes: a big screen on node 0 hears of a ballot and a close taken by node 1 (notices go
    /// through PostgreSQL's LISTEN/NOTIFY, and still after the listening connections were cut), and the console's
    /// session opened on node 0 makes a change on node 1 (the Data Protection keys that protect its anti-forgery
    /// token are shared in the database, sealed).
    /// </summary>
    [Fact]
    public async Task A_screen_on_one_node_hears_the_other_and_a_console_session_from_one_changes_on_the_other()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        await using var rig = await FaultRig.StartAsync(output, ct, nodes: 2);
        var cookies = new CookieContainer();
        // One browser's cookies for both nodes, as behind a load balancer: a cookie is the host's, whatever the port.
        using var first = Browser(rig, 0, cookies);
        using var second = Browser(rig, 1, cookies);
        await using var screen = await LivePage.Open(first, rig.ConferenceId, ct);
        await using var sameNode = await LivePage.Open(second, rig.ConferenceId, ct);
        await screen.Until("changed", ct);
        await sameNode.Until("changed", ct);

        (await second.SendAsync(rig.BallotRequest(new Ballot(0, 0, Guid.NewGuid(), 1, "Yes")), ct))
            .EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        Assert.Equal(1, (await screen.Until("turnout", ct)).GetProperty("round").GetInt32());
        rig.Say($"a ballot on node 1: turnout heard on node 0 {clock.ElapsedMilliseconds} ms after its answer");

        // The other voters' ballots to both nodes in turn, for seconds: both nodes send turnout each second, and
        // still a page hears it once a second (a tick of its node), not twice.
        var turnout = new List<TimeSpan>();
        using (var listening = CancellationTokenSource.CreateLinkedTokenSource(ct))
        await using (var watcher = await LivePage.Open(first, rig.ConferenceId, ct))
        {
            await watcher.Until("changed", ct);
            clock.Restart();
            var watching = Task.Run(async () =>
            {
                try
                {
                    while (true)
                        if (JsonDocument.Parse(await watcher.Next(listening.Token)).RootElement
                                .GetProperty("kind").GetString() == "turnout")
                            turnout.Add(clock.Elapsed);
                }
                catch (OperationCanceledException) when (listening.IsCancellationRequested)
                {
                }
            }, ct);
            foreach (var voter in Enumerable.Range(1, FaultRig.Voters - 1))
            foreach (var indicator in FaultRig.Indicators)
            {
                var node = (voter + indicator) % 2 == 0 ? first : second;
                (await node.SendAsync(
                        rig.BallotRequest(new Ballot(voter, indicator, Guid.NewGuid(), indicator, "Yes")), ct))
                    .EnsureSuccessStatusCode();
                await Task.Delay(100, ct);
            }
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
            listening.Cancel();
            await watching;
        }
        var watched = clock.Elapsed;
        rig.Say($"ballots to both nodes for {watched.TotalSeconds:F1} s: turnout heard on node 0 at "
                + string.Join(", ", turnout.Select(t => $"{t.TotalSeconds:F2}")) + " s");
        Assert.InRange(turnout.Count, 1, (int)Math.Ceiling(watched.TotalSeconds) + 1);
        Assert.All(turnout.Zip(turnout.Skip(1)), pair => Assert.True(
            pair.Second - pair.First > TimeSpan.FromSeconds(0.5),
            $"turnout heard twice within {(pair.Second - pair.First).TotalMilliseconds:F0} ms"));

        // PostgreSQL cuts both nodes' listening connections, as a failover would: each listens again within a second
        // and tells its pages to read again (they may have missed something meanwhile).
        await using var connection = new NpgsqlConnection(rig.Postgres.ConnectionString());
        await connection.OpenAsync(ct);
        await using (var cut = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                         + "where application_name = 'samverkan room notices' and query like 'listen %'", connection))
            Assert.Equal(2L, await cut.ExecuteScalarAsync(ct));
        clock.Restart();
        await Task.WhenAll(screen.Until("changed", ct), sameNode.Until("changed", ct));
        rig.Say($"listening connections cut: the nodes' pages told to read again {clock.ElapsedMilliseconds} ms later");

        var session = await (await first.PostAsJsonAsync($"/c/{rig.ConferenceId}/session",
                new { key = rig.FacilitatorKey }, ct))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
        var token = session.GetProperty("antiforgeryToken").GetString();
        var heard = new[] { screen, sameNode }.Select(async page =>
        {
            Assert.Equal(1, (await page.Until("closed", ct)).GetProperty("round").GetInt32());
            return clock.Elapsed;
        }).ToList();
        clock.Restart();
        // The clock starts before the request: each latency is an upper bound of commit-to-page.
        var closed = await second.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"/api/conferences/{rig.ConferenceId}/rounds/1/close")
                { Headers = { { "X-Anti-Forgery", token } } }, ct);
        Assert.True(closed.IsSuccessStatusCode, $"close on node 1 with node 0's session: {(int)closed.StatusCode} "
            + await closed.Content.ReadAsStringAsync(ct));
        var (otherNode, ownNode) = (await heard[0], await heard[1]);
        rig.Say($"closed on node 1 with node 0's console session: heard on node 1 after {ownNode.TotalMilliseconds:F0}"
                + $" ms, on node 0 after {otherNode.TotalMilliseconds:F0} ms");

        // One key for both nodes, though they started at once, and its secret not in the clear.
        await using var keys =
            new NpgsqlCommand("select array_agg(xml) from samverkan.data_protection_keys", connection);
        var key = Assert.Single((string[])(await keys.ExecuteScalarAsync(ct))!);
        Assert.Contains("KeyOpener", key);
        Assert.DoesNotContain("<value>", key);
    }

    private static HttpClient Browser(FaultRig rig, int node, CookieContainer cookies) =>
        new(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true })
            { BaseAddress = rig.Nodes[node].BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:F1} s";

    /// <summary>
    /// Which Wolverine node runs the relay and since when, by Wolverine's own record (its node assignments); waited
    /// for, since the leader gives the relay out a few heartbeats after the start, and ingest may be over sooner.
    /// </summary>
    private static async Task<(Guid Node, DateTimeOffset Started)> RelayAssignmentAsync(FaultRig rig,
        CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(rig.Postgres.ConnectionString());
        await connection.OpenAsync(ct);
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(200))
        {
            await using var command = new NpgsqlCommand(
                "select node_id, started from samverkan.wolverine_node_assignments "
                + "where id like 'event-subscriptions:%'", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) return (reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
            await reader.CloseAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
        throw new Xunit.Sdk.XunitException("the relay runs on no node 30 s after the start");
    }

    /// <summary>
    /// One voter's script, each ballot to one node or the other in turn; every third also to the other node at the
    /// same moment, as a clicker that resends after a timeout and is sent elsewhere by the load balancer.
    /// </summary>
    private static async Task VoteAsync(
        FaultRig rig, Resend resend, Ingest ingest, int voter, Action onAcknowledged, CancellationToken ct)
    {
        using var first = rig.Client(0);
        using var second = rig.Client(1);
        HttpClient[] nodes = [first, second];
        // Voters at different speeds, so that ingest lasts long enough for the close to land in the middle of it.
        var pace = TimeSpan.FromMilliseconds(500 + 1000.0 * voter / Voters);
        foreach (var ballot in FaultRig.Script(voter))
        {
            var node = (voter + ballot.Step) % 2;
            int[] to = ballot.Step % 3 == 2 ? [node, 1 - node] : [node];
            await Task.WhenAll(to.Select(async n =>
            {
                var (response, body) = await resend.UntilDefinitiveAsync(nodes[n],
                    $"ballot v{voter}#{ballot.Step} to node {n}", () => rig.BallotRequest(ballot), ct);
                using (response)
                {
                    Interlocked.Increment(ref ingest.Sent);
                    if (response.IsSuccessStatusCode)
                    {
                        ingest.Acknowledged.Add(ballot);
                        onAcknowledged();
                    }
                    else ingest.Refused.Add((ballot, $"{(int)response.StatusCode} {body}"));
                }
            }));
            await Task.Delay(pace, ct);
        }
    }
}
