using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.EventStore;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Evaluation;

namespace Samverkan.EventStore.Application.Evaluations;

/// <summary>An expert's anonymous evaluation; <see cref="Respondent"/> is the credential's pseudonym.</summary>
public sealed record SubmitEvaluation(
    Guid ConferenceId, string Respondent, IReadOnlyList<EvaluationAnswer> Answers, string? Comment);

public static class PublishEvaluationHandler
{
    public static EvaluationQuestionnairePublished Handle(
        PublishEvaluation command, [Conference] Conference conference) => conference.Decide(command);
}

public static class SubmitEvaluationHandler
{
    public static async Task Handle(SubmitEvaluation command, IDocumentSession session, CancellationToken ct)
    {
        var conference = await session.LoadConference(command.ConferenceId, ct);
        var streamId = EvaluationRules.ResponseStreamId(command.ConferenceId, command.Respondent);
        var earlier = await session.Recorded<EvaluationSubmitted>(streamId, _ => true, ct);
        var roundOpen = conference.Rounds.Values.Any(r => r.Status == RoundStatus.Open);
        var submitted = EvaluationRules.Submit(command.ConferenceId, conference.Questionnaire, roundOpen, earlier,
            command.Respondent, command.Answers, command.Comment);
        // Starting the stream fails if the same respondent answered at the same moment: answered once, never twice.
        if (submitted is not null) session.Events.StartStream(streamId, submitted);
    }
}

public static class EvaluationQueries
{
    public static async Task<EvaluationResults> EvaluationResults(
        this IQuerySession session, Guid conferenceId, CancellationToken ct)
    {
        var conference = await session.LoadConference(conferenceId, ct);
        var responses = await session.Events.QueryRawEventDataOnly<EvaluationSubmitted>()
            .Where(e => e.ConferenceId == conferenceId)
            .ToListAsync(ct);
        return Domain.Evaluation.EvaluationResults.Of(conference.Questionnaire ?? [], responses);
    }
}
