using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Samverkan.EventStore.Host.Tests.Fuzz;

/// <summary>One operation of the OpenAPI document.</summary>
public sealed record FuzzOperation(
    string Method, string Template, string Label, IReadOnlyList<FuzzParameter> PathParameters,
    IReadOnlyList<FuzzParameter> QueryParameters, IReadOnlyList<string> BodyTypes, JsonNode? BodySchema);

public sealed record FuzzParameter(string Name, string? Type, string? Format);

/// <summary>A request being built and mutated; turned into an HttpRequestMessage at the end.</summary>
public sealed partial class FuzzRequest
{
    private static readonly JsonSerializerOptions Relaxed =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public required string Method { get; set; }
    public required string Label { get; set; }
    public required string Template { get; init; }
    /// <summary>Already escaped path segments by parameter name.</summary>
    public Dictionary<string, string> PathValues { get; } = [];
    /// <summary>When set, the whole path and query, replacing the template (unmatched routes).</summary>
    public string? RawPath { get; set; }
    /// <summary>Already escaped names and values.</summary>
    public List<(string Name, string Value)> Query { get; } = [];
    public List<(string Name, string Value)> Headers { get; } = [];
    public JsonNode? Json { get; set; }
    public bool JsonIsBody { get; set; }
    public string? Text { get; set; }
    public byte[]? RawBody { get; set; }
    public string? ContentType { get; set; }
    /// <summary>Bytes spliced in for placeholder strings "zzRAW{n}zz": text a JsonNode cannot hold.</summary>
    public List<byte[]> Raw { get; } = [];
    public List<string> Mutations { get; } = [];

    public string PathAndQuery()
    {
        if (RawPath is not null) return RawPath;
        var path = PathValues.Aggregate(Template, (p, kv) => p.Replace("{" + kv.Key + "}", kv.Value));
        return Query.Count == 0 ? path : path + "?" + string.Join("&", Query.Select(q => $"{q.Name}={q.Value}"));
    }

    public JsonNode Placeholder(byte[] bytes)
    {
        Raw.Add(bytes);
        return JsonValue.Create($"zzRAW{Raw.Count - 1}zz");
    }

    public byte[]? Body()
    {
        if (RawBody is not null) return RawBody;
        if (Text is not null) return Encoding.UTF8.GetBytes(Text);
        if (!JsonIsBody) return null;
        var json = Json is null ? "null" : Json.ToJsonString(Relaxed);
        var body = new MemoryStream();
        var at = 0;
        foreach (Match m in PlaceholderPattern().Matches(json))
        {
            body.Write(Encoding.UTF8.GetBytes(json[at..m.Index]));
            body.Write(Raw[int.Parse(m.Groups[1].Value)]);
            at = m.Index + m.Length;
        }
        body.Write(Encoding.UTF8.GetBytes(json[at..]));
        return body.ToArray();
    }

    public HttpRequestMessage ToMessage(byte[]? body)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery());
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        return message;
    }

    [GeneratedRegex("\"zzRAW(\\d+)zz\"")]
    private static partial Regex PlaceholderPattern();
}
