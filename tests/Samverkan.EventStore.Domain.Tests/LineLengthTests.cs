using Xunit;

namespace Samverkan.EventStore.Domain.Tests;

/// <summary>
/// The line length .editorconfig sets (120) is kept by every C# file of src and tests, but for the code Wolverine
/// generates (<c>Internal/Generated</c>, written by <c>codegen write</c>, never by hand).
/// </summary>
public class LineLengthTests
{
    [Fact]
    public void No_line_of_csharp_is_longer_than_120_characters()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root!.FullName, "Samverkan.EventStore.sln"))) root = root.Parent;
        var separator = Path.DirectorySeparatorChar;
        var tooLong = new[] { "src", "tests" }
            .SelectMany(d =>
                Directory.EnumerateFiles(Path.Combine(root.FullName, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !new[] { "obj", "bin", "Generated" }.Any(d => f.Contains($"{separator}{d}{separator}")))
            .SelectMany(f => File.ReadLines(f)
                .Select((line, i) => (File: Path.GetRelativePath(root.FullName, f), Line: i + 1, line.Length)))
            .Where(l => l.Length > 120)
            .Select(l => $"{l.File}:{l.Line} ({l.Length})")
            .ToList();
        Assert.Equal([], tooLong);
    }
}
