using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Evaluations;
using Samverkan.EventStore.Application.Research;
using Samverkan.EventStore.Application.Sundbyholm;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Research;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace Samverkan.EventStore.Application.Tests;

/// <summary>Sundbyholm 2014 replayed through the bus; every number is read back from the read models.</summary>
public sealed class Sundbyholm2014Fixture(HandlerFixture app)
{
    public ConferenceSummary Conference { get; private set; } = null!;
    public ProtocolView Core { get; private set; } = null!;
    public ProtocolView Comprehensive { get; private set; } = null!;
    public Domain.Evaluation.EvaluationResults Evaluation { get; private set; } = null!;
    public Domain.Research.ConferenceRecord Record { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var id = await Sundbyholm2014Replay.RunAsync(app.Bus, app.Secrets);
        await using var session = app.Store.QuerySession();
        var conference = await session.LoadConference(id, CancellationToken.None);
        Conference = ConferenceSummary.Of(conference);
        Core = ProtocolView.Of(conference, "core");
        Comprehensive = ProtocolView.Of(conference, "comprehensive");
        Evaluation = await session.EvaluationResults(id, CancellationToken.None);
        Record = await session.LoadRecord(app.Secrets, id, CancellationToken.None);
    }
}

[Collection(nameof(HandlerCollection))]
public class Sundbyholm2014Tests(HandlerFixture app)
{
    // Replayed once for the whole class: 5,382 ballots through the bus.
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static Sundbyholm2014Fixture? _replayed;

    private async Task<Sundbyholm2014Fixture> Replay()
    {
        await Once.WaitAsync();
        try
        {
            if (_replayed is null)
            {
                var fixture = new Sundbyholm2014Fixture(app);
                await fixture.InitializeAsync();
                _replayed = fixture;
            }
            return _replayed;
        }
        finally
        {
            Once.Release();
        }
    }

    [Theory]
    [InlineData(1, 97, 14, 46, 37)]
    [InlineData(2, 37, 17, 20, 0)]
    [InlineData(3, 40, 5, 16, 19)]
    [InlineData(4, 19, 5, 14, 0)]
    public async Task Each_round_reproduces_the_report(int round, int balloted, int advanced, int eliminated,
        int carried)
    {
        var r = (await Replay()).Conference.Rounds.Single(x => x.Round == round);
        Assert.Equal((balloted, advanced, eliminated, carried), (r.Balloted, r.Advanced, r.Eliminated, r.CarriedOver));
    }

    [Fact]
    public async Task The_comprehensive_protocol_holds_the_41_of_the_report_and_96_are_eliminated()
    {
        var replayed = await Replay();
        int[] reported = [1, 7, 18, 25, 30, 31, 34, 54, 57, 86, 103, 110, 113, 125, 137, 3, 9, 11, 15, 16, 20, 21, 28,
            39, 41, 53, 56, 60, 63, 66, 75, 79, 89, 91, 96, 97, 102, 108, 109, 124, 132];
        Assert.Equal(reported.Order(), replayed.Comprehensive.Members.Select(m => m.Indicator).Order());
        Assert.Equal((31, 10), (replayed.Comprehensive.Members.Count(m => m.Category == "process"),
            replayed.Comprehensive.Members.Count(m => m.Category == "effect")));
        Assert.Equal(96, replayed.Conference.Indicators.Count(i => i.Status == IndicatorStatus.Eliminated));
    }

    [Fact]
    public async Task Round_5_selects_the_core_of_the_report_with_its_shares()
    {
        var replayed = await Replay();
        var round5 = replayed.Conference.Rounds.Single(r => r.Round == 5);
        Assert.Equal((41, 15), (round5.Balloted, round5.Advanced));
        var reported = new Dictionary<int, int>
        {
            [1] = 100, [7] = 57, [18] = 87, [25] = 74, [30] = 65, [31] = 65, [34] = 91, [54] = 57, [57] = 96, [86] = 91,
            [103] = 100, [110] = 83, [113] = 61, [125] = 65, [137] = 87,
        };
        Assert.Equal(reported, replayed.Core.Members.ToDictionary(m => m.Indicator, m =>
            (int)Math.Round(m.Share * 100, MidpointRounding.AwayFromZero)));
        Assert.True(replayed.Core.Adopted);
    }

