using System.Text.RegularExpressions;
using Xunit;

namespace Samverkan.EventStore.Host.Tests.Trust;

/// <summary>
/// docs/api.md lists every problem code a client can meet: a code added in the source and not there fails.
/// </summary>
public partial class ProblemCodes
{
    [GeneratedRegex("""(?:(?:Invalid|NotFound|Conflict)\(|ThrowIfAny\([^,]+,\s*|RejectionKind\.\w+,\s*|""" +
        """
        Problem\((?:[^,()]+,\s*)?|=>\s*)"([a-z]+(?:-[a-z]+)+)"
        """)]
    private static partial Regex CodeLiteral();

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Samverkan.EventStore.sln")))
            directory = directory.Parent;
        return directory.FullName;
    }

    [Fact]
    public void Every_code_in_the_source_is_listed_in_the_api_docs()
    {
        var root = Repository();
        var listed = File.ReadAllText(Path.Combine(root, "docs", "api.md"));
        var codes = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => CodeLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(code => !code.Contains("-v") && !code.StartsWith("samverkan"))
            .Distinct().Order().ToList();

        Assert.Contains("round-closed", listed);
        Assert.Contains("database-unavailable", codes);
        Assert.Equal([], codes.Where(code => !listed.Contains($"`{code}`")).ToList());
    }
}
