using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Samverkan.EventStore.Host.Tests.Faults;

/// <summary>
/// The service as a real process (<c>dotnet Samverkan.EventStore.Host.dll</c> from the test output), so that it
/// can be killed with SIGKILL and started again on the same port, database and server secret.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Samverkan.EventStore.Host.dll");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _connectionString;
    private readonly string _serverSecret;
    private readonly string _dataDirectory;
    private readonly string? _rabbitMq;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly object _logLock = new();
    private Process? _process;

    /// <param name="rabbitMq">The broker to publish integration events to; none by default.</param>
    public ServiceProcess(string connectionString, string serverSecret, string? rabbitMq = null)
    {
        _connectionString = connectionString;
        _serverSecret = serverSecret;
        _rabbitMq = rabbitMq;
        Port = FreePort();
        // The secret is configured, so nothing should land here; kept out of the test output all the same.
        _dataDirectory = Path.Combine(Path.GetTempPath(), $"samverkan-faults-{Guid.NewGuid():N}");
        LogFile = Path.Combine(Path.GetTempPath(), $"samverkan-faults-service-{Port}.log");
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Everything the service printed, across restarts: where to look when a test fails.</summary>
    public string LogFile { get; }

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts the service and returns once it answers HTTP.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (Running) throw new InvalidOperationException("The service is already running.");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(HostDll);
        // The child inherits this process's environment, where ApiFixture sets settings of its own.
        foreach (var key in start.Environment.Keys
                     .Where(k => k.StartsWith("Samverkan__", StringComparison.OrdinalIgnoreCase)
                                 || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                                 || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase))
                     .ToList())
            start.Environment.Remove(key);
        start.Environment["ConnectionStrings__Samverkan"] = _connectionString;
        start.Environment["Samverkan__ServerSecret"] = _serverSecret;
        start.Environment["Samverkan__SeedSundbyholm"] = "false";
        start.Environment["Samverkan__RabbitMq"] = _rabbitMq ?? "";
        start.Environment["Samverkan__DataDirectory"] = _dataDirectory;
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // The log then tells which node leads and where the integration-event relay runs.
        start.Environment["Logging__LogLevel__Wolverine.Runtime.Agents"] = "Information";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        Log($"---- start {Starts + 1} at {DateTime.UtcNow:HH:mm:ss.fff}: dotnet {HostDll} on {BaseAddress}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        await WaitUntilAnsweringAsync(process, ct);
    }

    /// <summary>SIGKILL, the whole process tree: no shutdown hook, no flush, exactly a kill -9.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            Kills++;
            Log($"---- killed (SIGKILL) at {DateTime.UtcNow:HH:mm:ss.fff}");
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
        _process = null;
    }

    public async Task RestartAsync(CancellationToken ct)
    {
        await KillAsync();
        await StartAsync(ct);
    }

    /// <summary>Whether the service has printed <paramref name="text"/>, in any of its runs.</summary>
    public bool Printed(string text)
    {
        lock (_logLock) return File.Exists(LogFile) && File.ReadAllText(LogFile).Contains(text);
    }

    /// <summary>The last lines the service printed, for failure messages.</summary>
    public string Tail(int lines = 40) => string.Join('\n', _tail.TakeLast(lines));

    private async Task WaitUntilAnsweringAsync(Process process, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new InvalidOperationException(
                    $"The service exited with code {process.ExitCode} before it answered HTTP; "
                    + $"log {LogFile}:\n{Tail()}");
            if (deadline.Elapsed > StartTimeout)
                throw new TimeoutException(
                    $"The service did not answer HTTP within {StartTimeout}; log {LogFile}:\n{Tail()}");
            try
            {
                // Any HTTP answer will do: the redirect at "/" needs neither a conference nor the database.
                using var _ = await client.GetAsync("/", ct);
                Log($"---- answering HTTP after {deadline.ElapsedMilliseconds} ms");
                return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(100, ct);
        }
    }

    private void Log(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > 200) _tail.TryDequeue(out _);
        lock (_logLock) File.AppendAllText(LogFile, line + "\n");
    }

    /// <summary>The dotnet the tests run under (set by the SDK), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); }
        finally
        {
            if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
