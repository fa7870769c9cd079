using System.Diagnostics;
using Samverkan.EventStore.LocalPostgres;
using Xunit;

namespace Samverkan.EventStore.Host.Tests.Operations;

/// <summary>
/// The service loads its handlers' and endpoints' code as generated ahead (<c>Internal/Generated</c>): what is there
/// must be what <c>codegen write</c> writes for the code as it is now, or a changed handler would run stale code.
/// </summary>
public class GeneratedCodeTests
{
    [Fact]
    public async Task The_generated_code_in_the_repository_is_what_codegen_writes_now()
    {
        var written = Directory.CreateTempSubdirectory("samverkan-codegen-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Samverkan.EventStore.Host.dll"), "codegen",
                    "write" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ConnectionStrings__Samverkan"] = await SharedThrowawayCluster.ConnectionStringAsync();
            start.Environment["ASPNETCORE_CONTENTROOT"] = written;
            using var codegen = Process.Start(start)!;
            var output = codegen.StandardOutput.ReadToEndAsync();
            var errors = codegen.StandardError.ReadToEndAsync();
            await codegen.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(codegen.ExitCode == 0, await output + await errors);

            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(root!.FullName, "Samverkan.EventStore.sln"))) root = root.Parent;
            Assert.True(Files(Path.Combine(written, "Internal", "Generated"))
                    .SequenceEqual(Files(Path.Combine(root.FullName, "src", "Samverkan.EventStore.Host", "Internal",
                        "Generated"))),
                "Internal/Generated is stale: run "
                + "`dotnet run --project src/Samverkan.EventStore.Host -- codegen write`.");
        }
        finally
        {
            Directory.Delete(written, recursive: true);
        }
    }

    private static IEnumerable<(string, string)> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(directory, f), File.ReadAllText(f))).ToList();
}
