namespace Samverkan.EventStore.Domain;

/// <summary>Why a command was refused. Each kind maps to one HTTP status in the host.</summary>
public enum RejectionKind
{
    /// <summary>The command is malformed or breaks a rule of its own (400).</summary>
    Invalid,
    /// <summary>Something the command names does not exist (404).</summary>
    NotFound,
    /// <summary>The command is valid but the conference is not in a state that allows it (409).</summary>
    Conflict,
    /// <summary>The caller did not prove who they are (401).</summary>
    Unauthenticated,
    /// <summary>The caller is known but may not do this (403).</summary>
    Forbidden,
    /// <summary>The request is larger than the documented limits (413).</summary>
    TooLarge,
}

/// <summary>A refused command: a short title, a detail naming what was wrong, and an optional stable code.</summary>
public sealed record Rejection(RejectionKind Kind, string Code, string Title, string Detail)
{
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();
}

/// <summary>
/// Thrown by a decide function when a command is refused. It is thrown before anything is appended,
/// so a refused command never changes the log.
/// </summary>
public sealed class CommandRejected(Rejection rejection) : Exception(rejection.Detail)
{
    public Rejection Rejection { get; } = rejection;

    public static CommandRejected Invalid(string code, string title, string detail) =>
        new(new(RejectionKind.Invalid, code, title, detail));
    public static CommandRejected NotFound(string code, string title, string detail) =>
        new(new(RejectionKind.NotFound, code, title, detail));
    public static CommandRejected Conflict(string code, string title, string detail) =>
        new(new(RejectionKind.Conflict, code, title, detail));

    /// <summary>
    /// Refuses a command that has problems, naming them all in one answer (in the detail and as a list).
    /// </summary>
    public static void ThrowIfAny(IReadOnlyList<string> problems, string code, string title)
    {
        if (problems.Count > 0)
            throw new CommandRejected(new(RejectionKind.Invalid, code, title, string.Join(" ", problems))
            {
                Extensions = new Dictionary<string, object?> { ["problems"] = problems },
            });
    }
}
