using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Evaluations;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain.Evaluation;
using Wolverine;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Http;

public sealed record QuestionnaireRequest(IReadOnlyList<EvaluationQuestion> Questions);

public sealed record EvaluationResponseRequest(IReadOnlyList<EvaluationAnswer> Answers, string? Comment = null);

/// <summary>The facilitator publishes the evaluation questionnaire.</summary>
public static class EvaluationQuestionnaireEndpoint
{
    public static ProblemDetails Validate(Guid conferenceId, [FromHeader(Name = Access.FacilitatorHeader)] string? facilitatorKey, ConferenceSecrets secrets) =>
        Access.Facilitator(conferenceId, facilitatorKey, secrets);

    [WolverinePut("/api/conferences/{conferenceId}/evaluation", OperationId = "PublishEvaluation")]
    public static async Task<NoContent> Publish(Guid conferenceId, QuestionnaireRequest body, IMessageBus bus)
    {
        await bus.InvokeAsync(new PublishEvaluation(conferenceId, body.Questions));
        return TypedResults.NoContent();
    }
}

/// <summary>An expert answers the evaluation with their voter credential, anonymously, once.</summary>
public static class EvaluationResponseEndpoint
{
    public static ProblemDetails Validate(Guid conferenceId, [FromHeader(Name = Access.VoterHeader)] string? voterCredential, ConferenceSecrets secrets) =>
        Access.Voter(secrets.Check(conferenceId, voterCredential));

    [WolverinePost("/api/conferences/{conferenceId}/evaluation/responses", OperationId = "SubmitEvaluation")]
    public static async Task<NoContent> Submit(Guid conferenceId, EvaluationResponseRequest body,
        [FromHeader(Name = Access.VoterHeader)] string voterCredential, ConferenceSecrets secrets, IMessageBus bus)
    {
        await bus.InvokeAsync(new SubmitEvaluation(
            conferenceId, secrets.Check(conferenceId, voterCredential).Respondent!, body.Answers, body.Comment));
        return TypedResults.NoContent();
    }
}
