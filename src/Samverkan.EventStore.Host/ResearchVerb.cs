using System.Globalization;
using System.Text.Json;
using Marten;
using Samverkan.EventStore.Application.Research;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Sundbyholm;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Research;
using Wolverine;

namespace Samverkan.EventStore.Host;

/// <summary>
/// <c>dotnet run --project src/Samverkan.EventStore.Host -- research rerun|sweep|bootstrap|export …</c>: the research
/// endpoints from the command line, on a stored conference (or Sundbyholm 2014, replayed once) or a conference file.
/// </summary>
public static class ResearchVerb
{
    public const string Usage = """
        research rerun|sweep|bootstrap|export
          --conference <id>|sundbyholm   a stored conference (sundbyholm: replayed into the store once)
          --file <conference.json>       or a conference file (format samverkan-conference, version 1)
          --ballots <ballots.csv>        replace the ballots with a CSV of round,voter,indicator,answer
          --request <request.json>       the request as the HTTP API takes it (flags below add to it)
          --eliminate-below 0.4[@round]  --advance-top 12[@round]  --advance-share 0.8[@round]
        """ + "\n" +
        "  --select-top process=12[@round]                       rule changes " +
        "(without @round: every round with that rule)\n" + """
          --missing undetermined|carry-forward                  the missing-ballot policy
          --vary eliminateBelow=0.30:0.70:0.05[@round]          a sweep axis (from:to[:step], or v1,v2,…)
          --vary selectTopN:process=8:12[@round]
          --replicates 1000 --seed 2014                         the bootstrap
          --format table|json|csv                               (export: json|ballots|tallies|decisions)
        """;

