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
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory!;

    public async Task InitializeAsync()
    {
        // Read by the host's own configuration, exactly as an operator would set them.
        Environment.SetEnvironmentVariable("ConnectionStrings__Samverkan", await SharedThrowawayCluster.ConnectionStringAsync());
        Environment.SetEnvironmentVariable("Samverkan__ServerSecret", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Environment.SetEnvironmentVariable("Samverkan__SeedSundbyholm", "false");
        JasperFxEnvironment.AutoStartHost = true;
        _factory = new WebApplicationFactory<Program>();
        _ = _factory.Server;
    }

    public HttpClient Client() => Factory.CreateClient();

    /// <summary>How many events the log holds for a conference, in its own stream and its ballot sheets.</summary>
    public async Task<long> EventCount(Guid conferenceId)
    {
        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var count = await session.QueryAsync<long>(
            "select count(*) from samverkan.mt_events where stream_id = ? or data ->> 'conferenceId' = ?", conferenceId, conferenceId.ToString());
        return count.Single();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }
}

[CollectionDefinition(nameof(ApiCollection))]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>;
