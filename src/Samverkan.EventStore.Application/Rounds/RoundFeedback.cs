using System.Globalization;
using System.Text;
using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Rounds;
using Samverkan.EventStore.Domain.Rounds.Rating;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Rounds;

/// <summary>
/// The figures of one distribution as feedback shows them: how many rated and could not, the count at each point of
/// the scale (<see cref="Counts"/>[0] is the scale's lowest point), median, quartiles, IQR and the percent within the
/// definition's band. Exact fractions are rounded to four decimals here, for display.
/// </summary>
public sealed record RatingFigures(
    int Ratings, int CouldNotRate, IReadOnlyList<int> Counts, decimal? Median, decimal? Q1, decimal? Q3,
    decimal? Iqr, decimal? PercentInBand)
{
    public static RatingFigures Of(RatingDistribution d, RatingBand band) =>
        new(d.N, d.Abstentions, d.Counts, Shown(d.Median), Shown(d.Q1), Shown(d.Q3), Shown(d.Iqr),
            Shown(d.ShareIn(band) * 100));

    public static decimal? Shown(Fraction? value) =>
        value is { } v ? Math.Round(v.ToDecimal(), 4, MidpointRounding.AwayFromZero) : null;
}

/// <summary>A stakeholder group's figures, shown only as <see cref="ItemRatings.ShownGroups"/> allows.</summary>
public sealed record GroupFigures(string Group, RatingFigures Figures);

/// <summary>
/// How an indicator's ratings moved since the previous rating round that rated it: the change of its IQR and percent
/// in band, the share of the voters rating it in both who moved, and the change of the coefficient of variation.
/// </summary>
public sealed record RatingStability(
    int PreviousRound, decimal? IqrChange, decimal? PercentInBandChange, int Compared, decimal? ShareMoved,
    double? CoefficientOfVariationChange);

/// <summary>One indicator's feedback: the whole panel, each shown group, the verdict and its stability.</summary>
public sealed record IndicatorFeedback(
    int Indicator, RatingFigures Panel, IReadOnlyList<GroupFigures> Groups, ConsensusVerdict? Verdict,
    RatingStability? Stability);

/// <summary>Kendall's W of the round's ratings, with its change since the previous rating round of its scope.</summary>
public sealed record Agreement(
    decimal? W, int Voters, int VotersLeftOut, int? PreviousRound, decimal? WChange);

/// <summary>
/// A closed rating round's feedback for everyone: per indicator the panel's and each shown group's figures, and the
/// panel's agreement. Computed from the log on each request, so it is rebuilt whenever it is read.
/// </summary>
public sealed record RoundFeedback(
    int Round, RatingScale Scale, RatingBand Band, int MinimumGroupSize, IReadOnlyList<IndicatorFeedback> Indicators,
    Agreement Agreement);

/// <summary>A voter's own mark in a round beside the panel's figures and their own group's, if it is shown.</summary>
public sealed record OwnIndicatorFeedback(
    int Indicator, Answer? Answer, int? Rating, RatingFigures Panel, GroupFigures? Group);

public sealed record OwnFeedback(int Round, IReadOnlyList<OwnIndicatorFeedback> Indicators);

public static class RoundFeedbacks
{
    /// <summary>The feedback of a closed rating round, with stability since the previous rating round.</summary>
    public static async Task<RoundFeedback> Feedback(
        this IQuerySession session, Guid conferenceId, int round, CancellationToken ct)
    {
        var (conference, state, rating) = await RatingRound(session, conferenceId, round, ct);
        var counted = Tally.Latest(await session.InLogOrder(conferenceId, round, ct));
        var items = ItemRatings.Count(rating.Scale, state.Scope, counted.Select(b => b.AsRating()));
        var earlier = EarlierRatingRounds(conference, round);
        var earlierBallots = new Dictionary<int, IReadOnlyList<CountedBallot>>();
        foreach (var r in earlier.Where(r => r.Scope.Intersect(state.Scope).Any()))
            earlierBallots[r.Planned.Number] =
                Tally.Latest(await session.InLogOrder(conferenceId, r.Planned.Number, ct));

        var decisions = state.Decisions.ToDictionary(d => d.Indicator);
        var indicators = state.Scope.Select(i =>
        {
            var item = items[i];
            var previous = earlier.FirstOrDefault(r => r.Scope.Contains(i));
            return new IndicatorFeedback(i, RatingFigures.Of(item.Panel, rating.ShareBand),
                Shown(item, rating), decisions.GetValueOrDefault(i)?.Rule.Consensus?.Verdict,
                previous is null ? null : Stability(rating, item, i, counted, previous, earlierBallots));
        }).ToList();

        var w = Concordance.Of(state.Scope, counted.Select(b => b.AsRating()));
        var before = earlier.FirstOrDefault(r => r.Scope.Intersect(state.Scope).Any());
        var wBefore = before is null ? null
            : Concordance.Of(before.Scope, earlierBallots[before.Planned.Number].Select(b => b.AsRating()));
        return new RoundFeedback(round, rating.Scale, rating.ShareBand, rating.Consensus.MinimumGroupSize, indicators,
            new Agreement(RatingFigures.Shown(w.W), w.Voters, w.VotersLeftOut, before?.Planned.Number,
                wBefore is null ? null : RatingFigures.Shown(w.ChangeFrom(wBefore))));
    }

