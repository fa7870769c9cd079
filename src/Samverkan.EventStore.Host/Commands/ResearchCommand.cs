using System.Globalization;
using System.Text.Json;
using JasperFx.CommandLine;
using Marten;
using Samverkan.EventStore.Application.Research;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Sundbyholm;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Research;
using Wolverine;

namespace Samverkan.EventStore.Host.Commands;

/// <summary>The research endpoints' requests, as flags; with <c>--request</c>, the flags add to the request file.
/// </summary>
public sealed class ResearchInput : NetCoreInput
{
    [Description("rerun, sweep, bootstrap or export")]
    public string Study { get; set; } = "";

    [Description("A stored conference's id, or sundbyholm (replayed into the store once)")]
    public string? ConferenceFlag { get; set; }

    [Description("Or a conference file (format samverkan-conference, version 1)")]
    public string? FileFlag { get; set; }

    [Description("Replace the ballots with a CSV of round,voter,indicator,answer")]
    public string? BallotsFlag { get; set; }

    [Description("The request as the HTTP API takes it, as a JSON file")]
    public string? RequestFlag { get; set; }

    [Description("Rule changes: eliminate below a share, e.g. 0.4 or 0.4@2 (round 2 only)")]
    public List<string> EliminateBelowFlag { get; set; } = [];

    [Description("Rule changes: advance the top N, e.g. 12 or 12@3")]
    public List<string> AdvanceTopFlag { get; set; } = [];

    [Description("Rule changes: advance at or above a share, e.g. 0.8")]
    public List<string> AdvanceShareFlag { get; set; } = [];

    [Description("Rule changes: select the top N of a category, e.g. process=12@5")]
    public List<string> SelectTopFlag { get; set; } = [];

    [Description("The missing-ballot policy: undetermined or carry-forward")]
    public string? MissingFlag { get; set; }

    [Description("Sweep axes: rule[:category]=from:to[:step][@round] or rule[:category]=v1,v2,…[@round]")]
    public List<string> VaryFlag { get; set; } = [];

    [Description("Bootstrap replicates")]
    public int? ReplicatesFlag { get; set; }

    [Description("Bootstrap seed")]
    public int? SeedFlag { get; set; }

    [Description("table, json or csv (export: json, ballots, tallies or decisions)")]
    public string? FormatFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/Samverkan.EventStore.Host -- research rerun|sweep|bootstrap|export …</c>: the research
/// endpoints from the command line, on a stored conference (or Sundbyholm 2014, replayed once) or a conference file.
/// </summary>
[Description("Rerun, sweep or bootstrap a conference under other rules, or export its record", Name = "research")]
public sealed class ResearchCommand : JasperFxAsyncCommand<ResearchInput>
{
    public override async Task<bool> Execute(ResearchInput input)
    {
        using var host = input.BuildHost();
        try
        {
            if (input.Study is not ("rerun" or "sweep" or "bootstrap" or "export"))
                throw new ArgumentException($"The study is rerun, sweep, bootstrap or export, not '{input.Study}'.");
            var record = await LoadRecord(host, input);
            var format = input.FormatFlag ?? (input.Study == "export" ? "json" : "table");
            Console.Write(input.Study switch
            {
                "rerun" => Render(Studies.Rerun(record, Rerun(input)), format, ResearchReports.Table,
                    ResearchReports.DecisionsCsv),
                "sweep" => Render(Studies.Sweep(record, Sweep(input)), format, r =>
                    ResearchReports.Table(r, top: int.MaxValue), ResearchReports.Csv),
                "bootstrap" => Render(Studies.Bootstrap(record, Bootstrap(input)), format,
                    ResearchReports.Table, ResearchReports.Csv),
                _ => format switch
                {
                    "json" => ConferenceFile.Of(record).Write() + "\n",
                    "ballots" => ResearchReports.BallotsCsv(record),
                    "tallies" => ResearchReports.TalliesCsv(record),
                    "decisions" => ResearchReports.DecisionsCsv(record),
                    _ => throw new ArgumentException($"Export as json, ballots, tallies or decisions, not '{format}'."),
                },
            });
            return true;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return false;
        }
        catch (CommandRejected e)
        {
            await Console.Error.WriteLineAsync($"{e.Rejection.Title}: {e.Rejection.Detail}");
            return false;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<ConferenceRecord> LoadRecord(IHost host, ResearchInput input)
    {
        var ballots = input.BallotsFlag is { } csv ? await File.ReadAllTextAsync(csv) : null;
        if (input.FileFlag is { } file)
            return Studies.Record(null, ConferenceFile.Parse(await File.ReadAllTextAsync(file)), ballots);

        var conference = input.ConferenceFlag
            ?? throw new ArgumentException("Name a conference (--conference) or a file (--file).");
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var id = conference == "sundbyholm"
            ? (await Sundbyholm2014Replay.FindOrRunAsync(store, host.Services.GetRequiredService<IMessageBus>(),
                host.Services.GetRequiredService<ConferenceSecrets>())).Id
            : Guid.TryParse(conference, out var guid) ? guid
            : throw new ArgumentException($"'{conference}' is neither a conference id nor sundbyholm.");
        await using var session = store.QuerySession();
        var secrets = host.Services.GetRequiredService<ConferenceSecrets>();
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

    private static RerunRequest Rerun(ResearchInput input)
    {
        var request = Request<RerunRequest>(input) ?? new RerunRequest();
        return request with { Changes = [.. request.Changes ?? [], .. Changes(input)],
            MissingBallots = Missing(input) ?? request.MissingBallots };
    }

    private static SweepRequest Sweep(ResearchInput input)
    {
        var request = Request<SweepRequest>(input) ?? new SweepRequest([]);
        return request with
        {
            Axes = [.. request.Axes, .. input.VaryFlag.Select(Axis)],
            Changes = [.. request.Changes ?? [], .. Changes(input)],
            MissingBallots = Missing(input) ?? request.MissingBallots,
        };
    }

    private static BootstrapRequest Bootstrap(ResearchInput input)
    {
        var request = Request<BootstrapRequest>(input) ?? new BootstrapRequest();
        return request with
        {
            Replicates = input.ReplicatesFlag ?? request.Replicates,
            Seed = input.SeedFlag ?? request.Seed,
            Changes = [.. request.Changes ?? [], .. Changes(input)],
            MissingBallots = Missing(input) ?? request.MissingBallots,
        };
    }

    private static T? Request<T>(ResearchInput input) where T : class =>
        input.RequestFlag is { } path
            ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), ConferenceFile.Json)
            : null;

    private static MissingBallotPolicy? Missing(ResearchInput input) => input.MissingFlag switch
    {
        null => null,
        "undetermined" => MissingBallotPolicy.Undetermined,
        "carry-forward" => MissingBallotPolicy.CarryForwardLastShare,
        var other =>
            throw new ArgumentException("The missing-ballot policy is undetermined or carry-forward, not " +
            $"'{other}'."),
    };

    private static IEnumerable<RuleChange> Changes(ResearchInput input) =>
        input.EliminateBelowFlag.Select(v =>
            At(v, (round, x) => new RuleChange(round, EliminateBelow: Decimal(x))))
            .Concat(input.AdvanceTopFlag.Select(v =>
                At(v, (round, x) => new RuleChange(round, AdvanceTopN: Int(x)))))
            .Concat(input.AdvanceShareFlag.Select(v =>
                At(v, (round, x) => new RuleChange(round, AdvanceAtOrAbove: Decimal(x)))))
            .Concat(input.SelectTopFlag.Select(v => At(v, (round, x) =>
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
