using System.Collections.Immutable;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Domain.Rounds;

/// <summary>
/// How many voters' latest ballots carry one mark on one indicator (within one stakeholder group, or none).
/// </summary>
public sealed record MarkCount(int Indicator, Answer Answer, int? Rating, string? Group, int Voters);

/// <summary>
/// What a round has counted so far, kept as ballots arrive: the voters per indicator, mark and group, with each
/// voter's latest ballot only (a change moves its voter from the old mark to the new one). It is what
/// <see cref="Tally.Latest"/> makes of the round's ballots, without the pseudonyms: live standings read it instead of
/// the round's ballots, and the close, which reads the ballots, decides the same.
/// </summary>
public sealed record RoundCount(string Id, ImmutableList<MarkCount> Marks)
{
    /// <summary>The count's id: one per round of a conference.</summary>
    public static string IdOf(Guid conferenceId, int round) => $"{conferenceId:N}:{round}";

    public static RoundCount Empty(Guid conferenceId, int round) => new(IdOf(conferenceId, round), []);

    /// <summary>The evolve function of the count: the count after one more ballot of its round.</summary>
    public RoundCount Evolve(object @event) => @event switch
    {
        BallotCast e => Add(e.Indicator, new(e.Answer, e.Rating), e.Group, +1),
        BallotChanged e => Add(e.Indicator, new(e.Previous, e.PreviousRating), e.Group, -1)
            .Add(e.Indicator, new(e.Answer, e.Rating), e.Group, +1),
        _ => this,
    };

    private RoundCount Add(int indicator, Mark mark, string? group, int voters)
    {
        var index = Marks.FindIndex(m =>
            m.Indicator == indicator && m.Answer == mark.Answer && m.Rating == mark.Rating && m.Group == group);
        if (index < 0) return this with { Marks = Marks.Add(new(indicator, mark.Answer, mark.Rating, group, voters)) };
        var now = Marks[index].Voters + voters;
        return this with
        {
            Marks = now == 0 ? Marks.RemoveAt(index) : Marks.SetItem(index, Marks[index] with { Voters = now }),
        };
    }

    /// <summary>
    /// The counted ballots as the tally takes them, one per voter and indicator, each under no pseudonym: counting
    /// needs none once each voter's latest ballot is known.
    /// </summary>
    public IReadOnlyList<CountedBallot> Counted() =>
        Marks.SelectMany(m => Enumerable.Repeat(new CountedBallot("", m.Indicator, m.Answer, m.Rating, m.Group),
            m.Voters)).ToList();
}
