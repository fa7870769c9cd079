using JasperFx;
using JasperFx.CodeGeneration;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Integration;
using Samverkan.EventStore.Application.Integration.Webhooks;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Host.Database;
using Samverkan.EventStore.Host.Http;
using Samverkan.EventStore.Host.Operations;
using Samverkan.EventStore.Host.Room;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
// The commands (Commands/, JasperFx's command line) print tables and JSON: keep the host's own logging out of them.
var verb = args is [("sundbyholm" or "research"), ..];
using var startupLogs = LoggerFactory.Create(logging =>
    logging.AddConsole().SetMinimumLevel(verb ? LogLevel.Warning : LogLevel.Information));
var startupLog = startupLogs.CreateLogger("Samverkan.EventStore");

var connectionString = await DatabaseBootstrap.ResolveConnectionStringAsync(
    builder.Configuration, builder.Environment.ContentRootPath, startupLog);
var dataDirectory = DatabaseBootstrap.DataDirectory(builder.Configuration, builder.Environment.ContentRootPath);
var serverSecret = ServerSecret.Load(builder.Configuration, dataDirectory);
builder.Services.AddSingleton(new ConferenceSecrets(serverSecret));

// Integration events go to RabbitMQ when a broker is configured, and to registered webhooks always.
var rabbitMq = builder.Configuration["Samverkan:RabbitMq"] is { Length: > 0 } broker ? new Uri(broker) : null;
var webhooks = builder.Configuration.GetSection("Samverkan:Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
builder.Services.AddSingleton(webhooks);
builder.Services.AddHttpClient(WebhookSender.HttpClientName);
builder.Services.AddSingleton<WebhookSender>();

builder.Services.AddConsensusEventStore(connectionString).PublishIntegrationEvents(toRabbitMq: rabbitMq is not null);
builder.Host.UseWolverine(options =>
{
    // Named outright: under a test runner the entry assembly is the runner, and endpoints would go unfound.
    options.ApplicationAssembly = typeof(Program).Assembly;
    options.UseConsensusHandlers();
    options.UseIntegrationPublishing(rabbitMq, webhooks);
    // The handlers' and endpoints' code is generated ahead (Internal/Generated, by "codegen write" after a change of
    // a handler or an endpoint), not compiled at start: Roslyn and the assemblies it reads cost ~200 MB resident.
    options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
    // Several nodes may share the database: their leader gives the integration-event relay and each durable agent
    // to one node at a time (docs/operations.md, "Several nodes"). A command is no node: it runs its handlers only,
    // or it could be given the relay, configured without the nodes' broker.
    options.Durability.Mode = verb ? DurabilityMode.MediatorOnly : DurabilityMode.Balanced;
    // A heartbeat a second, the first at once: the leader is elected and the relay running within seconds of the
    // start, not after ~20 s (Wolverine's 3 s + 10 s defaults, then an assignment).
    options.Durability.FirstHealthCheckExecution = TimeSpan.Zero;
    options.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
    // A node silent this long (a crash, a kill) is dead, and its relay moves to another node; the default is 1 min.
    options.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(15);
});
builder.Services.AddWolverineHttp();
builder.Services.ConfigureHttpJsonOptions(json => StrictInput.Configure(json.SerializerOptions));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = StrictInput.MaxBodyBytes);
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = RejectionProblemDetails.AddMissingCode);
builder.Services.AddExceptionHandler<RejectionProblemDetails>();
builder.Services.AddOpenApi();
builder.Services.AddReadiness(connectionString, rabbitMq);
builder.Services.AddRoom(connectionString, serverSecret);
builder.Services.AddTelemetry(builder.Configuration);
if (verb)
{
    builder.Logging.AddFilter((_, _, level) => level >= LogLevel.Warning);
    // JasperFx writes its notes (the assemblies it searched for commands) to the console: to stderr, so that
    // "research export > file.json" holds the data alone.
    Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
    {
        Out = new Spectre.Console.AnsiConsoleOutput(Console.Error),
    });
}
builder.Logging.KeepPersonalDataOut();
if (builder.Configuration.GetValue("Samverkan:SeedSundbyholm", true) && !verb)
    builder.Services.AddHostedService<SundbyholmSeed>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.Use((context, next) => StrictInput.GuardBody(context, next));
app.MapOpenApi();
app.MapScalarApiReference("/api-reference", options => options.WithTitle("Samverkan.EventStore"));
app.MapRoom();
app.MapHealth();
// "?sequence=abc" is a 400 problem, not a silent default.
app.MapWolverineEndpoints(http =>
{
    http.RejectUnparseableQueryValues = true;
    http.CheckAccess();
});

return await app.RunJasperFxCommands(args);

/// <summary>The entry point, visible to WebApplicationFactory in the end-to-end tests.</summary>
public partial class Program;
