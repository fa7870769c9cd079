using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Evaluations;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain.Conferences;
using Samverkan.EventStore.Domain.Evaluation;
using Samverkan.EventStore.Host.Http;
using Wolverine;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Evaluations;

public sealed record QuestionnaireRequest(IReadOnlyList<EvaluationQuestion> Questions);

public sealed record EvaluationResponseRequest(IReadOnlyList<EvaluationAnswer> Answers, string? Comment = null);

/// <summary>The facilitator publishes the evaluation questionnaire.</summary>
[For(Role.Facilitator)]
public static class EvaluationQuestionnaireEndpoint
{
    [WolverinePut("/api/conferences/{conferenceId}/evaluation", OperationId = "PublishEvaluation")]
    public static async Task<NoContent> Publish(Guid conferenceId, QuestionnaireRequest body, IMessageBus bus)
    {
        await bus.InvokeAsync(new PublishEvaluation(conferenceId, body.Questions));
        return TypedResults.NoContent();
    }
}

/// <summary>An expert answers the evaluation with their voter credential, anonymously, once.</summary>
[For(Role.Voter)]
public static class EvaluationResponseEndpoint
{
    [WolverinePost("/api/conferences/{conferenceId}/evaluation/responses", OperationId = "SubmitEvaluation")]
    public static async Task<NoContent> Submit(
        Guid conferenceId, EvaluationResponseRequest body, Voter voter, IMessageBus bus)
    {
        await bus.InvokeAsync(new SubmitEvaluation(conferenceId, voter.Respondent, body.Answers, body.Comment));
        return TypedResults.NoContent();
    }
}
