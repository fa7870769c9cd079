namespace Samverkan.EventStore.LocalPostgres;

/// <summary>
/// One throwaway cluster per test process, started on first use and removed at exit. When
/// SAMVERKAN_TEST_CONNECTION is set, that database is used instead and nothing is started.
/// </summary>
public static class SharedThrowawayCluster
{
    private static readonly Lazy<Task<string>> Connection = new(StartAsync);

    public static Task<string> ConnectionStringAsync() => Connection.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("SAMVERKAN_TEST_CONNECTION") is { Length: > 0 } given) return given;
        var cluster = await LocalPostgresCluster.StartThrowawayAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster.ConnectionString();
    }
}
