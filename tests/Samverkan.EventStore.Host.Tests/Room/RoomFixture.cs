using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>
/// The whole service listening on a loopback port (Kestrel, as a browser needs it), on a throwaway PostgreSQL and the
/// machine's RabbitMQ like <see cref="ApiFixture"/>, and Debian's chromium driven by Playwright. A machine without
/// chromium fails these tests (CI installs it: .ci/run); Playwright cannot download a browser of its own here.
/// </summary>
public sealed class RoomFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ApiFixture Api { get; } = new(onLoopback: true);

    /// <summary>The service's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: test artifacts beside the test assembly.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "room-screenshots");

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        var addresses = Api.Factory.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A client of the service over loopback, with its own cookies (as a browser would keep them).</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, MaxConnectionsPerServer = 1000,
        }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A fresh browser context (its own cookies and storage), at a phone's or a projector's size.</summary>
    public Task<IBrowserContext> Context(ViewportSize viewport) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, BaseURL = Address.ToString() });

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Projector = new() { Width = 1920, Height = 1080 };

    private static string Chromium() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(directory => Path.Combine(directory, "chromium"))
        .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "The browser tests need Debian's chromium on the PATH (apt-get install -y chromium; .ci/run installs it). "
            + "Playwright cannot download a browser of its own on this network.");

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Api.DisposeAsync();
    }
}

[CollectionDefinition(nameof(RoomCollection))]
public sealed class RoomCollection : ICollectionFixture<RoomFixture>;