    [Fact]
    public async Task The_core_counts_by_perspective_as_the_report_does()
    {
        var core = (await Replay()).Core.Members;
        var counts = core.GroupBy(m => (m.Perspective, m.Category)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(7, counts[("participant", "process")]);
        Assert.Equal(1, counts[("participant", "effect")]);
        Assert.Equal((1, 2), (counts[("staff", "process")], counts[("staff", "effect")]));
        Assert.Equal((1, 1), (counts[("organisation", "process")], counts[("organisation", "effect")]));
        Assert.Equal((1, 1), (counts[("society", "process")], counts[("society", "effect")]));
    }

    [Fact]
    public async Task The_core_protocol_printed_as_the_report_prints_it() =>
        Snapshot.Match(ProtocolExport.Markdown((await Replay()).Core));

    [Fact]
    public async Task The_comprehensive_protocol_printed_as_the_report_prints_it() =>
        Snapshot.Match(ProtocolExport.Markdown((await Replay()).Comprehensive));

    [Theory]
    [InlineData(1, 20, 3, 0, 0, 0)]
    [InlineData(2, 23, 0, 0, 0, 0)]
    [InlineData(3, 22, 1, 0, 0, 0)]
    [InlineData(4, 22, 1, 0, 0, 0)]
    [InlineData(5, 15, 5, 0, 2, 1)]
    [InlineData(6, 22, 1, 0, 0, 0)]
    public async Task The_evaluation_counts_as_the_report(int question, int satisfied, int neither, int dissatisfied,
        int own, int missing)
    {
        var evaluation = (await Replay()).Evaluation;
        var q = evaluation.Questions.Single(x => x.Number == question);
        Assert.Equal((satisfied, neither, dissatisfied, own, missing),
            (q.Options[0].Count, q.Options[1].Count, q.Options[2].Count, q.OwnAlternatives, q.Missing));
        Assert.Equal(("Nöjd", 23), (q.Options[0].Option, evaluation.Respondents));
    }

    [Fact]
    public async Task The_evaluation_keeps_the_15_comments()
    {
        var comments = (await Replay()).Evaluation.Comments;
        Assert.Equal(15, comments.Count);
        Assert.Contains("Konkret, struktur, blandat med fria diskussioner. Bra arbetssätt!", comments);
    }

    [Fact]
    public async Task A_rerun_of_the_stored_record_reproduces_every_recorded_decision()
    {
        var record = (await Replay()).Record;
        Assert.Equal((5, 5_382), (record.Rounds.Count, record.Rounds.Sum(r => r.Ballots.Count)));
        Assert.True(WhatIf.Reproduces(record, new Rerun(record).Run(record.Plan, MissingBallotPolicy.Undetermined)));
    }

    [Fact]
    public async Task The_in_memory_record_reruns_to_the_same_decisions_as_the_stored_one()
    {
        // The benchmark and docs/research.md use the in-memory record: it must be the replayed conference.
        static IEnumerable<string> Decisions(ConferenceRecord record) =>
            new Rerun(record).Run(record.Plan, MissingBallotPolicy.Undetermined).Rounds
                .SelectMany(r => r.Decisions.Select(d => $"{r.Number}:{d.Indicator}:{d.Tally}:{d.Outcome}:{d.Rule}"))
                .Order();
        Assert.Equal(Decisions((await Replay()).Record), Decisions(Sundbyholm2014.Record()));
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(0.6)]
    public async Task Reruns_with_another_elimination_threshold_as_docs_research_shows_them(double threshold)
    {
        var result = Studies.Rerun((await Replay()).Record,
            new RerunRequest([new RuleChange(EliminateBelow: (decimal)threshold)]));
        Snapshot.Match(ResearchReports.Table(result),
            SnapshotNameExtension.Create(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_plan_passes_the_round_plan_rules() =>
        Assert.Empty(Sundbyholm2014.Plan.Problems(["process", "effect"]));
}
