using Samverkan.EventStore.Domain.Rounds.Rating;

namespace Samverkan.EventStore.Domain.Tests.Rounds.Rating;

/// <summary>Panels of ratings on the 1–9 scale, written as the ratings themselves (null: "cannot rate").</summary>
public static class Panel
{
    public static RatingDistribution Ratings(params int?[] ratings) =>
        RatingDistribution.Of(RatingScale.OneToNine, ratings);

    /// <summary>Indicator 1 rated by voters v1, v2, … in one group (or none).</summary>
    public static ItemRatings Item(string? group, params int?[] ratings) =>
        Items(ratings.Select((r, i) => new CountedRating($"v{i + 1}", 1, r, group)));

    public static ItemRatings Items(IEnumerable<CountedRating> ratings) =>
        ItemRatings.Count(RatingScale.OneToNine, [1], ratings)[1];

    /// <summary>n ratings: <paramref name="counts"/> of each rating, e.g. (7, 14) for fourteen 7s.</summary>
    public static int?[] Repeat(params (int Rating, int Count)[] counts) =>
        counts.SelectMany(c => Enumerable.Repeat<int?>(c.Rating, c.Count)).ToArray();

    /// <summary>Ratings from arbitrary bytes: 0 is "cannot rate", 1–9 the scale.</summary>
    public static int?[] FromBytes(IEnumerable<byte> raw) =>
        raw.Select(b => b % 10 == 0 ? (int?)null : b % 10).ToArray();
}
