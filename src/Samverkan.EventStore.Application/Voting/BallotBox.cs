using System.Text.Json;
using System.Threading.Channels;
using Marten;
using Npgsql;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Application.Rounds;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Voting;

namespace Samverkan.EventStore.Application.Voting;

/// <summary>
/// The one way ballots enter the log: ballots that arrive while others are being written wait and go together, in
/// one transaction (a group commit). Each waiting ballot, or sheet of ballots, is decided on its own, in the order it
/// arrived, and refused on its own; all that are accepted commit together, and only then is each acknowledged. A
/// batch holds the lock of each round it writes to (<see cref="RoundBallots"/>) from before its first read to its
/// commit, so a close waits for it or it finds the round closed, and the round's count is updated by one batch at a
/// time.
/// </summary>
public sealed class BallotBox(IDocumentStore store)
{
    private readonly ISerializer serializer = store.Options.Serializer();

    // The event types of a sheet by the names Marten stores them under.
    private readonly Dictionary<string, Type> ballotTypes = new[] { typeof(BallotCast), typeof(BallotChanged) }
        .ToDictionary(store.TypeName);

    /// <summary>The most ballots one batch writes: a few sheets of a whole catalog, or hundreds of single ballots.
    /// </summary>
    public const int MostBallotsInABatch = 2000;

    private readonly Channel<Waiting> waiting = Channel.CreateUnbounded<Waiting>();

    // One writer at a time (1 while a batch is being written): batches of a round take turns on its lock anyway, and
    // a second writer would only split them.
    private int writing;

    // The conferences the writer read last, with the version of their stream then; only the writer touches it.
    private readonly Dictionary<Guid, (long Version, Conference? Conference)> conferencesRead = [];

    /// <summary>Records a voter's ballots in a round (one or a sheet) and answers once they are committed.</summary>
    public async Task<IReadOnlyList<BallotAcknowledged>> Record(CastBallotSheet sheet, CancellationToken ct)
    {
        BallotSheet.EnsureSize(sheet.Ballots);
        var ballot = new Waiting(sheet);
        waiting.Writer.TryWrite(ballot);
        StartWriterIfNeeded();
        // The caller may stop waiting; the ballot is still written or refused, and a resend gets that answer.
        return await ballot.Answer.Task.WaitAsync(ct);
    }

    private void StartWriterIfNeeded()
    {
        if (waiting.Reader.Count > 0 && Interlocked.CompareExchange(ref writing, 1, 0) == 0)
            _ = Task.Run(WriteWhileWaiting);
    }

    private async Task WriteWhileWaiting()
    {
        try
        {
            while (Take() is { Count: > 0 } batch) await Write(batch);
        }
        finally
        {
            // A full fence, so that the check below reads the queue after letting go: a ballot that arrived between
            // the last take and letting go found the writer busy, and is started here.
            Interlocked.Exchange(ref writing, 0);
            StartWriterIfNeeded();
        }
    }

    private List<Waiting> Take()
    {
        var batch = new List<Waiting>();
        var ballots = 0;
        while (ballots < MostBallotsInABatch && waiting.Reader.TryRead(out var next))
        {
            batch.Add(next);
            ballots += next.Sheet.Ballots.Count;
        }
        return batch;
    }

    private async Task Write(IReadOnlyList<Waiting> batch)
    {
        try
        {
            await using var session = store.LightweightSession();
            var (sheets, conferences) = await LockAndRead(session, batch);
            var answers = new List<(Waiting Ballot, IReadOnlyList<BallotAcknowledged>? Answer, Exception? Refusal)>();
            var appended = new Dictionary<Guid, List<object>>();
            foreach (var ballot in batch)
            {
                try
                {
                    var id = SheetId(ballot.Sheet);
                    var (answer, next, events) = Decide(ballot.Sheet, sheets[id], conferences);
                    sheets[id] = next;
                    if (!appended.TryGetValue(id, out var toAppend)) appended[id] = toAppend = [];
                    toAppend.AddRange(events);
                    answers.Add((ballot, answer, null));
                }
                catch (Exception refusal)
                {
                    answers.Add((ballot, null, refusal));
                }
            }
            // Each voter's sheet once, at the version the batch read plus what it adds: a sheet written meanwhile
            // (which the round's lock rules out) would fail the commit rather than be overwritten.
            foreach (var (id, events) in appended.Where(a => a.Value.Count > 0))
                session.Events.Append(id, sheets[id].Version, events);
            await session.SaveChangesAsync(CancellationToken.None);
            // Refusals too only now: one may rest on a ballot of this batch (its id reused), which the commit decides.
            foreach (var (ballot, answer, refusal) in answers)
                if (refusal is null) ballot.Answer.TrySetResult(answer!);
                else ballot.Answer.TrySetException(refusal);
        }
        catch (Exception failure)
        {
            // The commit failed, or its outcome is unknown: every ballot of the batch gets the failure, and a resend
            // gets the answer the commit had (a committed ballot is acknowledged again from its sheet). A stored ballot
            // that cannot be read is the service's fault, not a malformed request (as a JSON error would be answered).
            var answer = failure is JsonException
                ? new InvalidOperationException("A stored ballot could not be read.", failure)
                : failure;
            foreach (var ballot in batch) ballot.Answer.TrySetException(answer);
        }
    }

