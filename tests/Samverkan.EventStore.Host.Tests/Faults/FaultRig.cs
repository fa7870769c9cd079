using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Samverkan.EventStore.LocalPostgres;
using Xunit;
using Xunit.Abstractions;

namespace Samverkan.EventStore.Host.Tests.Faults;

/// <summary>
/// A throwaway PostgreSQL cluster of its own and the service as a process on it (or several, as nodes sharing the
/// database), with a conference planned through the API and round 1 open. Disposing kills the service and deletes
/// the cluster, also after a failure.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    public const int Voters = 10;
    public static readonly int[] Indicators = [1, 2, 3];

    // One round, no top-N: a close can never stop at a tie the facilitator would have to settle.
    private const string OneRoundPlan = """
        {"protocolLevels":["core"],"rounds":[
          {"number":1,"scope":{"categories":["process","effect"]},
           "rules":{"eliminate":{"below":0.5},"remainder":"Eliminate"}}]}
        """;

    private readonly ITestOutputHelper _output;

    private FaultRig(ITestOutputHelper output) => _output = output;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>The service's processes, each on its own port; the conference is planned through the first.</summary>
    public IReadOnlyList<ServiceProcess> Nodes { get; private set; } = [];

    public ServiceProcess Service => Nodes[0];

    /// <summary>When the nodes were started, and when they all answered HTTP: wall clock, as the database's own.
    /// </summary>
    public (DateTimeOffset Started, DateTimeOffset Answering) NodesUp { get; private set; }

    /// <summary>The service's own throwaway cluster, which a fault test may stop under it.</summary>
    public LocalPostgresCluster Postgres { get; private set; } = null!;

    public Guid ConferenceId { get; private set; }

    public string FacilitatorKey { get; private set; } = "";

    public List<string> Credentials { get; } = [];

    public static async Task<FaultRig> StartAsync(ITestOutputHelper output, CancellationToken ct, int nodes = 1,
        string? rabbitMq = null, int voters = Voters)
    {
        var rig = new FaultRig(output);
        try
        {
            rig.Postgres = await LocalPostgresCluster.StartThrowawayAsync(ct);
            // The same secret across restarts and nodes, or the credentials handed out would not validate.
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            rig.Nodes = Enumerable.Range(0, nodes)
                .Select(_ => new ServiceProcess(rig.Postgres.ConnectionString(), secret, rabbitMq)).ToList();
            var started = DateTimeOffset.UtcNow;
            // At once, as a deployment's nodes come up: they elect their leader between them.
            await Task.WhenAll(rig.Nodes.Select(node => node.StartAsync(ct)));
            rig.NodesUp = (started, DateTimeOffset.UtcNow);
            foreach (var node in rig.Nodes) rig.Say($"service on {node.BaseAddress}, log {node.LogFile}");
            await rig.PlanAsync(voters, ct);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public HttpClient Client(int node = 0) => new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        BaseAddress = Nodes[node].BaseAddress, Timeout = TimeSpan.FromSeconds(20),
    };

    public void Say(string line) => _output.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:F2}s] {line}");

    private async Task PlanAsync(int voters, CancellationToken ct)
    {
        using var client = Client();
        var created = await (await client.PostAsJsonAsync("/api/conferences", new
        {
            title = "Konsensuskonferens", place = "Sundbyholm", startsOn = "2014-04-07", endsOn = "2014-04-08",
            language = "sv",
            categories = new[] { "process", "effect" },
        }, ct)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
        ConferenceId = created.GetProperty("conferenceId").GetGuid();
        FacilitatorKey = created.GetProperty("facilitatorKey").GetString()!;

        await Expect(client, HttpMethod.Post, "catalog", ConferenceScenario.Catalog, "text/csv", ct);
        for (var i = 0; i < voters; i++)
        {
            var registered = await Expect(client, HttpMethod.Post, "experts",
                JsonSerializer.Serialize(
                    new { name = $"Expert {i}", organisation = "Samordningsförbundet", role = "official" }),
                ct: ct);
            var expertId = registered.GetProperty("expertId").GetGuid();
            var checkedIn = await Expect(client, HttpMethod.Post, $"experts/{expertId}/check-in", ct: ct);
            Credentials.Add(checkedIn.GetProperty("voterCredential").GetString()!);
        }
        await Expect(client, HttpMethod.Put, "round-plan", OneRoundPlan, ct: ct);
        await Expect(client, HttpMethod.Post, "rounds/1/open", ct: ct);
        Say($"conference {ConferenceId} planned: {voters} voters checked in, round 1 open");
    }

    private async Task<JsonElement> Expect(
        HttpClient client, HttpMethod method, string path, string? body = null, string contentType = "application/json",
        CancellationToken ct = default)
    {
        using var response = await client.SendAsync(FacilitatorRequest(method, path, body, contentType), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public HttpRequestMessage FacilitatorRequest(
        HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, $"/api/conferences/{ConferenceId}/{path}");
        request.Headers.Add("X-Facilitator-Key", FacilitatorKey);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
        return request;
    }

    public HttpRequestMessage BallotRequest(Ballot ballot)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conferences/{ConferenceId}/rounds/1/ballots")
        {
            Content = new StringContent(
                JsonSerializer.Serialize(
                    new { ballotId = ballot.BallotId, indicator = ballot.Indicator, answer = ballot.Answer }),
                Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Voter-Credential", Credentials[ballot.Voter]);
        return request;
    }

    /// <summary>
    /// Every voter's script: each indicator answered, then changed twice, in a fixed order from a fixed seed, so a
    /// run is the same ballots every time. 10 voters x 3 indicators x 3 passes = 90 ballots.
    /// </summary>
    public static IReadOnlyList<Ballot> Script(int voter)
    {
        var random = new Random(2014 + voter);
        string[] answers = ["Yes", "No", "Abstain"];
        return Enumerable.Range(0, 3)
            .SelectMany(pass => Indicators.Select(indicator => (pass, indicator)))
            .Select((b, step) =>
                new Ballot(voter, step, Guid.NewGuid(), b.indicator, answers[random.Next(answers.Length)]))
            .ToList();
    }

    /// <summary>
    /// Runs every voter's script at once, each ballot resent until definitive, paced so that ingest lasts long
    /// enough for a fault to land in the middle. <paramref name="onAcknowledged"/> sees the running ack count.
    /// </summary>
    public async Task<Ingest> IngestAsync(
        Resend resend, TimeSpan pace, Action<int>? onAcknowledged, CancellationToken ct)
    {
        var ingest = new Ingest();
        using var go = new SemaphoreSlim(0);
        var voters = Enumerable.Range(0, Voters).Select(v => Task.Run(async () =>
        {
            using var client = Client();
            await go.WaitAsync(ct);
            foreach (var ballot in Script(v))
            {
                var (response, body) = await resend.UntilDefinitiveAsync(
                    client, $"ballot v{v}#{ballot.Step}", () => BallotRequest(ballot), ct);
                using (response)
                {
                    Interlocked.Increment(ref ingest.Sent);
                    if (response.IsSuccessStatusCode)
                    {
                        ingest.Acknowledged.Add(ballot);
                        onAcknowledged?.Invoke(ingest.Acknowledged.Count);
                    }
                    else ingest.Refused.Add((ballot, $"{(int)response.StatusCode} {body}"));
                }
                // Voters at different speeds, so that a fault finds some requests in flight, not all in step.
                await Task.Delay(pace * (0.5 + (double)v / Voters), ct);
            }
        }, ct)).ToList();
        go.Release(Voters);
        await Task.WhenAll(voters);
        return ingest;
    }

    /// <summary>The round as the service stored it: each indicator's tally.</summary>
    /// <summary>
    /// Voters send their scripts at <paramref name="pace"/>; once 2/5 of the ballots are acknowledged the fault
    /// strikes (and recovers) while they keep resending; then the round is closed, resent until it is answered.
    /// </summary>
    public async Task<FaultedIngest<T>> IngestThroughAsync<T>(
        Resend resend, TimeSpan pace, Func<int, Task<T>> fault, CancellationToken ct)
    {
        var strikeAt = Voters * 9 * 2 / 5;
        var strike = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var faulted = Task.Run(async () => await fault(await strike.Task), ct);
        var ingest = await IngestAsync(resend, pace,
            acknowledged => { if (acknowledged >= strikeAt) strike.TrySetResult(acknowledged); }, ct);
        var atFault = await faulted;
        Say($"ingest done: {ingest.Sent} ballots answered, {ingest.Acknowledged.Count} acknowledged, "
            + $"{ingest.Refused.Count} refused, {resend.Requests} requests");

        using var client = Client();
        var (closed, body) = await resend.UntilDefinitiveAsync(client, "close",
            () => FacilitatorRequest(HttpMethod.Post, "rounds/1/close"), ct);
        Say($"close: {(int)closed.StatusCode}");
        return new FaultedIngest<T>(ingest, atFault, closed, body);
    }

    public async Task<JsonElement> RoundAsync(CancellationToken ct)
    {
        using var client = Client();
        var (response, body) = await new Resend(Clock).UntilDefinitiveAsync(client, "get round",
            () => new HttpRequestMessage(HttpMethod.Get, $"/api/conferences/{ConferenceId}/rounds/1"), ct);
        using (response) Assert.True(response.IsSuccessStatusCode, $"GET round: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// Asserts that the closed round counts every acknowledged ballot once: per indicator, the yes/no/abstain of
    /// each voter's latest acknowledged answer, and nothing else.
    /// </summary>
    public static void AssertCountedOnce(Ingest ingest, JsonElement round, ITestOutputHelper output)
    {
        var latest = ingest.Acknowledged.GroupBy(b => (b.Voter, b.Indicator))
            .Select(g => g.MaxBy(b => b.Step)!).ToList();
        var counted = 0;
        var mismatches = new List<string>();
        foreach (var decision in round.GetProperty("decisions").EnumerateArray())
        {
            var indicator = decision.GetProperty("indicator").GetInt32();
            var tally = decision.GetProperty("tally");
            var actual = (tally.GetProperty("yes").GetInt32(), tally.GetProperty("no").GetInt32(),
                tally.GetProperty("abstain").GetInt32());
            var expected = (latest.Count(b => b.Indicator == indicator && b.Answer == "Yes"),
                latest.Count(b => b.Indicator == indicator && b.Answer == "No"),
                latest.Count(b => b.Indicator == indicator && b.Answer == "Abstain"));
            counted += actual.Item1 + actual.Item2 + actual.Item3;
            output.WriteLine(
                $"indicator {indicator}: counted (yes, no, abstain) {actual}, acknowledged latest {expected}");
            if (actual != expected) mismatches.Add($"indicator {indicator}: counted {actual}, acknowledged {expected}");
        }
        output.WriteLine($"ballots counted {counted}, acknowledged latest answers {latest.Count}");
        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches));
        Assert.Equal(latest.Count, counted);
    }

    /// <summary>
    /// Asserts from the log itself that each acknowledged ballot id was appended exactly once and nothing else was:
    /// the tally alone cannot see a duplicate, since a voter's latest answer counts however often it is stored.
    /// </summary>
    public async Task AssertRecordedOnceAsync(Ingest ingest, CancellationToken ct)
    {
        // Unpooled: a pooled connection from before a stop of PostgreSQL would be dead.
        var unpooled = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString()) { Pooling = false };
        await using var connection = new NpgsqlConnection(unpooled.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "select data ->> 'ballotId', count(*) from samverkan.mt_events "
            + "where data ->> 'conferenceId' = @conference and data ? 'ballotId' group by 1", connection);
        command.Parameters.AddWithValue("conference", ConferenceId.ToString());
        var recorded = new Dictionary<Guid, long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) recorded[Guid.Parse(reader.GetString(0))] = reader.GetInt64(1);
        var acknowledged = ingest.Acknowledged.Select(b => b.BallotId).ToHashSet();
        _output.WriteLine($"log: {recorded.Count} ballot ids, {recorded.Values.Sum()} ballot events");
        Assert.Empty(recorded.Where(r => r.Value != 1).Select(r => $"{r.Key} x {r.Value}"));
        Assert.Empty(acknowledged.Except(recorded.Keys));
        Assert.Empty(recorded.Keys.Except(acknowledged));
    }

    public async ValueTask DisposeAsync()
    {
        // In this order: nothing may hold the database when it is stopped and deleted.
        try
        {
            foreach (var node in Nodes) await node.DisposeAsync();
        }
        finally
        {
            if (Postgres is not null) await Postgres.DisposeAsync();
        }
    }
}

/// <summary>A ballot of a voter's script; <see cref="Step"/> is its place in that voter's order.</summary>
public sealed record Ballot(int Voter, int Step, Guid BallotId, int Indicator, string Answer);

/// <summary>An ingest a fault struck: what the fault reported, and the close's answer afterwards.</summary>
public sealed record FaultedIngest<T>(Ingest Ingest, T AtFault, HttpResponseMessage Closed, string CloseBody);

public sealed class Ingest
{
    public int Sent;
    public ConcurrentBag<Ballot> Acknowledged { get; } = [];
    public ConcurrentBag<(Ballot Ballot, string Answer)> Refused { get; } = [];
}