    public static bool Matches(string[] args) => args is ["research", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            var options = Options.Parse(args.Skip(2).ToArray());
            var study = args.Length > 1 ? args[1] : "";
            if (study is not ("rerun" or "sweep" or "bootstrap" or "export"))
                throw new ArgumentException($"Unknown study '{study}'.");
            var record = await LoadRecord(app, options);
            var format = options.Single("--format") ?? (study == "export" ? "json" : "table");
            Console.Write(study switch
            {
                "rerun" => Render(Studies.Rerun(record, options.Rerun()), format, ResearchReports.Table,
                    ResearchReports.DecisionsCsv),
                "sweep" => Render(Studies.Sweep(record, options.Sweep()), format, r =>
                    ResearchReports.Table(r, top: int.MaxValue), ResearchReports.Csv),
                "bootstrap" => Render(Studies.Bootstrap(record, options.Bootstrap()), format, ResearchReports.Table,
                    ResearchReports.Csv),
                _ => format switch
                {
                    "json" => ConferenceFile.Of(record).Write() + "\n",
                    "ballots" => ResearchReports.BallotsCsv(record),
                    "tallies" => ResearchReports.TalliesCsv(record),
                    "decisions" => ResearchReports.DecisionsCsv(record),
                    _ => throw new ArgumentException($"Export as json, ballots, tallies or decisions, not '{format}'."),
                },
            });
            return 0;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n\nusage: {Usage}");
            return 2;
        }
        catch (CommandRejected e)
        {
            await Console.Error.WriteLineAsync($"{e.Rejection.Title}: {e.Rejection.Detail}");
            return 2;
        }
        finally
        {
            if (app.Lifetime.ApplicationStarted.IsCancellationRequested) await app.StopAsync();
        }
    }

    private static async Task<ConferenceRecord> LoadRecord(WebApplication app, Options options)
    {
        var ballots = options.Single("--ballots") is { } csv ? await File.ReadAllTextAsync(csv) : null;
        if (options.Single("--file") is { } file)
            return Studies.Record(null, ConferenceFile.Parse(await File.ReadAllTextAsync(file)), ballots);

        var conference = options.Single("--conference")
            ?? throw new ArgumentException("Name a conference (--conference) or a file (--file).");
        await app.StartAsync();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var id = conference == "sundbyholm"
            ? (await Sundbyholm2014Replay.FindOrRunAsync(store, app.Services.GetRequiredService<IMessageBus>(),
                app.Services.GetRequiredService<ConferenceSecrets>())).Id
            : Guid.TryParse(conference, out var guid) ? guid
            : throw new ArgumentException($"'{conference}' is neither a conference id nor sundbyholm.");
        await using var session = store.QuerySession();
        var secrets = app.Services.GetRequiredService<ConferenceSecrets>();
        return Studies.Record(await session.LoadRecord(secrets, id, CancellationToken.None), null, ballots);
    }

    private static string Render<T>(T result, string format, Func<T, string> table, Func<T, string> csv) =>
        format switch
    {
        "table" => table(result),
        "json" => JsonSerializer.Serialize(result, ConferenceFile.Json) + "\n",
        "csv" => csv(result),
        _ => throw new ArgumentException($"Answer as table, json or csv, not '{format}'."),
    };

    /// <summary>The command line's flags, each possibly repeated, turned into the API's requests.</summary>
    private sealed class Options(ILookup<string, string> flags)
    {
        private static readonly string[] Known =
        [
            "--conference", "--file", "--ballots", "--request", "--eliminate-below", "--advance-top", "--advance-share",
                "--select-top",
            "--missing", "--vary", "--replicates", "--seed", "--format",
        ];

        public static Options Parse(string[] args)
        {
            var pairs = new List<(string, string)>();
            for (var i = 0; i < args.Length; i += 2)
            {
                if (!Known.Contains(args[i])) throw new ArgumentException($"Unknown option '{args[i]}'.");
                if (i + 1 >= args.Length) throw new ArgumentException($"The option {args[i]} needs a value.");
                pairs.Add((args[i], args[i + 1]));
            }
            return new Options(pairs.ToLookup(p => p.Item1, p => p.Item2));
        }

        public string? Single(string flag) => flags[flag].LastOrDefault();

        public RerunRequest Rerun()
        {
            var request = Request<RerunRequest>() ?? new RerunRequest();
            return request with { Changes = [.. request.Changes ?? [], .. Changes()],
                MissingBallots = Missing() ?? request.MissingBallots };
        }

        public SweepRequest Sweep()
        {
            var request = Request<SweepRequest>() ?? new SweepRequest([]);
            return request with
            {
                Axes = [.. request.Axes, .. flags["--vary"].Select(Axis)],
                Changes = [.. request.Changes ?? [], .. Changes()],
                MissingBallots = Missing() ?? request.MissingBallots,
            };
        }

        public BootstrapRequest Bootstrap()
        {
            var request = Request<BootstrapRequest>() ?? new BootstrapRequest();
            return request with
            {
                Replicates = Single("--replicates") is { } r ? Int(r) : request.Replicates,
                Seed = Single("--seed") is { } s ? Int(s) : request.Seed,
                Changes = [.. request.Changes ?? [], .. Changes()],
                MissingBallots = Missing() ?? request.MissingBallots,
            };
        }

        private T? Request<T>() where T : class =>
            Single("--request") is { } path ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), ConferenceFile.Json)
                : null;

        private MissingBallotPolicy? Missing() => Single("--missing") switch
        {
            null => null,
            "undetermined" => MissingBallotPolicy.Undetermined,
            "carry-forward" => MissingBallotPolicy.CarryForwardLastShare,
            var other =>
                throw new ArgumentException("The missing-ballot policy is undetermined or carry-forward, not " +
                $"'{other}'."),
        };

        private IEnumerable<RuleChange> Changes() =>
            flags["--eliminate-below"].Select(v =>
                At(v, (round, x) => new RuleChange(round, EliminateBelow: Decimal(x))))
                .Concat(flags["--advance-top"].Select(v =>
                    At(v, (round, x) => new RuleChange(round, AdvanceTopN: Int(x)))))
                .Concat(flags["--advance-share"].Select(v =>
                    At(v, (round, x) => new RuleChange(round, AdvanceAtOrAbove: Decimal(x)))))
                .Concat(flags["--select-top"].Select(v => At(v, (round, x) =>
                {
                    var (category, n) = Split(x, '=', "--select-top takes category=N, e.g. process=12.");
                    return new RuleChange(round, SelectTopN: new Dictionary<string, int> { [category] = Int(n) });
                })));

        /// <summary>rule[:category]=from:to[:step][@round] or rule[:category]=v1,v2,…[@round].</summary>
        private static SweepAxis Axis(string value) => At(value, (round, x) =>
        {
            var (name, range) =
                Split(x, '=', "--vary takes rule[:category]=from:to[:step], e.g. eliminateBelow=0.30:0.70:0.05.");
            var (rule, category) = name.Contains(':') ? Split(name, ':', "") : (name, null);
            if (range.Contains(','))
                return new SweepAxis(rule, round, category, Values: range.Split(',').Select(Decimal).ToList());
            var parts = range.Split(':').Select(Decimal).ToList();
            if (parts.Count is < 2 or > 3) throw new ArgumentException($"'{range}' is not from:to or from:to:step.");
            return new SweepAxis(rule, round, category, From: parts[0], To: parts[1],
                Step: parts.Count == 3 ? parts[2] : null);
        });

        private static T At<T>(string value, Func<int?, string, T> make)
        {
            var at = value.LastIndexOf('@');
            return at < 0 ? make(null, value) : make(Int(value[(at + 1)..]), value[..at]);
        }

        private static (string, string) Split(string value, char separator, string usage)
        {
            var at = value.IndexOf(separator);
            return at < 0 ? throw new ArgumentException(usage) : (value[..at], value[(at + 1)..]);
        }

        private static int Int(string value) =>
            int.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n
                : throw new ArgumentException($"'{value}' is not a whole number.");

        private static decimal Decimal(string value) =>
            decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d
                : throw new ArgumentException($"'{value}' is not a number.");
    }
}
