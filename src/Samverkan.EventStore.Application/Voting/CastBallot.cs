using System.Text.Json.Serialization;
using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Voting;

/// <summary>
/// A voter's ballot on one indicator. <see cref="Voter"/> is the credential's pseudonym, never a person, and
/// <see cref="Group"/> the stakeholder group the credential carries.
/// </summary>
public sealed record CastBallot(
    Guid ConferenceId, int Round, string Voter, Guid BallotId, int Indicator, Answer Answer, int? Rating = null,
    string? Group = null);

/// <summary>
/// The acknowledgement of a ballot: once given, the ballot is committed and will be counted exactly once.
/// Sending the same ballot again, before or after the close, gets this same acknowledgement.
/// </summary>
public sealed record BallotAcknowledged(
    Guid BallotId, int Round, int Indicator, Answer Answer, BallotRecording Recording,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Rating = null)
{
    public static BallotAcknowledged Of(BallotReceipt r) =>
        new(r.BallotId, r.Round, r.Indicator, r.Answer, r.Recording, r.Rating);
}

/// <summary>
/// A voter's ballots on many indicators in one request, each with its own ballot id: recorded together or not at all,
/// and as safe to send again as a single ballot.
/// </summary>
public sealed record CastBallotSheet(
    Guid ConferenceId, int Round, string Voter, IReadOnlyList<SheetBallot> Ballots, string? Group = null);

public sealed record BallotSheetAcknowledged(IReadOnlyList<BallotAcknowledged> Ballots);

public static class CastBallotHandler
{
    public static async Task<BallotAcknowledged> Handle(
        CastBallot command, IDocumentSession session, CancellationToken ct) =>
        (await session.Record(command.ConferenceId, command.Round, command.Voter, command.Group,
            [new SheetBallot(command.BallotId, command.Indicator, command.Answer, command.Rating)], ct))[0];

    public static async Task<BallotSheetAcknowledged> Handle(
        CastBallotSheet command, IDocumentSession session, CancellationToken ct) =>
        new(await session.Record(command.ConferenceId, command.Round, command.Voter, command.Group, command.Ballots,
            ct));

    /// <summary>The one path of ballots into the log, for a single ballot and for a sheet.</summary>
    private static async Task<IReadOnlyList<BallotAcknowledged>> Record(this IDocumentSession session,
        Guid conferenceId, int round, string voter, string? group, IReadOnlyList<SheetBallot> ballots,
        CancellationToken ct)
    {
        BallotSheet.EnsureSize(ballots);
        var sheetId = BallotSheet.StreamId(conferenceId, round, voter);
        // Held until commit: a close of this round waits for these ballots, or they see the round closed; and one
        // voter's requests (ten first answers sent at once) take turns on their sheet instead of colliding.
        await session.LockForBallot(conferenceId, round, sheetId, ct);
        var sheet = await session.Events.FetchForWriting<BallotSheet>(sheetId, ct);
        var state = sheet.Aggregate ?? BallotSheet.Empty;
        // Repeats are answered from the sheet alone (also after the close); only new ballots need the conference.
        var conference = ballots.All(b => state.Earlier(b.BallotId, b.Indicator, b.Mark) is not null)
            ? null
            : await session.LoadConference(conferenceId, ct);
        var (receipts, events) = state.DecideAll(conferenceId, round, voter, ballots,
            ballot => conference!.EnsureCanVote(round, ballot, voter), group);
        sheet.AppendMany(events);
        return receipts.Select(BallotAcknowledged.Of).ToList();
    }
}
