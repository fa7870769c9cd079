using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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

    // The environment is the process's: one fixture at a time sets it and builds its host from it.
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static int _databases;

    private readonly bool _onLoopback;
    private WebApplicationFactory<Program>? _factory;

    public ApiFixture()
    {
    }

    /// <summary>With <paramref name="onLoopback"/>, the service listens on a loopback port (Kestrel), for a browser.
    /// </summary>
    internal ApiFixture(bool onLoopback) => _onLoopback = onLoopback;

    public WebApplicationFactory<Program> Factory => _factory!;

    /// <summary>The fixture's own database, for tests that read its tables.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // A database of its own, so that the host is alone in its Wolverine cluster: its own leader, publishing its
        // own events as soon as it is up, whatever other fixtures start or stop meanwhile.
        ConnectionString = await DatabaseOfItsOwnAsync();
        await Starting.WaitAsync();
        try
        {
            await StartAsync();
        }
        finally
        {
            Starting.Release();
        }
    }

    private async Task StartAsync()
    {
        // Read by the host's own configuration, exactly as an operator would set them.
        Environment.SetEnvironmentVariable("ConnectionStrings__Samverkan", ConnectionString);
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

    private static async Task<string> DatabaseOfItsOwnAsync()
    {
        var cluster = new NpgsqlConnectionStringBuilder(await SharedThrowawayCluster.ConnectionStringAsync());
        var database = $"samverkan_fixture_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = database }.ConnectionString;
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
