using Marten;
using Samverkan.EventStore.Application.Conferences;

namespace Samverkan.EventStore.Application.Rounds;

public sealed record OpenRound(Guid ConferenceId, int Round);

public sealed record RoundOpenedResponse(Guid ConferenceId, int Round, IReadOnlyList<int> Indicators);

public static class OpenRoundHandler
{
    public static async Task<RoundOpenedResponse> Handle(
        OpenRound command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.FetchConferenceForWriting(command.ConferenceId, ct);
        if (stream.Aggregate!.Opening(command.Round) is not { } opened)
        {
            opened = stream.Aggregate.OpenRound(command.Round);
            stream.AppendOne(opened);
        }
        return new RoundOpenedResponse(command.ConferenceId, opened.Round, opened.Indicators);
    }
}
