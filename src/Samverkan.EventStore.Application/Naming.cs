namespace Samverkan.EventStore.Application;

/// <summary>
/// Names of internal enums as outsiders read them: CarriedOver → carried-over (contracts) or carried_over (CSV).
/// </summary>
public static class Naming
{
    public static string Separated(string pascalCase, char separator) =>
        string.Concat(pascalCase.Select((c, i) => char.IsUpper(c) && i > 0
            ? $"{separator}{char.ToLowerInvariant(c)}"
            : char.ToLowerInvariant(c).ToString()));
}
