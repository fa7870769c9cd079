using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Sundbyholm;
using Wolverine;

namespace Samverkan.EventStore.Host;

/// <summary>
/// <c>dotnet run --project src/Samverkan.EventStore.Host -- sundbyholm [--json] [--level core|comprehensive]</c>:
/// replays Sundbyholm 2014 into the store (once) and prints its protocol as a table, or as JSON.
/// </summary>
public static class SundbyholmVerb
{
    public static bool Matches(string[] args) => args is ["sundbyholm", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var level = args.SkipWhile(a => a != "--level").Skip(1).FirstOrDefault() ?? "core";
        await app.StartAsync();
        var services = app.Services;
        var (id, _) = await Sundbyholm2014Replay.FindOrRunAsync(
            services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<IMessageBus>(),
            services.GetRequiredService<ConferenceSecrets>());
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        var protocol = ProtocolView.Of(await session.LoadConference(id, CancellationToken.None), level);
        await app.StopAsync();

        Console.WriteLine(args.Contains("--json")
            ? JsonSerializer.Serialize(protocol, new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                WriteIndented = true,
                Converters = { new JsonStringEnumConverter() },
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            })
            : Table(id, protocol));
        return 0;
    }

    private static string Table(Guid id, ProtocolView protocol)
    {
        var rows = protocol.Members.Select((m, i) =>
            $"{i + 1,3}  {m.Category,-8} {m.Indicator,4}  " +
            $"{Math.Round(m.Share * 100, MidpointRounding.AwayFromZero),5} %  {m.Perspective ?? "",-13} " +
            $"{Shorten(m.Text)}");
        return $"Sundbyholm 2014 (conference {id}), {protocol.Level} protocol, {protocol.Members.Count} indicators\n" +
               "  #  category  orig  yes share  perspective   text\n" + string.Join('\n', rows);
    }

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..69] + "…";
}
