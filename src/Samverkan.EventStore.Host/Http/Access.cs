using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Samverkan.EventStore.Host.Room;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Http;

/// <summary>Who may call an endpoint, beyond anyone (who reads aggregates only).</summary>
public enum Role
{
    /// <summary>Runs the conference (X-Facilitator-Key).</summary>
    Facilitator,
    /// <summary>Reads the log, the conference as of a moment and the record (X-Auditor-Key).</summary>
    Auditor,
    /// <summary>Votes and sees their own ballots (X-Voter-Credential).</summary>
    Voter,
}

/// <summary>The role an endpoint class (or method) is for; <see cref="Access"/> checks it before it runs.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ForAttribute(Role role) : Attribute
{
    public Role Role { get; } = role;
}

/// <summary>
/// A voter proved by their credential, checked once and handed to the endpoint: the pseudonym their ballots carry,
/// the unrelated one their evaluation response carries, and the stakeholder group the credential carries, if any.
/// The credential itself goes no further.
/// </summary>
public sealed record Voter(string Pseudonym, string Respondent, string? Group = null);

/// <summary>
/// Access in one place: every endpoint marked <see cref="ForAttribute"/> gets the check of its role as Wolverine
/// middleware, before its body is read for the command. Refusals are 401 problems with a code.
/// </summary>
public static class Access
{
    public const string FacilitatorHeader = "X-Facilitator-Key";
    public const string AuditorHeader = "X-Auditor-Key";
    public const string VoterHeader = "X-Voter-Credential";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static WolverineHttpOptions CheckAccess(this WolverineHttpOptions http)
    {
        http.AddMiddleware(typeof(FacilitatorCheck), chain => RoleOf(chain) == Role.Facilitator);
        http.AddMiddleware(typeof(AuditorCheck), chain => RoleOf(chain) == Role.Auditor);
        http.AddMiddleware(typeof(VoterCheck), chain => RoleOf(chain) == Role.Voter);
        return http;
    }

    private static Role? RoleOf(HttpChain chain) =>
        (chain.Method.Method.GetCustomAttribute<ForAttribute>()
         ?? chain.Method.HandlerType.GetCustomAttribute<ForAttribute>())?.Role;

    /// <summary>
    /// A client's Idempotency-Key, 16 to 128 visible ASCII characters (a UUID will do): a short key would make the
    /// credential it recovers guessable.
    /// </summary>
    public static string? IdempotencyKey(string? key) =>
        key is null || key.Length is >= 16 and <= 128 && key.All(c => c is > ' ' and <= '~')
            ? key
            : throw CommandRejected.Invalid("invalid-idempotency-key", "Invalid Idempotency-Key",
                $"An {IdempotencyHeader} holds 16 to 128 visible ASCII characters; a UUID will do.");

    internal static ProblemDetails Problem(string code, string title, string detail) =>
        RejectionProblemDetails.FromRejection(new Rejection(RejectionKind.Unauthenticated, code, title, detail));
}

/// <summary>
/// Continues when the facilitator key is the conference's; otherwise a 401 problem. A page of the room sends no
/// header: its session cookie (<see cref="FacilitatorSession"/>) stands in, with the anti-forgery token for a change.
/// </summary>
public static class FacilitatorCheck
{
    public static async Task<ProblemDetails> Before(Guid conferenceId,
        [FromHeader(Name = Access.FacilitatorHeader)] string? facilitatorKey, HttpContext context,
        ConferenceSecrets secrets)
    {
        var key = facilitatorKey ?? FacilitatorSession.Key(context, conferenceId);
        if (!secrets.IsFacilitator(conferenceId, key))
            return Access.Problem(key is null ? "missing-facilitator-key" : "wrong-facilitator-key",
                "Facilitator key required", key is null
                    ? "This command is the facilitator's: send the conference's facilitator key in the "
                      + $"{Access.FacilitatorHeader} header."
                    : $"The {Access.FacilitatorHeader} header does not hold this conference's facilitator key.");
        return facilitatorKey is null ? await FacilitatorSession.CheckForgery(context) : WolverineContinue.NoProblems;
    }
}

/// <summary>Continues for the conference's auditor or facilitator (by key or session); otherwise a 401 problem.
/// </summary>
public static class AuditorCheck
{
    public static async Task<ProblemDetails> Before(Guid conferenceId,
        [FromHeader(Name = Access.AuditorHeader)] string? auditorKey,
        [FromHeader(Name = Access.FacilitatorHeader)] string? facilitatorKey, HttpContext context,
        ConferenceSecrets secrets)
    {
        if (secrets.IsAuditor(conferenceId, auditorKey) || secrets.IsFacilitator(conferenceId, facilitatorKey))
            return WolverineContinue.NoProblems;
        var missing = auditorKey is null && facilitatorKey is null;
        if (missing && secrets.IsFacilitator(conferenceId, FacilitatorSession.Key(context, conferenceId)))
            return await FacilitatorSession.CheckForgery(context);
        return Access.Problem(missing ? "missing-auditor-key" : "wrong-auditor-key", "Auditor key required",
            "The log, the conference as of a moment and the record are for auditors: send the auditor key the "
            + $"facilitator issued in the {Access.AuditorHeader} header (or the facilitator key in "
            + $"{Access.FacilitatorHeader}).");
    }
}

/// <summary>Checks the voter credential once and hands the endpoint its <see cref="Voter"/>; otherwise a 401.</summary>
public static class VoterCheck
{
    public static (Voter?, ProblemDetails) Before(Guid conferenceId,
        [FromHeader(Name = Access.VoterHeader)] string? voterCredential, ConferenceSecrets secrets)
    {
        var check = secrets.Check(conferenceId, voterCredential);
        return check.Status switch
        {
            CredentialStatus.Valid =>
                (new Voter(check.Voter!, check.Respondent!, check.Group), WolverineContinue.NoProblems),
            CredentialStatus.Missing => (null, Access.Problem("missing-credential", "Voter credential required",
                $"A ballot needs the voter credential handed out at check-in, in the {Access.VoterHeader} header.")),
            CredentialStatus.Malformed => (null, Access.Problem("malformed-credential", "Malformed voter credential",
                "The voter credential is not of the form handed out at check-in.")),
            _ => (null, Access.Problem("unknown-credential", "Unknown voter credential",
                "This voter credential was not handed out by this conference.")),
        };
    }
}
