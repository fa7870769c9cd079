using Microsoft.AspNetCore.Mvc;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Domain;
using Wolverine.Http;

namespace Samverkan.EventStore.Host.Http;

/// <summary>Who may call: the conference's facilitator (X-Facilitator-Key) or a voter (X-Voter-Credential).</summary>
public static class Access
{
    public const string FacilitatorHeader = "X-Facilitator-Key";
    public const string VoterHeader = "X-Voter-Credential";

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
