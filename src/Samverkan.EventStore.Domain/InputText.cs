namespace Samverkan.EventStore.Domain;

/// <summary>
/// What text the service stores, whatever way it arrives (a JSON field, a catalog cell): at most
/// <see cref="MaxLength"/> characters, and no control characters other than tab and line breaks.
/// </summary>
public static class InputText
{
    public const int MaxLength = 4000;

    /// <summary>Why a text may not be stored, or null when it may.</summary>
    public static string? ProblemWith(string text)
    {
        if (text.Length > MaxLength) return $"a text is longer than {MaxLength} characters";
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                return $"a text holds the control character U+{(int)c:X4}";
        return null;
    }
}
