using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.LocalPostgres;
using Wolverine;
using Xunit;

namespace Samverkan.EventStore.Application.Tests;

/// <summary>The Wolverine handlers and the Marten store, without HTTP, on a throwaway PostgreSQL.</summary>
public sealed class HandlerFixture : IAsyncLifetime
{
    private IHost? _host;

    public IMessageBus Bus => _host!.Services.GetRequiredService<IMessageBus>();
    public IDocumentStore Store => _host!.Services.GetRequiredService<IDocumentStore>();
    public ConferenceSecrets Secrets => _host!.Services.GetRequiredService<ConferenceSecrets>();
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(new ConferenceSecrets(RandomNumberGenerator.GetBytes(32)));
        ConnectionString = await SharedThrowawayCluster.ConnectionStringAsync();
        builder.Services.AddConsensusEventStore(ConnectionString)
            .ApplyAllDatabaseChangesOnStartup();
        builder.UseWolverine(options =>
        {
            options.ApplicationAssembly = typeof(ConsensusHandlers).Assembly;
            options.UseConsensusHandlers();
            options.Durability.Mode = DurabilityMode.Solo;
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }
}

[CollectionDefinition(nameof(HandlerCollection))]
public sealed class HandlerCollection : ICollectionFixture<HandlerFixture>;
