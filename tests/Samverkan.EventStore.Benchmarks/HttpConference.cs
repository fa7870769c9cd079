using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;
using Samverkan.EventStore.Host.Conferences;
using Samverkan.EventStore.Host.Http;
using Samverkan.EventStore.Host.Voting;

/// <summary>
/// A conference run through the HTTP API, as the console and the voters' phones do (docs/api.md): 137 process
/// indicators, 200 experts checked in (their voter credentials are the voters here), five rounds (as Sundbyholm
/// 2014) opened one after another. Every ballot the service acknowledged is counted.
/// </summary>
public sealed class HttpConference
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // The service takes enums by name only and no nulls it does not need.
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const int Rounds = 5;
    private static long _recorded;
    private static long _resent;

    private readonly HttpClient _http;
    private readonly Guid _id;
    private readonly string _facilitatorKey;
    private int _round;

    private HttpConference(HttpClient http, Guid id, string facilitatorKey, IReadOnlyList<string> voters)
    {
        _http = http;
        _id = id;
        _facilitatorKey = facilitatorKey;
        Voters = voters;
    }

    /// <summary>The voter credentials handed out at check-in.</summary>
    public IReadOnlyList<string> Voters { get; }

    /// <summary>Ballots the service acknowledged, in every conference of the run.</summary>
    public static long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Answers 503 (database unavailable) that were sent again, in the whole run.</summary>
    public static long Resent => Interlocked.Read(ref _resent);

    public bool HasNextRound => _round < Rounds;

    /// <summary>Plans a conference with five rounds of the whole catalog, each carrying every indicator over to the
    /// next, imports the catalog and checks in the experts.</summary>
    public static async Task<HttpConference> SetUpAsync(HttpClient http)
    {
        var created = await SendAsync<ConferenceCreated>(http, "/api/conferences", null, Body(
            new PlanConference("HTTP ingest", "Bench", new(2026, 11, 24), new(2026, 11, 24), "sv", ["process"])));
        var facilitator = (Access.FacilitatorHeader, created.FacilitatorKey);
        var at = $"/api/conferences/{created.ConferenceId}";
        await SendAsync<JsonElement>(http, $"{at}/catalog", facilitator,
            () => new StringContent(Load.Catalog, Encoding.UTF8, "text/csv"));
        await SendAsync<JsonElement>(http, $"{at}/round-plan", facilitator, Body(new RoundPlan(["core"],
            Enumerable.Range(1, Rounds).Select(n => new PlannedRound(n, RoundScope.InPlay("process"),
                new RoundRules(Remainder: n < Rounds ? RemainderPolicy.CarryOver : RemainderPolicy.Retain)))
                .ToList())), HttpMethod.Put);
        // One at a time, as the facilitator's desk does: each changes the conference, so at once they collide.
        var voters = new List<string>();
        for (var e = 0; e < Load.Voters; e++)
        {
            var expert = await SendAsync<ExpertRegistration>(http, $"{at}/experts", facilitator,
                Body(new RegisterExpertRequest($"Expert {e}", "Bench", "Expert")));
            voters.Add((await SendAsync<VoterCredentialHandedOut>(http,
                $"{at}/experts/{expert.ExpertId}/check-in", facilitator, null)).VoterCredential);
        }
        return new HttpConference(http, created.ConferenceId, created.FacilitatorKey, voters);
    }

    /// <summary>Closes the open round, if any, and opens the next.</summary>
    public async Task OpenNextRoundAsync()
    {
        var facilitator = (Access.FacilitatorHeader, _facilitatorKey);
        if (_round > 0)
            await SendAsync<JsonElement>(_http, $"/api/conferences/{_id}/rounds/{_round}/close", facilitator, null);
        _round++;
        await SendAsync<JsonElement>(_http, $"/api/conferences/{_id}/rounds/{_round}/open", facilitator, null);
    }

    /// <summary>A single ballot: yes on <paramref name="indicator"/>.</summary>
    public async Task Ballot(string voter, int indicator)
    {
        await SendAsync<JsonElement>(_http, $"/api/conferences/{_id}/rounds/{_round}/ballots",
            (Access.VoterHeader, voter), Body(new BallotRequest(Guid.NewGuid(), indicator, Answer.Yes)));
        Interlocked.Increment(ref _recorded);
    }

    /// <summary>A ballot sheet: no on every indicator, in one request.</summary>
    public async Task Sheet(string voter, int _)
    {
        await SendAsync<JsonElement>(_http, $"/api/conferences/{_id}/rounds/{_round}/ballot-sheets",
            (Access.VoterHeader, voter), Body(new BallotSheetRequest(Enumerable.Range(1, Load.Indicators)
                .Select(i => new BallotRequest(Guid.NewGuid(), i, Answer.No)).ToList())));
        Interlocked.Add(ref _recorded, Load.Indicators);
    }

    /// <summary>JSON with a length, as a phone sends it (not chunked).</summary>
    private static Func<HttpContent> Body<T>(T value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        return () => new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } };
    }

    /// <summary>
    /// Sends the request; a 503 is sent again after its Retry-After, as docs/api.md asks of a client (a ballot
    /// keeps its id, so it is counted once); any other refusal ends the run.
    /// </summary>
    private static async Task<T> SendAsync<T>(HttpClient http, string path, (string Name, string Value)? proof,
        Func<HttpContent>? content, HttpMethod? method = null)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = content?.Invoke() };
            if (proof is var (name, value)) request.Headers.Add(name, value);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable
                && response.Headers.RetryAfter?.Delta is { } retryAfter)
            {
                Interlocked.Increment(ref _resent);
                await Task.Delay(retryAfter);
                continue;
            }
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{request.Method} {path}: {(int)response.StatusCode} " +
                                                    await response.Content.ReadAsStringAsync());
            return response.Content.Headers.ContentLength == 0
                ? default!
                : (await response.Content.ReadFromJsonAsync<T>(Json))!;
        }
    }
}