    /// <summary>
    /// A voter's own feedback: their mark on each indicator of the round beside the panel's and their group's figures.
    /// Only the credential's holder gets it: it is looked up by the credential's pseudonym.
    /// </summary>
    public static async Task<OwnFeedback> OwnFeedback(
        this IQuerySession session, Guid conferenceId, int round, string voter, string? group, CancellationToken ct)
    {
        var feedback = await session.Feedback(conferenceId, round, ct);
        var own = Tally.Latest(await session.InLogOrder(conferenceId, round, ct))
            .Where(b => b.Voter == voter).ToDictionary(b => b.Indicator);
        return new OwnFeedback(round, feedback.Indicators.Select(i =>
        {
            var mine = own.GetValueOrDefault(i.Indicator);
            return new OwnIndicatorFeedback(i.Indicator, mine?.Answer, mine?.Rating, i.Panel,
                i.Groups.FirstOrDefault(g => g.Group == group));
        }).ToList());
    }

    /// <summary>Tidy CSV of a round's feedback: a row per indicator and scope (the panel, then shown groups).</summary>
    public static string Csv(RoundFeedback feedback)
    {
        var text = new StringBuilder("round,indicator,group,ratings,could_not_rate,median,q1,q3,iqr,percent_in_band,"
            + "verdict,previous_round,iqr_change,percent_in_band_change,share_moved,cv_change,kendall_w\n");
        foreach (var i in feedback.Indicators)
        foreach (var (group, f) in i.Groups.Select(g => ((string?)g.Group, g.Figures)).Prepend((null, i.Panel)))
        {
            var panel = group is null;
            var s = panel ? i.Stability : null;
            Row(text, feedback.Round, i.Indicator, group, f.Ratings, f.CouldNotRate, f.Median, f.Q1, f.Q3, f.Iqr,
                f.PercentInBand, panel ? i.Verdict : null, s?.PreviousRound, s?.IqrChange, s?.PercentInBandChange,
                s?.ShareMoved, s?.CoefficientOfVariationChange, panel ? feedback.Agreement.W : null);
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, params object?[] fields) =>
        text.Append(string.Join(',', fields.Select(f => f switch
        {
            null => "",
            IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
            _ => Conferences.Csv.Field(f.ToString() ?? ""),
        }))).Append('\n');

    private static IReadOnlyList<GroupFigures> Shown(ItemRatings item, RatingRules rating) =>
        item.ShownGroups(rating.Consensus.MinimumGroupSize)
            .Select(g => new GroupFigures(g.Group, RatingFigures.Of(g.Ratings, rating.ShareBand))).ToList();

    private static RatingStability Stability(RatingRules rating, ItemRatings item, int indicator,
        IReadOnlyList<CountedBallot> counted, RoundState previous,
        IReadOnlyDictionary<int, IReadOnlyList<CountedBallot>> earlierBallots)
    {
        var before = earlierBallots[previous.Planned.Number].Where(b => b.Indicator == indicator).ToList();
        var now = RoundFigures.Of(0, item.Panel, rating.ShareBand);
        var then = RoundFigures.Of(0, RatingDistribution.Of(rating.Scale, before.Select(b => b.Rating)),
            rating.ShareBand);
        var change = RatingChange.Between(rating.Scale,
            before.ToDictionary(b => b.Voter, b => b.Rating),
            counted.Where(b => b.Indicator == indicator).ToDictionary(b => b.Voter, b => b.Rating));
        return new RatingStability(previous.Planned.Number, RatingFigures.Shown(now.Iqr - then.Iqr),
            RatingFigures.Shown(now.PercentInBand - then.PercentInBand), change.Compared,
            RatingFigures.Shown(change.ShareMoved), change.ChangeInCoefficientOfVariation);
    }

    /// <summary>The closed rating rounds before a round, latest first.</summary>
    private static List<RoundState> EarlierRatingRounds(Conference conference, int round) =>
        conference.Rounds.Values
            .Where(r => r.Planned.Number < round && r.Status == RoundStatus.Closed
                && r.Planned.Rules.Rating is not null)
            .OrderByDescending(r => r.Planned.Number).ToList();

    private static async Task<(Conference, RoundState, RatingRules)> RatingRound(
        IQuerySession session, Guid conferenceId, int round, CancellationToken ct)
    {
        var conference = await session.LoadConference(conferenceId, ct);
        var state = conference.Rounds.GetValueOrDefault(round)
            ?? throw CommandRejected.NotFound("unknown-round", "No such round",
                $"The round plan has no round {round}.");
        if (state.Planned.Rules.Rating is not { } rating)
            throw CommandRejected.Conflict("not-a-rating-round", "Not a rating round",
                $"Round {round} is a yes/no round: its standings and decisions show its tallies.");
        if (state.Status != RoundStatus.Closed)
            throw CommandRejected.Conflict("round-not-closed", "The round has not closed",
                $"Round {round}'s feedback is shown once it has closed, so that it cannot sway ratings still open.");
        return (conference, state, rating);
    }
}
