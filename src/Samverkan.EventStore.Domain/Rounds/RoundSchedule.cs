namespace Samverkan.EventStore.Domain.Rounds;

/// <summary>
/// Which rounds are held, and when: the one schedule of the live conference and of reruns. A round may open once
/// every earlier round whose scope overlaps its own is done: closed, or passed over. A round whose scope holds no
/// indicator when its turn comes is passed over, never held (e.g. a core selection when no indicator reached the
/// comprehensive protocol). A rerun takes the rounds in the plan's order, so each finds the earlier ones done.
/// </summary>
public static class RoundSchedule
{
    public static bool IsHeld(IReadOnlyCollection<int> scope) => scope.Count > 0;

    /// <summary>The earlier rounds of an overlapping scope that are not done yet, which keep a round from opening.
    /// </summary>
    public static IReadOnlyList<int> Blocking(RoundPlan plan, PlannedRound round, Func<PlannedRound, bool> done) =>
        plan.Rounds
            .Where(r => r.Number < round.Number && RoundPlan.Overlaps(r.Scope, round.Scope) && !done(r))
            .Select(r => r.Number)
            .ToList();
}
