using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Samverkan.EventStore.Application.EventStore;

namespace Samverkan.EventStore.Host.Operations;

/// <summary>
/// OpenTelemetry traces and metrics of ASP.NET Core, Npgsql, Marten and Wolverine, and the service's own
/// (<see cref="ConsensusMetrics"/>: ballots recorded, close duration), exported over OTLP when an endpoint is
/// configured with the standard variable <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; without one nothing is collected.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is not { Length: > 0 }) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("samverkan-eventstore"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddSource("Marten", "Wolverine")
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(ConsensusMetrics.MeterName, "Marten", "Wolverine")
                .AddOtlpExporter());
        return services;
    }
}
