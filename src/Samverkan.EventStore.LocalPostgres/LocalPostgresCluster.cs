using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Samverkan.EventStore.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster run from the machine's own binaries (no Docker needed): the service's default
/// database, whose data directory survives restarts, and the tests' throwaway database.
/// As root, initdb refuses to run, so the cluster then runs as the <c>postgres</c> system user.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string User = "samverkan";
    private readonly string _dataDirectory;
    private readonly bool _throwaway;

    private LocalPostgresCluster(string dataDirectory, int port, bool throwaway)
    {
        _dataDirectory = dataDirectory;
        Port = port;
        _throwaway = throwaway;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database,
            Password = User }.ConnectionString;

    /// <summary>
    /// Starts (creating on first use) a cluster whose data stays in <paramref name="dataDirectory"/>.
    /// </summary>
    public static Task<LocalPostgresCluster> StartPersistentAsync(string dataDirectory, int port,
        CancellationToken ct = default) =>
        StartAsync(Path.GetFullPath(dataDirectory), port, throwaway: false, ct);

    /// <summary>
    /// Starts a fresh cluster in a temporary directory on a free port; disposing it deletes everything.
    /// </summary>
    public static Task<LocalPostgresCluster> StartThrowawayAsync(CancellationToken ct = default)
    {
        SweepStaleThrowaways();
        return StartAsync(Path.Combine(Path.GetTempPath(), $"{ThrowawayPrefix}{Guid.NewGuid():N}"), FreePort(),
            throwaway: true, ct);
    }

    private const string ThrowawayPrefix = "samverkan-pg-";

    /// <summary>
    /// A test runner may kill its process before exit handlers finish; the server then stops on its own, leaving
    /// its directory. Directories whose server is gone (no postmaster.pid) are removed at a later start.
    /// </summary>
    private static void SweepStaleThrowaways()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), $"{ThrowawayPrefix}*")
                     .Where(d => !File.Exists(Path.Combine(d, "postmaster.pid")))
                     // A cluster still being created has no postmaster.pid yet either: leave young ones alone.
                     .Where(d => Directory.GetLastWriteTimeUtc(d) < DateTime.UtcNow.AddMinutes(-5)))
        {
            try { Directory.Delete(stale, recursive: true); }
            catch (IOException) { /* another run is creating it right now */ }
        }
    }

    private static async Task<LocalPostgresCluster> StartAsync(string dataDirectory, int port, bool throwaway,
        CancellationToken ct)
    {
        var cluster = new LocalPostgresCluster(dataDirectory, port, throwaway);
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
            await cluster.InitAsync(ct);
        // A server left running by a service that was killed is simply used again.
        if (!throwaway && await cluster.TryRunAsync("pg_ctl", ct, "-D", dataDirectory, "status")) return cluster;
        await cluster.StartServerAsync(ct);
        return cluster;
    }

    private Task StartServerAsync(CancellationToken ct) =>
        RunAsync("pg_ctl", ct, "-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w",
            "-t", "60",
            "-o", $"-p {Port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c max_connections=200 -c " +
            $"fsync={(_throwaway ? "off" : "on")}", "start");

    /// <summary>
    /// Stops the server abruptly (pg_ctl -m immediate: every backend is killed, as if the machine lost it), for
    /// fault tests; <see cref="StartAgainAsync"/> brings it back on the same port and data.
    /// </summary>
    public Task StopImmediatelyAsync(CancellationToken ct = default) =>
        RunAsync("pg_ctl", ct, "-D", _dataDirectory, "-m", "immediate", "-w", "stop");

    public Task StartAgainAsync(CancellationToken ct = default) => StartServerAsync(ct);

    private async Task InitAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_dataDirectory);
        if (RunningAsRoot) await RunAsync("chown", ct, "-R", "postgres:postgres", _dataDirectory);
        var passwordFile = Path.Combine(_dataDirectory, "..", $".pwfile-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, User, ct);
        if (RunningAsRoot) await RunAsync("chown", ct, "postgres:postgres", passwordFile);
        try
        {
            await RunAsync("initdb", ct, "-D", _dataDirectory, "-U", User, "--pwfile", passwordFile, "-A",
                "scram-sha-256", "-E", "UTF8", "--no-locale");
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A server a fault test stopped is already down; one that is still running must stop before its data goes.
        if (await TryRunAsync("pg_ctl", CancellationToken.None, "-D", _dataDirectory, "status"))
            await RunAsync("pg_ctl", CancellationToken.None, "-D", _dataDirectory, "-m", "fast", "-w", "stop");
        if (_throwaway) Directory.Delete(_dataDirectory, recursive: true);
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>
    /// Where the PostgreSQL server binaries are: PG_BIN if set, else the newest under /usr/lib/postgresql.
    /// </summary>
    private static string BinDirectory =>
        Environment.GetEnvironmentVariable("PG_BIN")
        ?? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        ?? throw new InvalidOperationException("No PostgreSQL server binaries found under /usr/lib/postgresql; " +
        "install postgresql or set PG_BIN.");

    private async Task RunAsync(string tool, CancellationToken ct, params string[] args)
    {
        var (exitCode, stderr) = await ExecuteAsync(tool, args, ct);
        if (exitCode == 0) return;
        var log = Path.Combine(_dataDirectory, "server.log");
        var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(10)) : "";
        throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed with exit code {exitCode}: " +
            $"{stderr}\n{tail}");
    }

    private async Task<bool> TryRunAsync(string tool, CancellationToken ct, params string[] args) =>
        (await ExecuteAsync(tool, args, ct)).ExitCode == 0;

    private static async Task<(int ExitCode, string? Stderr)> ExecuteAsync(string tool, string[] args,
        CancellationToken ct)
    {
        var program = tool == "chown" ? "chown" : Path.Combine(BinDirectory, tool);
        var start = RunningAsRoot && tool != "chown"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. args])
            : new ProcessStartInfo(program, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        // pg_ctl start leaves the server holding inherited pipes: read nothing to the end, just wait for exit.
        var stderr = process.StandardError.ReadLineAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, process.ExitCode == 0 ? null : await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
