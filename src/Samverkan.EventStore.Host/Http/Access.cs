using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Http;

/// <summary>
/// Who may call. Anyone reads aggregates (standings, round results, protocols, an indicator's audit trail); the
/// facilitator (X-Facilitator-Key) runs the conference; an auditor (X-Auditor-Key, issued by the facilitator) reads
/// the log, the conference as of any moment and the record; a voter (X-Voter-Credential) votes and sees their own
/// ballots.
/// </summary>
public static class Access
{
    public const string FacilitatorHeader = "X-Facilitator-Key";
    public const string AuditorHeader = "X-Auditor-Key";
    public const string VoterHeader = "X-Voter-Credential";
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Continues for the conference's auditor or facilitator; otherwise a 401 problem.</summary>
    public static ProblemDetails Auditor(
        Guid conferenceId, string? auditorKey, string? facilitatorKey, ConferenceSecrets secrets) =>
        secrets.IsAuditor(conferenceId, auditorKey) || secrets.IsFacilitator(conferenceId, facilitatorKey)
            ? WolverineContinue.NoProblems
            : Problem(auditorKey is null && facilitatorKey is null ? "missing-auditor-key" : "wrong-auditor-key",
                "Auditor key required",
                $"The log, the conference as of a moment and the record are for auditors: send the auditor key the "
                + $"facilitator issued in the {AuditorHeader} header (or the facilitator key in {FacilitatorHeader}).");

    /// <summary>
    /// A client's Idempotency-Key, 16 to 128 visible ASCII characters (a UUID will do): a short key would make the
    /// credential it recovers guessable.
    /// </summary>
    public static string? IdempotencyKey(string? key) =>
        key is null || key.Length is >= 16 and <= 128 && key.All(c => c is > ' ' and <= '~')
            ? key
            : throw CommandRejected.Invalid("invalid-idempotency-key", "Invalid Idempotency-Key",
                $"An {IdempotencyHeader} holds 16 to 128 visible ASCII characters; a UUID will do.");

    /// <summary>Continues when the facilitator key is the conference's; otherwise a 401 problem.</summary>
    public static ProblemDetails Facilitator(Guid conferenceId, string? key, ConferenceSecrets secrets) =>
        secrets.IsFacilitator(conferenceId, key)
            ? WolverineContinue.NoProblems
            : Problem(key is null ? "missing-facilitator-key" : "wrong-facilitator-key", "Facilitator key required",
                key is null
                    ? $"This command is the facilitator's: send the conference's facilitator key in the {FacilitatorHeader} header."
                    : $"The {FacilitatorHeader} header does not hold this conference's facilitator key.");

    /// <summary>A 401 problem for a voter credential that is missing, malformed or unknown.</summary>
    public static ProblemDetails Voter(CredentialCheck check) => check.Status switch
    {
        CredentialStatus.Valid => WolverineContinue.NoProblems,
        CredentialStatus.Missing => Problem("missing-credential", "Voter credential required",
            $"A ballot needs the voter credential handed out at check-in, in the {VoterHeader} header."),
        CredentialStatus.Malformed => Problem("malformed-credential", "Malformed voter credential",
            "The voter credential is not of the form handed out at check-in."),
        _ => Problem("unknown-credential", "Unknown voter credential", "This voter credential was not handed out by this conference."),
    };

    private static ProblemDetails Problem(string code, string title, string detail) =>
        RejectionProblemDetails.FromRejection(new Rejection(RejectionKind.Unauthenticated, code, title, detail));
}
