
namespace Samverkan.EventStore.Domain.Evaluation;

/// <summary>
/// A question of the experts' evaluation (utvärdering), with its answer options
/// (e.g. Nöjd / Varken nöjd eller missnöjd / Missnöjd).
/// </summary>
public sealed record EvaluationQuestion(
    int Number, string Text, IReadOnlyList<string> Options, bool AllowsOwnAlternative = false);

/// <summary>
/// One answer: an option, or the respondent's own alternative. A question left out is a missing answer.
/// </summary>
public sealed record EvaluationAnswer(int Question, string? Option = null, string? OwnAlternative = null);

/// <summary>The evaluation questionnaire was published to the experts.</summary>
public sealed record EvaluationQuestionnairePublished(Guid ConferenceId, IReadOnlyList<EvaluationQuestion> Questions);

/// <summary>
/// An expert answered the evaluation, anonymously like a ballot: the respondent is the credential's pseudonym.
/// Each respondent's answer is a stream of its own, so one respondent answers once.
/// </summary>
public sealed record EvaluationSubmitted(
    Guid ConferenceId, string Respondent, IReadOnlyList<EvaluationAnswer> Answers, string? Comment);

public static class EvaluationRules
{
    public static Guid ResponseStreamId(Guid conferenceId, string respondent) =>
        StreamIds.FromName($"evaluation:{conferenceId:N}:{respondent}");

    public static IReadOnlyList<string> QuestionnaireProblems(IReadOnlyList<EvaluationQuestion> questions)
    {
        var problems = new List<string>();
        if (questions.Count == 0) problems.Add("The questionnaire has no questions.");
        if (questions.Select(q => q.Number).Distinct().Count() != questions.Count)
            problems.Add("A question number is used twice.");
        foreach (var q in questions)
        {
            if (string.IsNullOrWhiteSpace(q.Text)) problems.Add($"Question {q.Number} has no text.");
            if (q.Options.Count < 2) problems.Add($"Question {q.Number} needs at least two answer options.");
            if (q.Options.Distinct().Count() != q.Options.Count)
                problems.Add($"Question {q.Number} names an option twice.");
        }
        return problems;
    }

    /// <summary>
    /// Checks an evaluation response against the questionnaire; every problem is named. It is taken only while no
    /// round is open, so that its time says nothing of its author's ballots. A repeat of the same response (its answer
    /// lost) is answered again and appends nothing (null); another response from the same credential is refused.
    /// </summary>
    public static EvaluationSubmitted? Submit(
        Guid conferenceId, IReadOnlyList<EvaluationQuestion>? questionnaire, bool roundOpen,
        EvaluationSubmitted? earlier,
        string respondent, IReadOnlyList<EvaluationAnswer> answers, string? comment)
    {
        if (questionnaire is null)
            throw CommandRejected.Conflict("no-questionnaire", "No evaluation yet",
                "The evaluation questionnaire has not been published.");
        if (earlier is not null)
            return earlier.Answers.SequenceEqual(answers)
                && earlier.Comment == (string.IsNullOrWhiteSpace(comment) ? null : comment.Trim())
                ? null
                : throw CommandRejected.Conflict("already-evaluated", "Already answered",
                    "This voter credential has already answered the evaluation.");
        if (roundOpen)
            throw CommandRejected.Conflict("round-open", "A round is open",
                "The evaluation is answered when no round is open, so that its time says nothing of the ballots.");
        var problems = new List<string>();
        if (answers.Select(a => a.Question).Distinct().Count() != answers.Count)
            problems.Add("A question is answered twice.");
        foreach (var a in answers)
        {
            var q = questionnaire.FirstOrDefault(q => q.Number == a.Question);
            if (q is null) problems.Add($"There is no question {a.Question}.");
            else if ((a.Option is null) == (a.OwnAlternative is null))
                problems.Add($"Answer question {a.Question} with one option or one own alternative.");
            else if (a.Option is not null && !q.Options.Contains(a.Option))
                problems.Add($"'{a.Option}' is not an option of question {a.Question}.");
            else if (a.OwnAlternative is not null && !q.AllowsOwnAlternative)
                problems.Add($"Question {a.Question} takes no own alternative.");
        }
        if (problems.Count > 0)
            throw new CommandRejected(new(RejectionKind.Invalid, "invalid-evaluation",
                "The evaluation was not recorded", string.Join(" ", problems)));
        return new EvaluationSubmitted(conferenceId, respondent, answers,
            string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
    }
}

/// <summary>
/// The evaluation's results: for each question the count per option, own alternatives and missing answers;
/// the comments.
/// </summary>
public sealed record EvaluationResults(
    int Respondents, IReadOnlyList<QuestionResult> Questions, IReadOnlyList<string> Comments)
{
    public static EvaluationResults Of(
        IReadOnlyList<EvaluationQuestion> questionnaire, IReadOnlyList<EvaluationSubmitted> responses) => new(
        responses.Count,
        questionnaire.Select(q =>
        {
            var answers = responses.Select(r => r.Answers.FirstOrDefault(a => a.Question == q.Number)).ToList();
            return new QuestionResult(q.Number, q.Text,
                q.Options.Select(o => new OptionCount(o, answers.Count(a => a?.Option == o))).ToList(),
                OwnAlternatives: answers.Count(a => a?.OwnAlternative is not null),
                Missing: answers.Count(a => a is null));
        }).ToList(),
        responses.Select(r => r.Comment).OfType<string>().ToList());
}

public sealed record OptionCount(string Option, int Count);

public sealed record QuestionResult(
    int Number, string Text, IReadOnlyList<OptionCount> Options, int OwnAlternatives, int Missing);
