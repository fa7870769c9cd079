using System.Diagnostics;
using Npgsql;
using Samverkan.EventStore.LocalPostgres;

namespace Samverkan.EventStore.Host.Tests.Faults;

/// <summary>
/// Stops a throwaway cluster abruptly and starts it again on the same port and data directory.
/// LocalPostgresCluster has no stop/start of its own and keeps its data directory private, so the directory is
/// asked of the server itself and pg_ctl is run the way LocalPostgresCluster runs it (as postgres when root).
/// </summary>
public sealed class PostgresControl : IAsyncDisposable
{
    private readonly int _port;

    private PostgresControl(string dataDirectory, int port)
    {
        DataDirectory = dataDirectory;
        _port = port;
    }

    public string DataDirectory { get; }

    public bool Down { get; private set; }

    public static async Task<PostgresControl> ForAsync(LocalPostgresCluster cluster, CancellationToken ct)
    {
        // Unpooled, so that no connection of this process outlives the stop.
        var unpooled = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Pooling = false };
        await using var connection = new NpgsqlConnection(unpooled.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("show data_directory", connection);
        var dataDirectory = (string)(await command.ExecuteScalarAsync(ct))!;
        return new PostgresControl(dataDirectory, cluster.Port);
    }

    /// <summary>pg_ctl -m immediate: the postmaster SIGQUITs every backend, as if the machine lost it.</summary>
    public async Task StopImmediatelyAsync(CancellationToken ct)
    {
        await PgCtlAsync(ct, "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        Down = true;
    }

    /// <summary>Starts it again with the options LocalPostgresCluster uses (a throwaway's: fsync off).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await PgCtlAsync(ct, "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {_port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off",
            "start");
        Down = false;
    }

    /// <summary>Leaves the cluster running, so that LocalPostgresCluster's dispose can stop and delete it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Down) await StartAsync(CancellationToken.None);
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string BinDirectory =>
        Environment.GetEnvironmentVariable("PG_BIN")
        ?? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .First();

    private static async Task PgCtlAsync(CancellationToken ct, params string[] args)
    {
        var pgCtl = Path.Combine(BinDirectory, "pg_ctl");
        var start = RunningAsRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", pgCtl, .. args])
            : new ProcessStartInfo(pgCtl, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        // The started server inherits the pipes: read one line of stderr, never to the end.
        var stderr = process.StandardError.ReadLineAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"pg_ctl {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
    }
}
