namespace Samverkan.EventStore.Domain.Rounds;

/// <summary>
/// Which indicators a round votes on. Either the indicators still in play of some categories, or the
/// members of a protocol level. The scope is resolved to a list of indicator numbers when the round opens.
/// </summary>
public sealed record RoundScope(IReadOnlyList<string>? Categories = null, string? ProtocolLevel = null)
{
    public static RoundScope InPlay(params string[] categories) => new(Categories: categories);
    public static RoundScope MembersOf(string level) => new(ProtocolLevel: level);

    public override string ToString() =>
        ProtocolLevel is { } level
            ? $"members of the {level} protocol"
            : $"indicators in play of {string.Join(", ", Categories ?? [])}";
}

/// <summary>One planned round (omröstning): its number, what it votes on and the rules that close it.</summary>
public sealed record PlannedRound(int Number, RoundScope Scope, RoundRules Rules);

/// <summary>
/// The round plan: the protocol levels from broadest to narrowest (e.g. "comprehensive", then "core")
/// and the ordered rounds.
/// </summary>
public sealed record RoundPlan(IReadOnlyList<string> ProtocolLevels, IReadOnlyList<PlannedRound> Rounds)
{
    /// <summary>
    /// Every problem of the plan, so that one rejection names them all. Empty when the plan is valid.
    /// </summary>
    public IReadOnlyList<string> Problems(IReadOnlyCollection<string> categories)
    {
        var problems = new List<string>();
        if (ProtocolLevels.Count == 0) problems.Add("The plan names no protocol level.");
        if (ProtocolLevels.Any(string.IsNullOrWhiteSpace)) problems.Add("A protocol level has an empty name.");
        if (ProtocolLevels.Distinct().Count() != ProtocolLevels.Count) problems.Add("A protocol level is named twice.");
        if (Rounds.Count == 0) problems.Add("The plan has no rounds.");

        for (var i = 0; i < Rounds.Count; i++)
        {
            var round = Rounds[i];
            var at = $"Round {round.Number}";
            if (round.Number != i + 1)
                problems.Add($"{at} is in position {i + 1}: rounds are numbered 1, 2, 3, … in order.");
            problems.AddRange(ScopeProblems(round.Scope, categories).Select(p => $"{at}: {p}"));
            problems.AddRange(RuleProblems(round.Rules, categories).Select(p => $"{at}: {p}"));

            if (round.Rules.Remainder == RemainderPolicy.CarryOver
                && !Rounds.Skip(i + 1).Any(later => Overlaps(later.Scope, round.Scope)))
                problems.Add($"{at}: carries indicators over, but no later round has a scope that takes them.");
        }
        return problems;
    }

    /// <summary>
    /// Whether two scopes can hold the same indicator, so that their rounds must run one after the other.
    /// </summary>
    public static bool Overlaps(RoundScope a, RoundScope b) =>
        a.ProtocolLevel is not null
        || b.ProtocolLevel is not null
        || (a.Categories ?? []).Intersect(b.Categories ?? []).Any();

    private IEnumerable<string> ScopeProblems(RoundScope scope, IReadOnlyCollection<string> categories)
    {
        var byCategory = scope.Categories is { Count: > 0 };
        if (byCategory == (scope.ProtocolLevel is not null))
        {
            yield return "the scope names either categories or a protocol level, and exactly one of them.";
            yield break;
        }
        foreach (var category in scope.Categories ?? [])
            if (!categories.Contains(category)) yield return $"the scope names the unknown category '{category}'.";
        if (scope.ProtocolLevel is { } level && !ProtocolLevels.Contains(level))
            yield return $"the scope names the unknown protocol level '{level}'.";
    }

    private IEnumerable<string> RuleProblems(RoundRules rules, IReadOnlyCollection<string> categories)
    {
        // However a plan arrives (a request, a conference file), a policy is one of those named.
        if (!Enum.IsDefined(rules.Remainder)) yield return $"{(int)rules.Remainder} is not a remainder policy.";
        if (!Enum.IsDefined(rules.Denominator)) yield return $"{(int)rules.Denominator} is not a share denominator.";
        if (!Enum.IsDefined(rules.Abstentions)) yield return $"{(int)rules.Abstentions} is not an abstention policy.";
        if (!Enum.IsDefined(rules.Ties)) yield return $"{(int)rules.Ties} is not a tie policy.";
        if (rules.Rating is { } rating)
        {
            foreach (var problem in rating.Problems(ProtocolLevels)) yield return problem;
            if (rules.Eliminate is not null || rules.Advance is not null || rules.Select is not null)
                yield return "a rating round is decided by its consensus definition: it takes no elimination, "
                    + "direct advance or final selection by share of yes votes.";
        }
        if (rules.Eliminate is { Below: var below } && !IsShare(below))
            yield return $"the elimination threshold {below} is outside [0, 1].";

        if (rules.Advance is { } advance)
        {
            if (!ProtocolLevels.Contains(advance.ToLevel))
                yield return $"direct advance names the unknown protocol level '{advance.ToLevel}'.";
            if ((advance.TopN is null) == (advance.AtOrAbove is null))
                yield return "direct advance needs either a top N or a share, and exactly one of them.";
            if (advance.TopN is < 1)
                yield return $"direct advance has a top N of {advance.TopN}: it must be at least 1.";
            if (advance.AtOrAbove is { } share && !IsShare(share))
                yield return $"the direct-advance share {share} is outside [0, 1].";
        }

        if (rules.Select is { } select)
        {
            if (!ProtocolLevels.Contains(select.ToLevel))
                yield return $"final selection names the unknown protocol level '{select.ToLevel}'.";
            if (select.TopNPerCategory.Count == 0) yield return "final selection names no category.";
            foreach (var (category, topN) in select.TopNPerCategory)
            {
                if (!categories.Contains(category))
                    yield return $"final selection names the unknown category '{category}'.";
                if (topN < 1)
                    yield return $"final selection has a top N of {topN} for '{category}': it must be at least 1.";
            }
        }
    }

    private static bool IsShare(decimal value) => value is >= 0m and <= 1m;
}
