using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Samverkan.EventStore.Host.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers (for a restart policy). <c>/health/ready</c>: it can do its work, so a
/// load balancer may send it requests: PostgreSQL answers a query and, when configured, RabbitMQ takes a connection.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddReadiness(
        this IServiceCollection services, string connectionString, Uri? rabbitMq)
    {
        var checks = services.AddHealthChecks()
            .AddNpgSql(connectionString, name: "postgresql", tags: [Ready], timeout: TimeSpan.FromSeconds(3));
        if (rabbitMq is not null)
            checks.Add(new HealthCheckRegistration("rabbitmq", _ => new RabbitMqCheck(rabbitMq), null, [Ready],
                TimeSpan.FromSeconds(3)));
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write })
            .ExcludeFromDescription();
        app.MapHealthChecks("/health/ready",
                new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = Write })
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The status overall and per check, with no exception text (it may name hosts and users).</summary>
    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }

    /// <summary>RabbitMQ is ready when it takes an AMQP connection (its health-check package is not served).</summary>
    private sealed class RabbitMqCheck(Uri broker) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            try
            {
                await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("RabbitMQ does not take a connection.");
            }
        }
    }
}
