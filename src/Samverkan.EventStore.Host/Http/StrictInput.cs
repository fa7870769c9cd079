using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Samverkan.EventStore.Domain;

namespace Samverkan.EventStore.Host.Http;

/// <summary>
/// The one input model every request goes through, so that a whole class of bad input is refused in one place
/// rather than field by field: bodies of at most <see cref="MaxBodyBytes"/> in valid UTF-8; JSON with enums only
/// by name, numbers only as numbers, no unknown or repeated properties, no null in arrays, and strings of at most
/// <see cref="InputText.MaxLength"/> characters without control characters. Limits are listed in docs/api.md.
/// </summary>
public static class StrictInput
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static void Configure(JsonSerializerOptions json)
    {
        json.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        json.Converters.Add(new StrictStringConverter());
        json.Converters.Add(new NoNullElementsConverterFactory());
        json.NumberHandling = JsonNumberHandling.Strict;
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.AllowDuplicateProperties = false;
        // A missing or null required field is a 400 with the field named, not a command with a hole in it.
        json.RespectNullableAnnotations = true;
        json.RespectRequiredConstructorParameters = true;
    }

    /// <summary>
    /// Refuses a body that is too large, is not UTF-8, or is a JSON <c>null</c>, before any endpoint reads it;
    /// the body is buffered so that the endpoint reads it as sent.
    /// </summary>
    public static async Task GuardBody(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        // Media types are case-insensitive (RFC 9110); the endpoints match them in lower case.
        if (request.ContentType is { } type && type.Any(char.IsUpper)) request.ContentType = type.ToLowerInvariant();
        if (request.ContentLength is > MaxBodyBytes) throw TooLarge();
        if (request.ContentLength is 0 || !(request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0))
        {
            await next();
            return;
        }
        request.EnableBuffering(MaxBodyBytes);
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxBodyBytes) throw TooLarge();
            body.Write(buffer, 0, read);
        }
        request.Body.Position = 0;
        var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        if (!Utf8.IsValid(bytes))
            throw CommandRejected.Invalid("invalid-utf8", "The body is not UTF-8", "Send the body encoded as UTF-8.");
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            && System.Text.Encoding.UTF8.GetString(bytes).Trim().TrimStart('\uFEFF').Trim() == "null")
            throw CommandRejected.Invalid("missing-body", "The body is null",
                "This request needs a JSON object, not null.");
        await next();
    }

    private static CommandRejected TooLarge() => new(new Rejection(RejectionKind.TooLarge, "request-too-large",
        "The request is too large", $"A request body may hold at most {MaxBodyBytes / 1024} KiB."));

    private sealed class StrictStringConverter : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("A text was expected.");
            var text = reader.GetString()!;
            return InputText.ProblemWith(text) is { } problem ? throw new JsonException($"Refused: {problem}.") : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }

    /// <summary>Lists of reference types never hold null: <c>{"answers":[null]}</c> is refused, not a hole.</summary>
    private sealed class NoNullElementsConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
            && !type.GetGenericArguments()[0].IsValueType;

        public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(
                typeof(NoNullElementsConverter<>).MakeGenericType(type.GetGenericArguments()[0]))!;
    }

    private sealed class NoNullElementsConverter<T> : JsonConverter<IReadOnlyList<T>>
    {
        public override IReadOnlyList<T> Read(
            ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("A list was expected.");
            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                list.Add(reader.TokenType == JsonTokenType.Null
                    ? throw new JsonException("A list holds null.")
                    : JsonSerializer.Deserialize<T>(ref reader, options)!);
            return list;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value) JsonSerializer.Serialize(writer, item, options);
            writer.WriteEndArray();
        }
    }
}
