using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
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
        builder.Services.AddConsensusEventStore(ConnectionString);
        builder.UseWolverine(options =>
        {
            options.ApplicationAssembly = typeof(ConsensusHandlers).Assembly;
            options.UseConsensusHandlers();
            options.Durability.Mode = DurabilityMode.Solo;
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    /// <summary>
    /// A conference with three process indicators, one round under <paramref name="rules"/>, three experts checked
    /// in (their pseudonyms returned) and the round open.
    /// </summary>
    public async Task<(Guid Id, List<string> Voters)> ConferenceVoting(RoundRules rules)
    {
        var id = (await Bus.InvokeAsync<ConferenceCreated>(new PlanConference("T", "P", new(2014, 4, 7),
            new(2014, 4, 8), "sv", ["process"]))).ConferenceId;
        await Bus.InvokeAsync<CatalogImported>(new ImportCatalog(id, "test", CatalogFile.Parse(CatalogFormat.Csv,
            "number,text,category\n1,A,process\n2,B,process\n3,C,process\n")));
        var voters = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var expert = await Bus.InvokeAsync<ExpertRegistration>(new RegisterExpert(id, $"E{i}", "O", "R"));
            var credential = (await Bus.InvokeAsync<VoterCredentialHandedOut>(new CheckInExpert(id,
                expert.ExpertId))).VoterCredential;
            voters.Add(Secrets.Check(id, credential).Voter!);
        }
        await Bus.InvokeAsync(new PlanRounds(id,
            new RoundPlan(["core"], [new PlannedRound(1, RoundScope.InPlay("process"), rules)])));
        await Bus.InvokeAsync<RoundOpenedResponse>(new OpenRound(id, 1));
        return (id, voters);
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
