using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Security;
using Wolverine;

/// <summary>The handlers and the store, without HTTP, on a throwaway PostgreSQL: what the measurements run on.
/// </summary>
public static class BenchmarkHost
{
    public static async Task<IHost> StartAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new ConferenceSecrets(RandomNumberGenerator.GetBytes(32)));
        builder.Services.AddConsensusEventStore(connectionString);
        builder.UseWolverine(options =>
        {
            options.ApplicationAssembly = typeof(ConsensusHandlers).Assembly;
            options.UseConsensusHandlers();
            options.Durability.Mode = DurabilityMode.Solo;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
