using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Samverkan.EventStore.Host.Tests.Faults;

/// <summary>One answer that was not an acknowledgement: an HTTP refusal, or no HTTP answer at all.</summary>
public sealed record Refusal(
    string What, TimeSpan At, HttpStatusCode? Status, string? MediaType, bool RetryAfter, string? Code, string? Error)
{
    public override string ToString() => Status is { } status
        ? $"{What} @{At.TotalSeconds:F2}s {(int)status} {MediaType} retry-after={RetryAfter} code={Code ?? "-"}"
        : $"{What} @{At.TotalSeconds:F2}s no answer: {Error}";
}

/// <summary>
/// A client that sends the same request again until it gets a definitive answer, as a voter's clicker would:
/// a 2xx, or a 4xx that is not about a request still in flight. Everything else is waited out and resent.
/// </summary>
public sealed class Resend(Stopwatch clock)
{
    /// <summary>Codes of a 409 that mean "try again", not "no".</summary>
    private static readonly HashSet<string> TransientConflicts = ["already-recorded", "concurrent-change"];

    public ConcurrentQueue<Refusal> Refusals { get; } = new();

    public int Requests => _requests;

    /// <summary>The refusals by kind, with how many of each: what a report needs, not every line.</summary>
    public string Summary() => string.Join("\n", Refusals
        .GroupBy(r => r.Status is { } s
            ? $"{(int)s} {r.MediaType} retry-after={r.RetryAfter} code={r.Code ?? "-"}"
            : $"no answer ({r.Error})")
        .Select(g => $"{g.Count(),4} x {g.Key} "
                     + $"({g.Min(r => r.At.TotalSeconds):F2}s..{g.Max(r => r.At.TotalSeconds):F2}s)"));

    private int _requests;

    public async Task<(HttpResponseMessage Response, string Body)> UntilDefinitiveAsync(
        HttpClient client, string what, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            TimeSpan? retryAfter = null;
            try
            {
                Interlocked.Increment(ref _requests);
                var response = await client.SendAsync(request(), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode) return (response, body);
                var code = Code(body);
                Refusals.Enqueue(new Refusal(what, clock.Elapsed, response.StatusCode,
                    response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter is not null,
                    code, null));
                var transient = (int)response.StatusCode >= 500
                                || response.StatusCode == HttpStatusCode.Conflict && code is not null
                                && TransientConflicts.Contains(code);
                if (!transient) return (response, body);
                retryAfter = RetryAfter(response);
            }
            // A killed service: refused or reset connections; a stuck one: the client's own timeout.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                Refusals.Enqueue(new Refusal(what, clock.Elapsed, null, null, false, null, e.GetType().Name));
            }
            await Task.Delay(retryAfter ?? Backoff(attempt), ct);
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(1000, 100 << Math.Min(attempt, 4)));

    /// <summary>Retry-After honoured, but capped so that a wrong header cannot stall a test.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is null) return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : wait;
    }

    public static string? Code(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var c)
                ? c.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
