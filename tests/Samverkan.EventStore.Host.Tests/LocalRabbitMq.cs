using System.Diagnostics;

namespace Samverkan.EventStore.Host.Tests;

/// <summary>
/// The machine's own RabbitMQ (Debian's rabbitmq-server), started when it is installed but not running, and
/// installed first when it is absent and the tests run as root (as on CI). SAMVERKAN_TEST_RABBITMQ names a
/// broker to use instead; then nothing is started, and the tests that stop the broker are not possible.
/// </summary>
public static class LocalRabbitMq
{
    private static readonly Lazy<Task<string>> Broker = new(EnsureRunningAsync);

    public static Task<string> UriAsync() => Broker.Value;

    public static bool Managed => Environment.GetEnvironmentVariable("SAMVERKAN_TEST_RABBITMQ") is not { Length: > 0 };

    private static async Task<string> EnsureRunningAsync()
    {
        if (!Managed) return Environment.GetEnvironmentVariable("SAMVERKAN_TEST_RABBITMQ")!;
        if (!File.Exists("/usr/sbin/rabbitmq-server"))
        {
            if (Environment.UserName != "root")
                throw new InvalidOperationException("RabbitMQ is not installed: run `sudo apt-get install " +
                    "rabbitmq-server` (Debian), or set SAMVERKAN_TEST_RABBITMQ.");
            if (await RunAsync("sh", "-c",
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server") != 0)
                throw new InvalidOperationException("apt-get could not install rabbitmq-server.");
        }
        if (!await PingAsync()) await StartAsync();
        return "amqp://guest:guest@127.0.0.1:5672";
    }

    /// <summary>Stops the broker, as an outage does.</summary>
    public static Task StopAsync() => RunAsync("service", "rabbitmq-server", "stop");

    public static async Task StartAsync()
    {
        await RunAsync("service", "rabbitmq-server", "start");
        for (var i = 0; i < 60; i++)
        {
            if (await PingAsync()) return;
            await Task.Delay(1000);
        }
        throw new InvalidOperationException("RabbitMQ did not answer a ping within a minute of starting.");
    }

    private static async Task<bool> PingAsync() => await RunAsync("rabbitmq-diagnostics", "-q", "ping") == 0;

    private static async Task<int> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        // The broker keeps inherited pipes open: wait for the command to exit, not for the pipes to close.
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
