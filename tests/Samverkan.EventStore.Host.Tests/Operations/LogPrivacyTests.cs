using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samverkan.EventStore.Host.Operations;
using Xunit;

namespace Samverkan.EventStore.Host.Tests.Operations;

public class LogPrivacyTests
{
    /// <summary>A request line names the expert being checked in: no configuration may bring it into the log.</summary>
    [Theory]
    [InlineData("Logging:LogLevel:Default")]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics")]
    [InlineData("Logging:Console:LogLevel:Default")]
    [InlineData("Logging:Console:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics")]
    public void Request_lines_stay_out_of_the_log_whatever_the_configuration_says(string setting)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [setting] = "Trace" }).Build();
        using var services = new ServiceCollection().AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddConsole()
            .KeepPersonalDataOut()).BuildServiceProvider();
        var logs = services.GetRequiredService<ILoggerFactory>();

        Assert.False(logs.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.False(
            logs.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(logs.CreateLogger("Samverkan.EventStore").IsEnabled(LogLevel.Information));
    }

    /// <summary>
    /// Wolverine logs a refused command with the command itself, under the command type's category: a refused
    /// ballot would put a pseudonym and its answer in the log, a registration a name.
    /// </summary>
    [Theory]
    [InlineData(typeof(Application.Voting.CastBallot))]
    [InlineData(typeof(Application.Voting.CastBallotSheet))]
    [InlineData(typeof(Application.Evaluations.SubmitEvaluation))]
    [InlineData(typeof(Application.Conferences.RegisterExpert))]
    [InlineData(typeof(Application.Conferences.CheckInExpert))]
    [InlineData(typeof(Domain.Conferences.RevokeVoterCredential))]
    public void Commands_with_personal_data_stay_out_of_the_log_even_when_refused(Type command)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" }).Build();
        using var services = new ServiceCollection().AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddConsole()
            .KeepPersonalDataOut()).BuildServiceProvider();

        Assert.False(services.GetRequiredService<ILoggerFactory>().CreateLogger(command).IsEnabled(LogLevel.Critical));
    }
}
