using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;

namespace Samverkan.EventStore.Host.Operations;

/// <summary>
/// Keeps request lines out of every log, whatever the configuration says: a request line names the expert being
/// checked in, and its time beside the ballots' would undo the anonymity the log is built for.
/// </summary>
public static class RequestLines
{
    private static readonly string[] Categories =
        ["Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing.EndpointMiddleware"];

    public static ILoggingBuilder KeepRequestLinesOut(this ILoggingBuilder logging)
    {
        // After configuration, and for each provider it names too: a provider's own rule would win over a general one.
        logging.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>>(
            new PostConfigureOptions<LoggerFilterOptions>(Options.DefaultName, options =>
            {
                var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
                foreach (var provider in providers)
                foreach (var category in Categories)
                    options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Warning, null));
            }));
        return logging;
    }
}
