using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx.CommandLine;
using Marten;
using Samverkan.EventStore.Application.Conferences;
using Samverkan.EventStore.Application.Security;
using Samverkan.EventStore.Application.Sundbyholm;
using Samverkan.EventStore.Domain.Rounds;
using Wolverine;

namespace Samverkan.EventStore.Host.Commands;

public sealed class SundbyholmInput : NetCoreInput
{
    [Description("The protocol level to print: core or comprehensive")]
    public string LevelFlag { get; set; } = "core";

    [Description("Print the protocol as JSON instead of a table")]
    public bool JsonFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/Samverkan.EventStore.Host -- sundbyholm [--level core|comprehensive] [--json]</c>:
/// replays Sundbyholm 2014 into the store (once) and prints its protocol as a table, or as JSON.
/// </summary>
[Description("Replay Sundbyholm 2014 into the store (once) and print its protocol", Name = "sundbyholm")]
public sealed class SundbyholmCommand : JasperFxAsyncCommand<SundbyholmInput>
{
    public override async Task<bool> Execute(SundbyholmInput input)
    {
        using var host = input.BuildHost();
        await host.StartAsync();
        var services = host.Services;
        var (id, _) = await Sundbyholm2014Replay.FindOrRunAsync(
            services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<IMessageBus>(),
            services.GetRequiredService<ConferenceSecrets>());
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        var protocol = ProtocolView.Of(await session.LoadConference(id, CancellationToken.None), input.LevelFlag);
        await host.StopAsync();

        Console.WriteLine(input.JsonFlag
            ? JsonSerializer.Serialize(protocol, new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                WriteIndented = true,
                Converters = { new JsonStringEnumConverter() },
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            })
            : Table(id, protocol));
        return true;
    }

    private static string Table(Guid id, ProtocolView protocol)
    {
        var rows = protocol.Members.Select((m, i) =>
            $"{i + 1,3}  {m.Category,-8} {m.Indicator,4}  " +
            $"{Percent.Whole(m.Share),5} %  {m.Perspective ?? "",-13} " +
            $"{Shorten(m.Text)}");
        return $"Sundbyholm 2014 (conference {id}), {protocol.Level} protocol, {protocol.Members.Count} indicators\n" +
               "  #  category  orig  yes share  perspective   text\n" + string.Join('\n', rows);
    }

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..69] + "…";
}
