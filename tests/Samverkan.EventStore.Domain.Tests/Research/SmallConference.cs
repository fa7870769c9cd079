using Samverkan.EventStore.Domain.Catalog;
using Samverkan.EventStore.Domain.Research;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Tests.Research;

/// <summary>
/// A conference small enough to check by hand. Four voters; process 1–6, effect 7–8.
/// Round 1 (process): eliminate under 50 %, top 2 to comprehensive, the rest carried over.
///   yes: 1: 4/4, 2: 3/4, 3: 2/4, 4: 2/4, 5: 1/4, 6: 0/4 → 1, 2 advance; 5, 6 eliminated; 3, 4 carried.
/// Round 2 (process): top 1 to comprehensive, the rest eliminated.   3: 3/4, 4: 1/4 → 3 advances, 4 eliminated.
/// Round 3 (effect): at or above 50 % to comprehensive.              7: 3/4, 8: 1/4 → 7 advances, 8 eliminated.
/// Round 4 (comprehensive): top 2 process and top 1 effect to core.  1: 2/4, 2: 4/4, 3: 3/4, 7: 2/4 → core 2, 3, 7.
/// </summary>
public static class SmallConference
{
    public static readonly string[] Voters = ["A", "B", "C", "D"];

    public static readonly RoundPlan Plan = new(["comprehensive", "core"],
    [
        new(1, RoundScope.InPlay("process"),
            new RoundRules(new EliminationRule(0.5m), new DirectAdvanceRule("comprehensive", TopN: 2))),
        new(2, RoundScope.InPlay("process"), new RoundRules(Advance: new DirectAdvanceRule("comprehensive", TopN: 1),
            Remainder: RemainderPolicy.Eliminate)),
        new(3, RoundScope.InPlay("effect"), new RoundRules(Advance: new DirectAdvanceRule("comprehensive",
            AtOrAbove: 0.5m), Remainder: RemainderPolicy.Eliminate)),
        new(4, RoundScope.MembersOf("comprehensive"), new RoundRules(
            Select: new FinalSelectionRule("core", new Dictionary<string, int> { ["process"] = 2, ["effect"] = 1 }),
            Remainder: RemainderPolicy.Retain)),
    ]);

    private static readonly Dictionary<int, Dictionary<int, int>> Yes = new()
    {
        [1] = new() { [1] = 4, [2] = 3, [3] = 2, [4] = 2, [5] = 1, [6] = 0 },
        [2] = new() { [3] = 3, [4] = 1 },
        [3] = new() { [7] = 3, [8] = 1 },
        [4] = new() { [1] = 2, [2] = 4, [3] = 3, [7] = 2 },
    };

    public static ConferenceRecord Record() => new(
        "A small conference", ["process", "effect"],
        Enumerable.Range(1, 8).Select(n => new Indicator(n, $"Indicator {n}", n <= 6 ? "process" : "effect")).ToList(),
        Plan,
        Yes.Select(round => new RecordedRound(round.Key, 4,
            round.Value.SelectMany(i => Voters.Select((v, k) =>
                new CountedBallot(v, i.Key, k < i.Value ? Answer.Yes : Answer.No))).ToList())).ToList());
}