    /// <summary>
    /// Decides one sheet on the voter's sheet (the part it asks about) as it stands after the ballots before it in the
    /// batch. Repeats are answered from the sheet alone (also after the close); only new ballots need the conference.
    /// </summary>
    private static (IReadOnlyList<BallotAcknowledged>, SheetVersion, IReadOnlyList<object>) Decide(
        CastBallotSheet command, SheetVersion sheet, IReadOnlyDictionary<Guid, Conference> conferences)
    {
        var (conferenceId, round, voter) = (command.ConferenceId, command.Round, command.Voter);
        var (receipts, events) = sheet.State.DecideAll(conferenceId, round, voter, command.Ballots, ballot =>
            (conferences.GetValueOrDefault(conferenceId) ?? throw Conference.Unknown(conferenceId))
            .EnsureCanVote(round, ballot, voter), command.Group);
        var next = new SheetVersion(events.Aggregate(sheet.State, BallotSheet.Evolve), sheet.Version + events.Count);
        return (receipts.Select(BallotAcknowledged.Of).ToList(), next, events);
    }

    /// <summary>
    /// The locks of the batch's rounds, and then, in the same round trip, what the batch decides on: of each voter's
    /// sheet, its version and its ballots on the indicators and with the ballot ids the batch asks about
    /// (<see cref="EventLog.SheetBallots"/>); of each conference, its stream's version, and its document only when the
    /// stream moved since the last batch (a conference of 137 indicators and 200 experts is about 100 kB of JSON,
    /// which cost more to read than the batch's ballots).
    /// </summary>
    private async Task<(Dictionary<Guid, SheetVersion>, Dictionary<Guid, Conference>)> LockAndRead(
        IDocumentSession session, IReadOnlyList<Waiting> batch)
    {
        var asked = batch.SelectMany(w => w.Sheet.Ballots.Select(b => (SheetId(w.Sheet), b.Indicator, b.BallotId)))
            .ToList();
        var sheetIds = asked.Select(a => a.Item1).Distinct().ToList();
        var conferenceIds = batch.Select(w => w.Sheet.ConferenceId).Distinct().ToList();
        await session.BeginTransactionAsync(CancellationToken.None);
        // In order, in the transaction: the locks first, so that what follows is read after every batch and close
        // before it committed.
        await using var reads = new NpgsqlBatch(session.Connection)
        {
            BatchCommands =
            {
                RoundBallots.LockRoundsForBallots(batch.Select(w => (w.Sheet.ConferenceId, w.Sheet.Round))),
                EventLog.StreamVersions([.. sheetIds, .. conferenceIds]),
                EventLog.SheetBallots(asked),
            },
        };
        var versions = new Dictionary<Guid, long>();
        var sheets = sheetIds.ToDictionary(id => id, _ => new SheetVersion(BallotSheet.Empty, 0));
        await using (var reader = await reads.ExecuteReaderAsync())
        {
            await reader.NextResultAsync();
            while (await reader.ReadAsync()) versions[reader.GetGuid(0)] = reader.GetInt64(1);
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                var ballot = serializer.FromJson(ballotTypes[reader.GetString(1)], reader, 2);
                var id = reader.GetGuid(0);
                sheets[id] = sheets[id] with { State = BallotSheet.Evolve(sheets[id].State, ballot) };
            }
        }
        foreach (var id in sheetIds) sheets[id] = sheets[id] with { Version = versions.GetValueOrDefault(id) };
        var conferences = new Dictionary<Guid, Conference>();
        foreach (var id in conferenceIds.Where(versions.ContainsKey))
        {
            if (!(conferencesRead.TryGetValue(id, out var read) && read.Version == versions[id]))
                read = (versions[id], await session.LoadAsync<Conference>(id));
            if (read.Conference is null) continue;
            conferences[id] = read.Conference;
            conferencesRead[id] = read;
        }
        // A service holds a few conferences at a time; one that has not voted since can be read again.
        if (conferencesRead.Count > 64) conferencesRead.Clear();
        return (sheets, conferences);
    }

    private static Guid SheetId(CastBallotSheet sheet) =>
        BallotSheet.StreamId(sheet.ConferenceId, sheet.Round, sheet.Voter);

    /// <summary>A voter's sheet as the batch has it, and the version of its stream.</summary>
    private sealed record SheetVersion(BallotSheet State, long Version);

    private sealed record Waiting(CastBallotSheet Sheet)
    {
        public TaskCompletionSource<IReadOnlyList<BallotAcknowledged>> Answer { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
