using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samverkan.EventStore.Host.Tests.Fuzz;

/// <summary>A conference the fuzzer aims at, with what a valid request to it needs.</summary>
public sealed record SeedConference(
    string State, Guid Id, string FacilitatorKey, IReadOnlyList<string> Voters, string SpareCredential,
    string? RevokedCredential, Guid ExpertId, Guid SubscriptionId);

/// <summary>
/// Conferences in the states where mutated requests reach deep code: planning, a round open with ballots, a round
/// closed with a questionnaire, and concluded with an adopted protocol; and the concluded one as a conference file.
/// </summary>
public sealed class FuzzSeeds
{
    public const string Questionnaire =
        """
        {"questions":[{"number":1,"text":"Är du nöjd?","options":["Nöjd","Missnöjd"],"allowsOwnAlternative":true}]}
        """;

    public required IReadOnlyList<SeedConference> Conferences { get; init; }
    public required string RecordJson { get; init; }
    public required string BallotsCsv { get; init; }

    public static async Task<FuzzSeeds> Prepare(ApiFixture api)
    {
        var planning = await ConferenceScenario.Planned(api, experts: 4);
        var planningExtras = await Extras(planning);

        var open = await ConferenceScenario.Planned(api, experts: 5);
        var openExtras = await Extras(open);
        await open.WithRoundOpen();
        (await open.Vote(1, 1, "Yes", open.Credentials[0])).EnsureSuccessStatusCode();
        (await open.Vote(1, 2, "No", open.Credentials[1])).EnsureSuccessStatusCode();
        (await open.Facilitator(HttpMethod.Post, "revoked-credentials",
                JsonSerializer.Serialize(new { credential = open.Credentials[4], reason = "Left" })))
            .EnsureSuccessStatusCode();

        var closed = await ConferenceScenario.Planned(api, experts: 4);
        var closedExtras = await Extras(closed);
        await (await closed.WithRoundOpen()).VotedAndClosed(1, (1, 3), (2, 2), (3, 1));
        (await closed.Facilitator(HttpMethod.Put, "evaluation", Questionnaire)).EnsureSuccessStatusCode();

        var concluded = await ConferenceScenario.Planned(api, experts: 4);
        var concludedExtras = await Extras(concluded);
        await (await concluded.WithRoundOpen()).VotedAndClosed(1, (1, 3), (2, 2), (3, 1));
        await (await concluded.WithRoundOpen(2)).VotedAndClosed(2, (2, 2));
        (await concluded.Facilitator(HttpMethod.Post, "protocols/comprehensive/adoption")).EnsureSuccessStatusCode();

        var client = await concluded.Auditor();
        var record = await client.GetStringAsync($"/api/conferences/{concluded.Id}/record");
        var ballots = await client.GetStringAsync($"/api/conferences/{concluded.Id}/record/ballots");
        return new FuzzSeeds
        {
            Conferences =
            [
                Seed("planning", planning, planningExtras, revoked: null),
                Seed("open", open, openExtras, revoked: open.Credentials[4]),
                Seed("closed", closed, closedExtras, revoked: null),
                Seed("concluded", concluded, concludedExtras, revoked: null),
            ],
            RecordJson = record,
            BallotsCsv = ballots,
        };
    }

    // Voters are the first three credentials; the fourth is spare, for revocations that must not silence them.
    private static SeedConference Seed(string state, ConferenceScenario c, (Guid Expert, Guid Subscription) extras,
        string? revoked) =>
        new(state, c.Id, c.FacilitatorKey, c.Credentials.Take(3).ToList(), c.Credentials[3], revoked,
            extras.Expert, extras.Subscription);

    // An expert never checked in (for check-in) and a webhook (for cancelling), made while the conference plans.
    private static async Task<(Guid, Guid)> Extras(ConferenceScenario c)
    {
        var expert = await (await c.Facilitator(HttpMethod.Post, "experts",
                JsonSerializer.Serialize(new { name = "Reserv", organisation = "Kommunen", role = "official" })))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        var webhook = await (await c.Facilitator(HttpMethod.Post, "webhooks", JsonSerializer.Serialize(new
            {
                url = "http://127.0.0.1:9/fuzz", eventTypes = new[] { "samverkan.round-closed.v1" },
                secret = "a-secret-of-enough-length",
            })))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        return (expert!["expertId"]!.GetValue<Guid>(), webhook!["subscriptionId"]!.GetValue<Guid>());
    }
}
