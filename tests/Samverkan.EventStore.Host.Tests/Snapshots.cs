using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Snapshooter.Xunit;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>
/// Pins the audit trail and the protocol of a small scripted conference. Sequence numbers and times differ from
/// run to run, so they are masked; everything else must match the snapshot (strict in CI).
/// </summary>
[Collection(nameof(ApiCollection))]
public partial class Snapshots(ApiFixture api)
{
    private async Task<ConferenceScenario> Scripted()
    {
        var c = await (await (await Planned(api)).WithRoundOpen()).VotedAndClosed(1, (1, 3), (2, 2), (3, 1));
        await c.WithRoundOpen(2);
        (await c.Vote(2, 2, "Yes", c.Credentials[0])).EnsureSuccessStatusCode();
        (await c.Facilitator(HttpMethod.Post, "rounds/2/close")).EnsureSuccessStatusCode();
        (await c.Facilitator(HttpMethod.Post, "protocols/comprehensive/adoption")).EnsureSuccessStatusCode();
        return c;
    }

    private static string Masked(string json)
    {
        var node = JsonNode.Parse(json)!;
        Mask(node);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static void Mask(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (key is "sequence" or "time" or "id" or "conferenceId" or "nextAfter") o[key] = "(masked)";
                    else if (o[key] is JsonValue v && v.TryGetValue<string>(out var s)) o[key] = EventCitation()
                        .Replace(s, "(event N, T)");
                    else if (o[key] is { } child) Mask(child);
                }
                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) Mask(item);
                break;
        }
    }

    [GeneratedRegex(@"\((event|händelse) \d+, [^)]*\)")]
    private static partial Regex EventCitation();

    [Fact]
    public async Task The_audit_trail_of_an_indicator_carried_over_then_advanced()
    {
        var c = await Scripted();
        var trail = await api.Client().GetStringAsync($"/api/conferences/{c.Id}/indicators/2/audit");
        Snapshot.Match(Masked(trail));
    }

    [Fact]
    public async Task The_adopted_comprehensive_protocol()
    {
        var c = await Scripted();
        var protocol = await api.Client().GetStringAsync($"/api/conferences/{c.Id}/protocols/comprehensive");
        Snapshot.Match(Masked(protocol));
    }

    /// <summary>The integration events of the scripted conference, as docs/integration-events.md shows them.</summary>
    [Fact]
    public async Task The_integration_events_of_a_conference()
    {
        var c = await Scripted();
        var events = await api.Client().GetStringAsync($"/api/integration-events?conferenceId={c.Id}");
        Snapshot.Match(Masked(events));
    }
}
