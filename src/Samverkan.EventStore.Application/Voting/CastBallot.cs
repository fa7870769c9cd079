using System.Text.Json.Serialization;
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

/// <summary>Single ballots and sheets both go through the <see cref="BallotBox"/>: a ballot is a sheet of one.
/// </summary>
public static class CastBallotHandler
{
    public static async Task<BallotAcknowledged> Handle(CastBallot command, BallotBox box, CancellationToken ct) =>
        (await box.Record(new CastBallotSheet(command.ConferenceId, command.Round, command.Voter,
            [new SheetBallot(command.BallotId, command.Indicator, command.Answer, command.Rating)], command.Group),
            ct))[0];

    public static async Task<BallotSheetAcknowledged> Handle(
        CastBallotSheet command, BallotBox box, CancellationToken ct) =>
        new(await box.Record(command, ct));
}
