using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

/// <summary>
/// The service as it runs in production: <c>dotnet Samverkan.EventStore.Host.dll</c> (the Release build, copied
/// beside the benchmarks by the project reference) as a child process on loopback, so that its resident memory is
/// its own.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly StreamWriter _log;
    private readonly string _dataDirectory;

    private ServiceProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        LogFile = Path.Combine(Path.GetTempPath(), $"samverkan-bench-service-{baseAddress.Port}.log");
        _log = new StreamWriter(LogFile) { AutoFlush = true };
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the service printed: where to look when it refused or failed.</summary>
    public string LogFile { get; }

    /// <summary>Starts the service on <paramref name="connectionString"/> and returns once it is ready.</summary>
    public static async Task<ServiceProcess> StartAsync(string connectionString)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"samverkan-bench-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Samverkan.EventStore.Host.dll"));
        start.Environment["ConnectionStrings__Samverkan"] = connectionString;
        start.Environment["Samverkan__ServerSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        start.Environment["Samverkan__SeedSundbyholm"] = "false";
        start.Environment["Samverkan__RabbitMq"] = "";
        start.Environment["Samverkan__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var service = new ServiceProcess(Process.Start(start)!, dataDirectory, baseAddress);
        // Its log is read, or the pipe fills and the service blocks; the tail explains a failed start.
        service._process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        service._process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        await service.WaitUntilReadyAsync();
        return service;
    }

    /// <summary>The service's resident memory and the anonymous part of it (heaps, not mapped files), in MB.</summary>
    public (double Resident, double Anonymous) Memory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status")
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        return (Megabytes(status["VmRSS"]), Megabytes(status["RssAnon"]));

        static double Megabytes(string kilobytes) => long.Parse(kilobytes.Trim().Split(' ')[0]) / 1024.0;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_log) _log.WriteLine(line);
        _tail.Enqueue(line);
        while (_tail.Count > 40) _tail.TryDequeue(out _);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited) break;
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The service did not get ready:\n{string.Join('\n', _tail)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        await _log.DisposeAsync();
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }
}
