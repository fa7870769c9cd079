using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>
/// One message as a subscriber in any language sees it: routing key, AMQP content type and the JSON body.
/// </summary>
public sealed record ReceivedMessage(string RoutingKey, string? ContentType, JsonElement Body);

/// <summary>
/// A subscriber of the integration-events exchange, as another system would be: its own queue bound with a routing
/// pattern, read with the plain RabbitMQ client. A durable queue survives a broker restart; <see cref="DisposeAsync"/>
/// deletes it.
/// </summary>
public sealed class RabbitSubscriber : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();
    private readonly string _queue = $"test-{Guid.NewGuid():N}";
    private IConnection? _connection;
    private IChannel? _channel;

    public static async Task<RabbitSubscriber> BindAsync(string pattern)
    {
        var subscriber = new RabbitSubscriber();
        await subscriber.ConnectAsync(declare: pattern);
        return subscriber;
    }

    /// <summary>Connects again after a broker restart and goes on reading the same queue.</summary>
    public Task ReconnectAsync() => ConnectAsync(declare: null);

    private async Task ConnectAsync(string? declare)
    {
        _connection =
            await new ConnectionFactory { Uri = new Uri(await LocalRabbitMq.UriAsync()) }.CreateConnectionAsync();
        _channel = await _connection.CreateChannelAsync();
        if (declare is not null)
        {
            await _channel.ExchangeDeclareAsync("samverkan.integration-events", ExchangeType.Topic, durable: true,
                autoDelete: false);
            await _channel.QueueDeclareAsync(_queue, durable: true, exclusive: false, autoDelete: false);
            await _channel.QueueBindAsync(_queue, "samverkan.integration-events", declare);
        }
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var body = JsonDocument.Parse(delivery.Body.ToArray()).RootElement.Clone();
            _received.Enqueue(new ReceivedMessage(delivery.RoutingKey, delivery.BasicProperties.ContentType, body));
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await _channel.BasicConsumeAsync(_queue, autoAck: false, consumer);
    }

    public IReadOnlyList<ReceivedMessage> Received => _received.ToList();

    public Task<ReceivedMessage> WaitForAsync(Guid conferenceId, string type, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(() => _received.FirstOrDefault(m =>
            m.Body.GetProperty("conferenceId").GetGuid() == conferenceId && m.Body.GetProperty("type")
                .GetString() == type), timeout);

    public async ValueTask DisposeAsync()
    {
        if (_channel is { IsOpen: true }) await _channel.QueueDeleteAsync(_queue);
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

/// <summary>One POST a webhook receiver got: the headers that matter and the raw body.</summary>
public sealed record ReceivedDelivery(string? Signature, string? EventId, string? EventType, string Body,
    bool Accepted);

/// <summary>
/// A real HTTP receiver on loopback, as a subscriber's service would be. It can refuse its first deliveries (500),
/// or hold each delivery until released, to stand for a subscriber that is down or slow.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private readonly WebApplication _app;
    private int _refuse;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _hold;
    private int _arrived;

    private WebhookReceiver(int refuseFirst, bool hold)
    {
        _refuse = refuseFirst;
        _hold = hold;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
            Interlocked.Increment(ref _arrived);
            if (_hold) await _release.Task;
            var accepted = Interlocked.Decrement(ref _refuse) < 0;
            _received.Enqueue(new ReceivedDelivery(request.Headers["X-Samverkan-Signature"],
                request.Headers["X-Samverkan-Event-Id"],
                request.Headers["X-Samverkan-Event-Type"], body, accepted));
            return accepted ? Results.Ok() : Results.StatusCode(500);
        });
    }

    public static async Task<WebhookReceiver> StartAsync(int refuseFirst = 0, bool hold = false)
    {
        var receiver = new WebhookReceiver(refuseFirst, hold);
        await receiver._app.StartAsync();
        return receiver;
    }

    public string Url =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() +
            "/hook";

    public IReadOnlyList<ReceivedDelivery> Received => _received.ToList();

    /// <summary>How many POSTs have arrived, held or not.</summary>
    public int Arrived => _arrived;

    public void Release()
    {
        _hold = false;
        _release.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
    }
}

public static class Eventually
{
    /// <summary>Polls until the probe gives a value, or fails after the timeout (default 30 s).</summary>
    public static async Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan? timeout = null) where T : class
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Nothing arrived within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s.");
    }

    public static async Task TrueAsync(Func<bool> probe, TimeSpan? timeout = null) =>
        await ValueAsync(() => probe() ? "" : null, timeout);
}
