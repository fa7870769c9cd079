using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Evaluations;
using Samverkan.EventStore.Application.Voting;
using Samverkan.EventStore.Domain.Conferences;

namespace Samverkan.EventStore.Host.Operations;

/// <summary>
/// Keeps personal data out of every log, whatever the configuration says. A request line names the expert being
/// checked in, and its time beside the ballots' would undo the anonymity the log is built for. Wolverine logs a
/// refused command with the command itself ("Invocation of … failed!", under the command type's category): a
/// refused ballot would put a pseudonym and its answer in the log, a registration a name, a check-in its
/// Idempotency-Key. Refusals reach the client as problems; nothing is lost by keeping them out.
/// </summary>
public static class LogPrivacy
{
    private static readonly (string Category, LogLevel Below)[] Rules =
    [
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning),
        ("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Warning),
        // Wolverine's loggers of the commands that carry a voter's, a respondent's or an expert's data.
        (typeof(CastBallot).Namespace!, LogLevel.None),
        (typeof(SubmitEvaluation).Namespace!, LogLevel.None),
        (typeof(RegisterExpert).Namespace!, LogLevel.None),
        (typeof(RevokeVoterCredential).Namespace!, LogLevel.None),
    ];

    public static ILoggingBuilder KeepPersonalDataOut(this ILoggingBuilder logging)
    {
        // After configuration, and for each provider it names too: a provider's own rule would win over a general one.
        logging.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>>(
            new PostConfigureOptions<LoggerFilterOptions>(Options.DefaultName, options =>
            {
                var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
                foreach (var provider in providers)
                foreach (var (category, level) in Rules)
                    options.Rules.Add(new LoggerFilterRule(provider, category, level, null));
            }));
        return logging;
    }
}
