using System.Net;
using System.Text.Json;
using Xunit;

namespace Samverkan.EventStore.Host.Tests.Room;

/// <summary>One page's stream of notices (/c/{id}/live), read as a browser's EventSource would.</summary>
public sealed class LivePage(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public static async Task<LivePage> Open(HttpClient client, Guid conference, CancellationToken ct = default)
    {
        var response = await client.GetAsync($"/c/{conference}/live", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new LivePage(response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
    }

    /// <summary>The next notice's data, as sent.</summary>
    public async Task<string> Next(CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return line["data: ".Length..];
        throw new EndOfStreamException();
    }

    public async Task<JsonElement> Until(string kind, CancellationToken ct)
    {
        while (true)
        {
            var notice = JsonDocument.Parse(await Next(ct)).RootElement;
            if (notice.GetProperty("kind").GetString() == kind) return notice;
        }
    }

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        await Task.CompletedTask;
    }
}
