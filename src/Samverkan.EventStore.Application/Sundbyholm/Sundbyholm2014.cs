using System.Text.Json;
using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Sundbyholm;

/// <summary>
/// The April 2014 consensus conference at Sundbyholm as data: its catalog, its round plan and seeded ballots
/// that reproduce every count of the report. What is taken from the report and what is assumed is in
/// docs/sundbyholm-2014.md.
/// </summary>
public static class Sundbyholm2014
{
    public const int Voters = 23;
    public const int Invited = 24;
    public const int Seed = 2014;
    public const string Place = "Sundbyholms slott, Eskilstuna";

    private sealed record ReportedIndicator(int OriginalNumber, string Text, string Level, int? YesSharePercentRound5,
        string Category, string? Perspective);

    private static readonly IReadOnlyList<ReportedIndicator> Reported =
        Load<List<ReportedIndicator>>("sundbyholm-2014-indicators.json");

    private static T Load<T>(string resource)
    {
        using var stream = typeof(Sundbyholm2014).Assembly.GetManifestResourceStream(resource)!;
        return JsonSerializer.Deserialize<T>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private sealed record ReportedQuestion(int Number, string Text, int[] Counts, int OwnAlternative, int Missing);

    private sealed record ReportedEvaluation(int Respondents, string[] Scale, List<ReportedQuestion> Questions,
        List<string> Comments);

    private static readonly ReportedEvaluation Evaluation = Load<ReportedEvaluation>("sundbyholm-2014-evaluation.json");

    /// <summary>
    /// The six questions, answered Nöjd / Varken nöjd eller missnöjd / Missnöjd (question 5 also takes an own
    /// alternative).
    /// </summary>
    public static IReadOnlyList<Domain.Evaluation.EvaluationQuestion> Questionnaire() =>
        Evaluation.Questions.Select(q => new Domain.Evaluation.EvaluationQuestion(q.Number, q.Text, Evaluation.Scale,
            q.OwnAlternative > 0)).ToList();

    /// <summary>
    /// The 23 respondents' answers as the report counts them, and the 15 comments. The report gives counts, not
    /// who answered what, so respondent i simply takes the i-th answer of each question's tally.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<Domain.Evaluation.EvaluationAnswer> Answers, string? Comment)>
        EvaluationResponses() =>
        Enumerable.Range(0, Evaluation.Respondents).Select(i => (
            (IReadOnlyList<Domain.Evaluation.EvaluationAnswer>)Evaluation.Questions
                .Select(q => AnswerOf(q, i))
                .OfType<Domain.Evaluation.EvaluationAnswer>()
                .ToList(),
            i < Evaluation.Comments.Count ? Evaluation.Comments[i] : null))
        .ToList();

    private static Domain.Evaluation.EvaluationAnswer? AnswerOf(ReportedQuestion q, int respondent)
    {
        var tally = q.Counts.SelectMany((count, option) => Enumerable.Repeat<string?>(Evaluation.Scale[option], count))
            .Concat(Enumerable.Repeat<string?>("", q.OwnAlternative))
            .Concat(Enumerable.Repeat<string?>(null, q.Missing))
            .ToList();
        return tally[respondent] switch
        {
            null => null,
            "" => new Domain.Evaluation.EvaluationAnswer(q.Number,
                OwnAlternative: "eget alternativ (texten redovisas inte i rapporten)"),
            var option => new Domain.Evaluation.EvaluationAnswer(q.Number, Option: option),
        };
    }

    /// <summary>137 indicators: process 1–97 and effect 98–137; the 96 the report does not print say so.</summary>
    public static IReadOnlyList<Indicator> Catalog() =>
        Enumerable.Range(1, 137)
            .Select(n => Reported.FirstOrDefault(r => r.OriginalNumber == n) is { } r
                ? new Indicator(n, r.Text, r.Category, r.Perspective)
                : new Indicator(n, $"Indikator {n}: texten publiceras inte i rapporten.",
                    n <= 97 ? "process" : "effect"))
            .ToList();

    public static readonly RoundPlan Plan = new(["comprehensive", "core"],
    [
        new(1, RoundScope.InPlay("process"),
            new RoundRules(new EliminationRule(0.5m), new DirectAdvanceRule("comprehensive", TopN: 14))),
        new(2, RoundScope.InPlay("process"), new RoundRules(Advance: new DirectAdvanceRule("comprehensive", TopN: 17),
            Remainder: RemainderPolicy.Eliminate)),
        new(3, RoundScope.InPlay("effect"),
            new RoundRules(new EliminationRule(0.5m), new DirectAdvanceRule("comprehensive", TopN: 5))),
        new(4, RoundScope.InPlay("effect"), new RoundRules(Advance: new DirectAdvanceRule("comprehensive", TopN: 5),
            Remainder: RemainderPolicy.Eliminate)),
        new(5, RoundScope.MembersOf("comprehensive"), new RoundRules(
            Select: new FinalSelectionRule("core", new Dictionary<string, int> { ["process"] = 10, ["effect"] = 5 }),
            Remainder: RemainderPolicy.Retain)),
    ]);

    /// <summary>
    /// The yes votes (of 23) each indicator gets in each round. The core's round-5 counts are the report's shares;
    /// the rest are drawn, seeded, from ranges that give the report's outcome (see docs/sundbyholm-2014.md).
    /// </summary>
    public static IReadOnlyDictionary<int, IReadOnlyDictionary<int, int>> YesVotes()
    {
        var random = new Random(Seed);
        int Draw(int from, int to) => random.Next(from, to + 1);
        var core = Reported.Where(r => r.Level == "core").ToList();
        var comprehensive = Reported.Select(r => r.OriginalNumber).ToHashSet();
        List<int> Numbers(IEnumerable<ReportedIndicator> rs, string category) =>
            rs.Where(r => r.Category == category).Select(r => r.OriginalNumber).Order().ToList();

        var coreProcess = Numbers(core, "process");
        var restProcess = Numbers(Reported.Where(r => r.Level != "core"), "process");
        var coreEffect = Numbers(core, "effect");
        var restEffect = Numbers(Reported.Where(r => r.Level != "core"), "effect");
        var otherProcess = Enumerable.Range(1, 97).Where(n => !comprehensive.Contains(n)).OrderBy(_ => random.Next())
            .ToList();
        var otherEffect = Enumerable.Range(98, 40).Where(n => !comprehensive.Contains(n)).OrderBy(_ => random.Next())
            .ToList();

        // Round 1: the core's 10 and 4 more advance directly; 46 fall under 50 %; 37 go on.
        var round1Advanced = coreProcess.Concat(restProcess.Take(4)).ToList();
        var round2 = restProcess.Skip(4).Concat(otherProcess.Skip(46)).ToList();
        var round1 = round1Advanced.ToDictionary(n => n, _ => Draw(19, 22));
        foreach (var n in round2) round1[n] = Draw(12, 17);
        foreach (var n in otherProcess.Take(46)) round1[n] = Draw(3, 11);

        // Round 2: the 17 remaining comprehensive members beat the 20 others.
        var round2Votes = restProcess.Skip(4).ToDictionary(n => n, _ => Draw(16, 21));
        foreach (var n in otherProcess.Skip(46)) round2Votes[n] = Draw(5, 14);

        // Round 3: the core's 5 effect indicators advance directly; 16 fall under 50 %; 19 go on.
        var round4 = restEffect.Concat(otherEffect.Skip(16)).ToList();
        var round3 = coreEffect.ToDictionary(n => n, _ => Draw(19, 22));
        foreach (var n in round4) round3[n] = Draw(12, 17);
        foreach (var n in otherEffect.Take(16)) round3[n] = Draw(3, 11);

        // Round 4: the 5 other comprehensive effect indicators beat the 14 others.
        var round4Votes = restEffect.ToDictionary(n => n, _ => Draw(16, 21));
        foreach (var n in otherEffect.Skip(16)) round4Votes[n] = Draw(5, 14);

        // Round 5: the core gets exactly its reported share; no other member reaches the core's lowest count.
        var round5 = core.ToDictionary(r => r.OriginalNumber, r =>
            (int)Math.Round(r.YesSharePercentRound5!.Value * Voters / 100m));
        foreach (var n in restProcess) round5[n] = Draw(6, 12);
        foreach (var n in restEffect) round5[n] = Draw(6, 13);

        return new Dictionary<int, IReadOnlyDictionary<int, int>>
        {
            [1] = round1, [2] = round2Votes, [3] = round3, [4] = round4Votes, [5] = round5,
        };
    }

    /// <summary>
    /// Sundbyholm 2014 as a record, in memory: the catalog, plan and ballots the replay casts, with the voters named
    /// voter-01 … voter-23. A rerun of it gives the decisions of the replayed conference without a database.
    /// </summary>
    public static ConferenceRecord Record()
    {
        var yesVotes = YesVotes();
        var voters = Enumerable.Range(0, Voters).Select(v => $"voter-{v + 1:00}").ToList();
        return new ConferenceRecord("Konsensuskonferens om indikatorer för integrerad samverkan", ["process", "effect"],
            Catalog(), Plan,
            Plan.Rounds.Select(r => r.Number).Select(round =>
            {
                var scope = yesVotes[round].Keys.Order().ToList();
                var yes = scope.ToDictionary(i => i, i => YesVoters(round, i, yesVotes[round][i]));
                var ballots = voters.SelectMany((voter, v) => scope.Select(i =>
                    new CountedBallot(voter, i, yes[i].Contains(v) ? Answer.Yes : Answer.No))).ToList();
                return new RecordedRound(round, Voters, ballots, scope);
            }).ToList());
    }

    /// <summary>
    /// Which of the 23 voters say yes to an indicator in a round: a seeded draw of <paramref name="yes"/> of them.
    /// </summary>
    public static IReadOnlySet<int> YesVoters(int round, int indicator, int yes)
    {
        var voters = Enumerable.Range(0, Voters).ToArray();
        // A fixed arithmetic seed: HashCode.Combine is randomised per process and would not replay.
        new Random(Seed * 10_000 + round * 1_000 + indicator).Shuffle(voters);
        return voters.Take(yes).ToHashSet();
    }
}
