using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;
using static Samverkan.EventStore.Host.Tests.ConferenceScenario;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>
/// Integration events reach a real RabbitMQ subscriber and real webhook receivers on loopback. The scripted round:
/// indicator 1 gets 3 of 3 yes and advances, 2 gets 2 of 3 and is carried over, 3 gets 1 of 3 and is eliminated.
/// </summary>
[Collection(nameof(ApiCollection))]
public class Publishing(ApiFixture api)
{
    private const string RoundClosed = "samverkan.round-closed.v1";
    private const string ProtocolAdopted = "samverkan.protocol-adopted.v1";
    private const string Secret = "the-subscriber's-own-secret";

    private async Task<ConferenceScenario> RoundOneClosed(ConferenceScenario? planned = null) =>
        await (await (planned ?? await Planned(api)).WithRoundOpen()).VotedAndClosed(1, (1, 3), (2, 2), (3, 1));

    private static async Task Subscribe(ConferenceScenario c, WebhookReceiver receiver, params string[] types) =>
        (await c.Facilitator(HttpMethod.Post, "webhooks",
            JsonSerializer.Serialize(new { url = receiver.Url, eventTypes = types, secret = Secret })))
        .EnsureSuccessStatusCode();

    private static JsonElement Indicator(JsonElement roundClosed, int indicator) =>
        roundClosed.GetProperty("indicators").EnumerateArray()
            .Single(i => i.GetProperty("indicator").GetInt32() == indicator);

    [Fact]
    public async Task A_subscriber_bound_to_the_exchange_receives_round_closed_with_the_tallies()
    {
        await using var subscriber = await RabbitSubscriber.BindAsync("samverkan.round-closed.*");
        var c = await RoundOneClosed();

        var message = await subscriber.WaitForAsync(c.Id, RoundClosed);

        Assert.Equal((RoundClosed, "application/json"), (message.RoutingKey, message.ContentType));
        Assert.Equal(1, message.Body.GetProperty("round").GetInt32());
        var three = Indicator(message.Body, 3);
        Assert.Equal((1, 2, 3, "eliminated", "elimination-threshold"),
            (three.GetProperty("yes").GetInt32(), three.GetProperty("no").GetInt32(),
            three.GetProperty("denominator").GetInt32(), three.GetProperty("outcome").GetString(),
            three.GetProperty("rule").GetString()));
        Assert.Equal("advanced", Indicator(message.Body, 1).GetProperty("outcome").GetString());
        // The same event, with the same id and sequence, as a subscriber catching up gets it.
        var missed = await api.Client().GetFromJsonAsync<JsonElement>($"/api/integration-events?conferenceId={c.Id}");
        var logged = missed.GetProperty("events")[0];
        Assert.Equal(logged.GetProperty("id").GetGuid(), message.Body.GetProperty("id").GetGuid());
        Assert.Equal(logged.GetProperty("sequence").GetInt64(), message.Body.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task A_webhook_receives_a_delivery_signed_with_the_subscribers_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var c = await Planned(api);
        await Subscribe(c, receiver, RoundClosed);
        await RoundOneClosed(c);

        var delivery = await Eventually.ValueAsync(() => receiver.Received.FirstOrDefault(d => d.Accepted));

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes(delivery.Body)));
        Assert.Equal(expected, delivery.Signature);
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal((RoundClosed, body.GetProperty("id").GetString()), (delivery.EventType, delivery.EventId));
        Assert.Equal(c.Id, body.GetProperty("conferenceId").GetGuid());
        Assert.Equal(1, Indicator(body, 3).GetProperty("yes").GetInt32());
    }

    [Fact]
    public async Task With_the_broker_stopped_during_a_close_the_event_arrives_once_it_is_back()
    {
        if (!LocalRabbitMq.Managed) return; // a broker given by SAMVERKAN_TEST_RABBITMQ is not ours to stop
        await using var subscriber = await RabbitSubscriber.BindAsync(RoundClosed);
        var c = await (await Planned(api)).WithRoundOpen();

        await LocalRabbitMq.StopAsync();
        try
        {
            // The close does not need the broker: it is acknowledged, and the event waits in the outbox.
            await c.VotedAndClosed(1, (1, 3), (2, 2), (3, 1));
        }
        finally
        {
            await LocalRabbitMq.StartAsync();
        }
        await subscriber.ReconnectAsync();

        var message = await subscriber.WaitForAsync(c.Id, RoundClosed, TimeSpan.FromSeconds(90));
        Assert.Equal(1, Indicator(message.Body, 3).GetProperty("yes").GetInt32());
    }

    [Fact]
    public async Task
        A_webhook_that_fails_three_times_then_recovers_receives_every_event_exactly_once_after_dropping_duplicates()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: 3);
        var c = await Planned(api);
        await Subscribe(c, receiver, RoundClosed, ProtocolAdopted);
        await RoundOneClosed(c);
        await (await c.WithRoundOpen(2)).VotedAndClosed(2, (2, 2));
        (await c.Facilitator(HttpMethod.Post, "protocols/comprehensive/adoption")).EnsureSuccessStatusCode();

        var logged = (await api.Client().GetFromJsonAsync<JsonElement>($"/api/integration-events?conferenceId={c.Id}"))
            .GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(3, logged.Count);
        // Each refusal costs a scheduled redelivery, and an open circuit sends the others back to wait.
        await Eventually.TrueAsync(() => receiver.Received.Where(d => d.Accepted).Select(d => d.EventId).Distinct()
            .Count() == 3, TimeSpan.FromSeconds(60));

        Assert.Equal(3, receiver.Received.Count(d => !d.Accepted));
        var accepted = receiver.Received.Where(d => d.Accepted).ToList();
        Assert.Equal(logged.Order(), accepted.Select(d => d.EventId).Distinct().Order());
        // Delivery is at least once; a subscriber drops what it has seen by id, and then has each event exactly once.
        Assert.All(accepted.GroupBy(d => d.EventId), g => Assert.All(g, d => Assert.Equal(g.First().Body, d.Body)));
    }

    [Fact]
    public async Task A_slow_or_dead_webhook_holds_up_neither_ballots_nor_other_subscribers()
    {
        await using var slow = await WebhookReceiver.StartAsync(hold: true);
        await using var healthy = await WebhookReceiver.StartAsync();
        var c = await Planned(api);
        await Subscribe(c, slow, RoundClosed);
        await Subscribe(c, healthy, RoundClosed);
        (await c.Facilitator(HttpMethod.Post, "webhooks",
            JsonSerializer.Serialize(new { url = "http://127.0.0.1:9/nobody-listens",
                eventTypes = new[] { RoundClosed }, secret = Secret }))).EnsureSuccessStatusCode();
        await RoundOneClosed(c);

        // The slow subscriber holds its delivery; the healthy one has its own meanwhile.
        await Eventually.TrueAsync(() => slow.Arrived > 0);
        await Eventually.TrueAsync(() => healthy.Received.Any(d => d.Accepted));

        // And voting goes on: round 2's ballots are acknowledged while that delivery is still held.
        await c.WithRoundOpen(2);
        for (var v = 0; v < 3; v++)
            (await c.Vote(2, 2, "Yes", c.Credentials[v])).EnsureSuccessStatusCode();
        Assert.Empty(slow.Received);
        slow.Release();
        await Eventually.TrueAsync(() => slow.Received.Any(d => d.Accepted));
    }
}
