using Npgsql;
using Polly;
using Polly.Retry;
using Samverkan.EventStore.LocalPostgres;

namespace Samverkan.EventStore.Host.Database;

/// <summary>
/// Finds the database before the host is built: the configured connection string, or else a PostgreSQL
/// cluster of the service's own, started from the machine's binaries, whose data stays in the data directory.
/// Either way it waits (with Polly) until the database answers, so a database that is still starting is not an error.
/// </summary>
public static class DatabaseBootstrap
{
    public static async Task<string> ResolveConnectionStringAsync(IConfiguration configuration, string contentRoot,
        ILogger logger)
    {
        var connectionString = configuration.GetConnectionString("Samverkan");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataDirectory = Path.Combine(DataDirectory(configuration, contentRoot), "postgres");
            var port = configuration.GetValue("Samverkan:LocalDatabase:Port", 54329);
            logger.LogInformation("No ConnectionStrings:Samverkan configured: starting a local PostgreSQL on 127.0.0." +
                "1:{Port}, data in {DataDirectory}",
                port, dataDirectory);
            var cluster = await LocalPostgresCluster.StartPersistentAsync(dataDirectory, port);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            connectionString = cluster.ConnectionString();
        }
        await WaitUntilUpAsync(connectionString, logger);
        return connectionString;
    }

    public static string DataDirectory(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["Samverkan:DataDirectory"] ?? Path.Combine(contentRoot, ".data"));

    private static async Task WaitUntilUpAsync(string connectionString, ILogger logger)
    {
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>().Handle<TimeoutException>(),
                MaxRetryAttempts = 10,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                OnRetry = args =>
                {
                    logger.LogWarning("The database is not answering yet ({Message}); retry {Attempt} in {Delay}",
                        args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        await pipeline.ExecuteAsync(async ct =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
        });
    }
}
