using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.EventStore.LocalPostgres;
using Xunit;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>The whole service over HTTP, on a throwaway PostgreSQL. Every test plans its own conference.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json =
        new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // One secret for every fixture of the test process: each sets it in the environment, and a test that derives
    // pseudonyms from it (Trust/Anonymity) must find the one its host uses, whichever fixture started last.
    private static readonly string ServerSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly bool _onLoopback;
    private WebApplicationFactory<Program>? _factory;

    public ApiFixture()
    {
    }

    /// <summary>With <paramref name="onLoopback"/>, the service listens on a loopback port (Kestrel), for a browser.
    /// </summary>
    internal ApiFixture(bool onLoopback) => _onLoopback = onLoopback;

    public WebApplicationFactory<Program> Factory => _factory!;

    public async Task InitializeAsync()
    {
        // Read by the host's own configuration, exactly as an operator would set them.
        Environment.SetEnvironmentVariable("ConnectionStrings__Samverkan",
            await SharedThrowawayCluster.ConnectionStringAsync());
        Environment.SetEnvironmentVariable("Samverkan__ServerSecret", ServerSecret);
        Environment.SetEnvironmentVariable("Samverkan__SeedSundbyholm", "false");
        Environment.SetEnvironmentVariable("Samverkan__RabbitMq", await LocalRabbitMq.UriAsync());
        // Webhook deliveries retried and paused within seconds, not minutes, so that the tests see it happen.
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["Retries"] = "1", ["FirstRetryDelay"] = "00:00:00.100", ["Timeout"] = "00:00:05",
                         ["PauseAfterFailures"] = "2",
                     ["PauseFor"] = "00:00:01", ["RedeliverAfter__0"] = "00:00:00.500",
                     ["RedeliverAfter__1"] = "00:00:01",
                 })
            Environment.SetEnvironmentVariable($"Samverkan__Webhooks__{key}", value);
        JasperFxEnvironment.AutoStartHost = true;
        _factory = new WebApplicationFactory<Program>();
        if (_onLoopback)
        {
            _factory.UseKestrel(0);
            _factory.StartServer();
        }
        else _ = _factory.Server;
    }

    public HttpClient Client() => Factory.CreateClient();

    /// <summary>How many events the log holds for a conference, in its own stream and its ballot sheets.</summary>
    public async Task<long> EventCount(Guid conferenceId)
    {
        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var count = await session.QueryAsync<long>(
            "select count(*) from samverkan.mt_events where stream_id = ? or data ->> 'conferenceId' = ?", conferenceId,
            conferenceId.ToString());
        return count.Single();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }
}

[CollectionDefinition(nameof(ApiCollection))]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>;
