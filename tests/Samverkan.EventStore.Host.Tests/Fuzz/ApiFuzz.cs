using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Samverkan.EventStore.Host.Tests.Fuzz;

/// <summary>
/// Mutated requests to every operation of the OpenAPI document (and to routes and methods it does not have),
/// from a fixed seed. Whatever is sent: no 5xx; every refusal is an RFC 9457 problem with a code; and a refused
/// request appends nothing. All violations are collected and reported together, grouped.
/// </summary>
[Collection(nameof(FuzzCollection))]
public sealed class ApiFuzz(ApiFixture api, ITestOutputHelper output)
{
    private const int Seed = 2026;
    private const int MinimumRequests = 2_000;
    private const int MaximumRequests = 5_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(20);

    private sealed record Violation(
        string Endpoint, string Method, string Path, int Status, string Kind, string Mutations, string Body,
        string Response);

    [Fact]
    public async Task Every_endpoint_refuses_mutated_requests_with_a_coded_problem_and_appends_nothing()
    {
        var client = api.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.Timeout = Timeout.InfiniteTimeSpan;
        var openApi = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var operations = Operations(openApi);
        Assert.NotEmpty(operations);
        var seeds = await FuzzSeeds.Prepare(api);
        var rng = new Random(Seed);
        var mutator = new Mutator(rng, seeds, openApi, operations);

        // The fixture's own database, which its host reads.
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var connection = await db.OpenConnectionAsync();
        var lastSequence = await LastSequence(connection);

        var violations = new List<Violation>();
        // Not failures: odd input the service took (NUL, lone surrogates, megabytes, …), listed for the hardening.
        var accepted = new List<Violation>();
        var statuses = new SortedDictionary<int, int>();
        var perOperation = operations.ToDictionary(o => o.Label, _ => 0);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (sent < MaximumRequests && clock.Elapsed < Budget)
        {
            var operation = operations[rng.Next(operations.Count)];
            var request = mutator.Next(operation);
            var body = request.Body();
            sent++;
            if (perOperation.ContainsKey(request.Label)) perOperation[request.Label]++;

            int status;
            string? mediaType;
            byte[] answer;
            using (var timeout = new CancellationTokenSource(PerRequest))
            {
                try
                {
                    using var response = await client.SendAsync(request.ToMessage(body), timeout.Token);
                    status = (int)response.StatusCode;
                    mediaType = response.Content.Headers.ContentType?.MediaType;
                    answer = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                }
                catch (Exception e)
                {
                    // The in-memory server rethrows what the pipeline did not handle; a hang is cancelled.
                    status = 0;
                    mediaType = null;
                    answer = Encoding.UTF8.GetBytes(timeout.IsCancellationRequested
                        ? $"no answer within {PerRequest.TotalSeconds} s"
                        : $"{e.GetType().Name}: {e.Message} at {e.StackTrace?.Split('\n')[0].Trim()}");
                }
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;

            Violation Observed(string kind) => new(request.Label, request.Method,
                Excerpt(request.PathAndQuery(), 160), status, kind, string.Join("; ", request.Mutations),
                Excerpt(body), Excerpt(answer));
            void Add(string kind) => violations.Add(Observed(kind));

            var refused = status is < 200 or >= 300;
            var problem = mediaType != "application/problem+json"
                ? $"not a problem (content-type {mediaType ?? "none"})"
                : !HasCode(answer) ? "problem without a code" : null;
            if (status == 0) Add("exception or hang");
            else if (status >= 500) Add("5xx" + (problem is null ? "" : $", {problem}"));
            else if (refused && problem is not null) Add(problem);
            else if (!refused && request.Mutations.Any(Suspicious)) accepted.Add(Observed("accepted"));

            // Exact: nothing else writes while this collection runs, so any new event is this request's.
            var sequence = await LastSequence(connection);
            if (refused && sequence != lastSequence)
                Add($"appended {sequence - lastSequence} event(s): {await Appended(connection, lastSequence)}");
            lastSequence = sequence;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var figure = $"Fuzz (seed {Seed}): {sent} requests in {seconds:0.0} s over {operations.Count} operations; "
                     + $"statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; "
                     + $"{violations.Count} violations in {violations.GroupBy(Group).Count()} groups";
        output.WriteLine(figure);
        var summary = Summary(violations);
        output.WriteLine(summary);
        output.WriteLine("Accepted although odd (not failures): " + Summary(accepted));
        output.WriteLine("Requests per operation: "
                         + string.Join(", ", perOperation.Select(p => $"{p.Key} {p.Value}")));

        Assert.True(sent >= MinimumRequests,
            $"Only {sent} requests in {seconds:0} s; the fuzz test must send {MinimumRequests}.");
        Assert.True(violations.Count == 0, figure + "\n" + summary);
    }

    private static readonly string[] Odd =
        ["NUL", "control char", "lone surrogate", "invalid UTF-8", " MB", "RTL", "=HYPERLINK", "formula", "csv "];

    // Only what reached a field or a catalog: a GET ignores its body, so odd bytes there say nothing.
    private static bool Suspicious(string mutation) =>
        (mutation.StartsWith("field ") || mutation.StartsWith("csv ")) && Odd.Any(mutation.Contains);

    private static async Task<long> LastSequence(NpgsqlConnection connection)
    {
        await using var command =
            new NpgsqlCommand("select coalesce(max(seq_id), 0) from samverkan.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> Appended(NpgsqlConnection connection, long after)
    {
        await using var command = new NpgsqlCommand(
            "select string_agg(type, ', ' order by seq_id) from samverkan.mt_events where seq_id > @after", connection);
        command.Parameters.AddWithValue("after", after);
        return (await command.ExecuteScalarAsync()) as string ?? "";
    }

    private static bool HasCode(byte[] answer)
    {
        try
        {
            using var problem = JsonDocument.Parse(answer);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                   && problem.RootElement.TryGetProperty("code", out var code)
                   && code.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(code.GetString());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Every operation of the document, in a stable order: the seed then decides the same requests.</summary>
    private static List<FuzzOperation> Operations(JsonNode openApi)
    {
        var operations = new List<FuzzOperation>();
        foreach (var (template, item) in openApi["paths"]!.AsObject())
        foreach (var (method, node) in item!.AsObject())
        {
            if (method is not ("get" or "post" or "put" or "delete" or "patch")) continue;
            var parameters = (node!["parameters"] as JsonArray ?? []).Concat(item["parameters"] as JsonArray ?? [])
                .Select(p => (In: p!["in"]?.GetValue<string>(), Parameter: new FuzzParameter(
                    p["name"]!.GetValue<string>(), TypeOf(p["schema"]), p["schema"]?["format"]?.GetValue<string>())))
                .ToList();
            var content = node["requestBody"]?["content"] as JsonObject;
            var schema = content?.FirstOrDefault(c => c.Key.Contains("json")).Value?["schema"]
                         ?? content?.FirstOrDefault().Value?["schema"];
            var upper = method.ToUpperInvariant();
            operations.Add(new FuzzOperation(upper, template,
                node["operationId"]?.GetValue<string>() ?? $"{upper} {template}",
                parameters.Where(p => p.In == "path").Select(p => p.Parameter).ToList(),
                parameters.Where(p => p.In == "query").Select(p => p.Parameter).ToList(),
                content?.Select(c => c.Key).ToList() ?? [], schema));
        }
        return operations.OrderBy(o => o.Template, StringComparer.Ordinal)
            .ThenBy(o => o.Method, StringComparer.Ordinal).ToList();
    }

    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        JsonValue one => one.GetValue<string>(),
        _ => null,
    };

    private static string Group(Violation v) =>
        $"{v.Endpoint} → {(v.Status == 0 ? "no status" : v.Status)}: {v.Kind}";

    private static string Summary(List<Violation> violations)
    {
        if (violations.Count == 0) return "No violations.";
        var text = new StringBuilder($"{violations.Count} violations:\n");
        foreach (var group in violations.GroupBy(Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            text.AppendLine($"- {group.Key}  ({group.Count()}×)");
            var mutations = group.GroupBy(v => v.Mutations).OrderByDescending(m => m.Count()).ToList();
            text.AppendLine("    mutations: "
                            + string.Join(" | ", mutations.Take(8).Select(m => $"{m.Key} ×{m.Count()}"))
                            + (mutations.Count > 8 ? $" | … {mutations.Count - 8} more" : ""));
            text.AppendLine($"    e.g. {first.Method} {first.Path}");
            if (first.Body.Length > 0) text.AppendLine($"    body: {first.Body}");
            text.AppendLine($"    answer: {first.Response}");
        }
        return text.ToString();
    }

    private static string Excerpt(byte[]? bytes) => bytes is null ? ""
        : Excerpt(Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2000)]), 240)
          + (bytes.Length > 2000 ? $" … ({bytes.Length} bytes)" : "");

    private static string Excerpt(string text, int length)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return clean.Length <= length ? clean : clean[..length] + "…";
    }
}
