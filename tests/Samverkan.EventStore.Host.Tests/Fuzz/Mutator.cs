using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samverkan.EventStore.Host.Tests.Fuzz;

/// <summary>Builds a valid request to an operation from the seeds, then breaks it in one or two ways.</summary>
public sealed class Mutator(Random rng, FuzzSeeds seeds, JsonNode openApi, IReadOnlyList<FuzzOperation> operations)
{
    private const string Facilitator = "X-Facilitator-Key";
    private const string Voter = "X-Voter-Credential";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private Guid NewGuid()
    {
        var bytes = new byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }

    public FuzzRequest Next(FuzzOperation operation)
    {
        var conference = Pick(seeds.Conferences);
        var request = Valid(operation, conference);
        var mutations = rng.Next(10) < 7 ? 1 : 2;
        for (var i = 0; i < mutations; i++) Mutate(request, operation, conference);
        return request;
    }

    // ---------------------------------------------------------------- valid requests

    private FuzzRequest Valid(FuzzOperation operation, SeedConference c)
    {
        var request = new FuzzRequest
        {
            Method = operation.Method, Label = operation.Label, Template = operation.Template,
        };
        foreach (var p in operation.PathParameters) request.PathValues[p.Name] = Uri.EscapeDataString(PathValue(p, c));
        foreach (var p in operation.QueryParameters)
            if (QueryValue(operation, p, c) is { } value && rng.Next(2) == 0)
                request.Query.Add((p.Name, Uri.EscapeDataString(value)));
        // Both, always: a request carries what either kind of endpoint asks for, and mutations take it away.
        request.Headers.Add((Facilitator, c.FacilitatorKey));
        request.Headers.Add((Voter, Pick(c.Voters)));
        var (contentType, body) = Body(operation, c);
        if (body is not null)
        {
            request.ContentType = contentType;
            if (contentType == "application/json")
            {
                request.Json = JsonNode.Parse(body);
                request.JsonIsBody = true;
            }
            else request.Text = body;
        }
        return request;
    }

    private string PathValue(FuzzParameter p, SeedConference c) => p.Name switch
    {
        "conferenceId" => c.Id.ToString(),
        "round" => c.State is "closed" or "concluded" ? Pick(["1", "2"]) : "1",
        "level" => Pick(["comprehensive", "core"]),
        "indicator" => Pick(["1", "2", "3"]),
        "expertId" => c.ExpertId.ToString(),
        "subscriptionId" => c.SubscriptionId.ToString(),
        "table" => Pick(["ballots", "tallies", "decisions"]),
        _ => ByType(p, c),
    };

    private string? QueryValue(FuzzOperation op, FuzzParameter p, SeedConference c) => p.Name switch
    {
        "format" when op.Template.Contains("/export") => Pick(["markdown", "csv"]),
        "format" => Pick(["json", "table", "csv"]),
        "after" => Pick(["0", "3"]),
        "limit" => Pick(["1", "50"]),
        "sequence" => Pick(["1", "10"]),
        "time" => "2030-01-01T00:00:00Z",
        "conferenceId" => c.Id.ToString(),
        "type" => "samverkan.round-closed.v1",
        _ => ByType(p, c),
    };

    private string ByType(FuzzParameter p, SeedConference c) =>
        p.Format == "uuid" ? c.Id.ToString()
        : p.Type is "integer" or "number" ? "1"
        : p.Type == "boolean" ? "true" : "x";

    private (string ContentType, string? Body) Body(FuzzOperation op, SeedConference c)
    {
        var key = $"{op.Method} {op.Template}";
        string Json(object o) => JsonSerializer.Serialize(o);
        string Research(string kind, bool file)
        {
            var node = JsonNode.Parse(kind switch
            {
                "reruns" => """
                    {"changes":[{"round":1,"eliminateBelow":0.4,"ties":"IncludeAllTied"}],
                     "missingBallots":"CarryForwardLastShare"}
                    """,
                "sweeps" => """
                    {"axes":[{"rule":"eliminateBelow","from":0.3,"to":0.6,"step":0.1}],"missingBallots":"Undetermined"}
                    """,
                _ => """{"replicates":10,"seed":1,"changes":[{"remainder":"Eliminate"}]}""",
            })!.AsObject();
            if (file) node["conference"] = JsonNode.Parse(seeds.RecordJson);
            if (file && rng.Next(2) == 0) node["ballotsCsv"] = seeds.BallotsCsv;
            return node.ToJsonString();
        }
        return key switch
        {
            "POST /api/conferences" => ("application/json", Json(new
            {
                title = "Fuzz", place = "Sundbyholm", startsOn = "2014-04-07", endsOn = "2014-04-08", language = "sv",
                categories = new[] { "process", "effect" },
            })),
            "POST /api/conferences/{conferenceId}/catalog" => rng.Next(2) == 0
                ? ("text/csv", ConferenceScenario.Catalog)
                : ("application/json", """
                    [{"number":1,"text":"Delaktighet","category":"process","perspective":"participant"},
                     {"number":2,"text":"Arbete","category":"effect"}]
                    """),
            "POST /api/conferences/{conferenceId}/experts" =>
                ("application/json", Json(new { name = "Expert", organisation = "Kommunen", role = "official" })),
            "POST /api/conferences/{conferenceId}/revoked-credentials" =>
                ("application/json", Json(new { credential = c.SpareCredential, reason = "Left early" })),
            "PUT /api/conferences/{conferenceId}/round-plan" => ("application/json", ConferenceScenario.TwoRoundPlan),
            "POST /api/conferences/{conferenceId}/rounds/{round}/ballots" => ("application/json",
                Json(new
                {
                    ballotId = NewGuid(), indicator = rng.Next(1, 4), answer = Pick(["Yes", "No", "Abstain"]),
                })),
            "POST /api/conferences/{conferenceId}/rounds/{round}/tie-resolutions" => ("application/json",
                """{"level":"comprehensive","category":"process","chosen":[1],"reason":"Ordförandens beslut"}"""),
            "POST /api/conferences/{conferenceId}/rounds/{round}/overrides" => ("application/json",
                """{"indicator":2,"outcome":{"kind":"Advanced","level":"comprehensive"},"reason":"Beslut"}"""),
            "PUT /api/conferences/{conferenceId}/evaluation" => ("application/json", FuzzSeeds.Questionnaire),
            "POST /api/conferences/{conferenceId}/evaluation/responses" => ("application/json",
                """{"answers":[{"question":1,"option":"Nöjd"}],"comment":"Bra"}"""),
            "POST /api/conferences/{conferenceId}/webhooks" => ("application/json", Json(new
            {
                url = "http://127.0.0.1:9/fuzz", eventTypes = new[] { "samverkan.protocol-adopted.v1" },
                secret = "a-secret-of-enough-length",
            })),
            "POST /api/conferences/{conferenceId}/research/reruns" => ("application/json", Research("reruns", false)),
            "POST /api/conferences/{conferenceId}/research/sweeps" => ("application/json", Research("sweeps", false)),
            "POST /api/conferences/{conferenceId}/research/bootstraps" =>
                ("application/json", Research("bootstraps", false)),
            "POST /api/research/reruns" => ("application/json", Research("reruns", true)),
            "POST /api/research/sweeps" => ("application/json", Research("sweeps", true)),
            "POST /api/research/bootstraps" => ("application/json", Research("bootstraps", true)),
            // An operation this test does not know: a body made from its schema, so that it is fuzzed all the same.
            _ when op.BodySchema is not null => (op.BodyTypes.FirstOrDefault() ?? "application/json",
                FromSchema(op.BodySchema, 0)?.ToJsonString() ?? "{}"),
            _ => ("", null),
        };
    }

    private JsonNode? FromSchema(JsonNode schema, int depth)
    {
        if (depth > 6) return null;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return FromSchema(openApi["components"]!["schemas"]![reference.Split('/')[^1]]!, depth + 1);
        if (schema["enum"] is JsonArray { Count: > 0 } values) return values[0]!.DeepClone();
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue one => one.GetValue<string>(),
            _ => schema["properties"] is not null ? "object" : null,
        };
        return type switch
        {
            "object" => new JsonObject((schema["properties"] as JsonObject ?? [])
                .Select(p => KeyValuePair.Create(p.Key, FromSchema(p.Value!, depth + 1)))),
            "array" => schema["items"] is { } items ? new JsonArray(FromSchema(items, depth + 1)) : new JsonArray(),
            "integer" => 1,
            "number" => 0.5,
            "boolean" => true,
            "string" when schema["format"]?.GetValue<string>() == "uuid" => Guid.Empty.ToString(),
            "string" => "x",
            _ => null,
        };
    }

    // ---------------------------------------------------------------- mutations

    private void Mutate(FuzzRequest r, FuzzOperation op, SeedConference c)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var roll = rng.Next(100);
            var applied = roll switch
            {
                < 34 => MutateField(r),
                < 46 => MutateWholeBody(r),
                < 53 => MutateContentType(r),
                < 67 => MutateCredentials(r, c),
                < 79 => MutatePath(r),
                < 89 => MutateQuery(r, op),
                < 96 => MutateMethod(r),
                _ => Unmatched(r, c),
            };
            if (applied) return;
        }
    }

    private bool MutateField(FuzzRequest r)
    {
        if (!r.JsonIsBody || r.Json is null) return false;
        var slots = new List<(JsonNode Parent, string? Key, int Index, string Path)>();
        Collect(r.Json, "", slots);
        if (slots.Count == 0) return false;
        var (parent, key, index, path) = Pick(slots);
        var current = key is not null ? parent[key] : parent[index];
        var name = key ?? $"{path}[]";
        var op = rng.Next(100);
        if (op < 10)
        {
            if (key is not null) parent.AsObject().Remove(key);
            else parent.AsArray().RemoveAt(index);
            r.Mutations.Add($"field {name} dropped");
            return true;
        }
        if (op < 16 && key is not null)
        {
            // Duplicated key: text a JsonObject cannot hold, spliced in as raw bytes.
            var other = Pick(["null", "7", "\"x\"", "{}", current?.ToJsonString() ?? "null"]);
            var obj = parent.AsObject();
            var value = obj[key];
            obj.Remove(key);
            var token = r.Placeholder(Encoding.UTF8.GetBytes($"\"{key}\":{other},\"{key}\""));
            obj[token.GetValue<string>()] = value;
            r.Mutations.Add($"field {name} duplicated");
            return true;
        }
        if (op < 20 && parent is JsonObject extra)
        {
            extra[Pick(["unexpected", "$type", "__proto__", "Answer", "ANSWER"])] = Replacement(r, current).Value;
            r.Mutations.Add("unknown field added");
            return true;
        }
        var (what, replacement) = Replacement(r, current);
        if (key is not null) parent[key] = replacement;
        else parent.AsArray()[index] = replacement;
        r.Mutations.Add($"field {name} → {what}");
        return true;
    }

    private static void Collect(JsonNode node, string path, List<(JsonNode, string?, int, string)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    slots.Add((o, k, -1, k));
                    if (v is not null) Collect(v, k, slots);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, null, i, path));
                    if (a[i] is { } item) Collect(item, path, slots);
                }
                break;
        }
    }

    private (string What, JsonNode? Value) Replacement(FuzzRequest r, JsonNode? current)
    {
        var isNumber = current is JsonValue v && v.GetValueKind() == JsonValueKind.Number;
        var isString = current is JsonValue s && s.GetValueKind() == JsonValueKind.String;
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        switch (rng.Next(isString || isNumber ? 34 : 22))
        {
            case 0: case 1: return ("null", null);
            case 2: return ("number 7", 7);
            case 3: return ("object", new JsonObject { ["a"] = "b" });
            case 4: return ("[null]", new JsonArray((JsonNode?)null));
            case 5: return ("[]", new JsonArray());
            case 6: return ("true", true);
            case 7: return ("\"\"", "");
            case 8: return ("NUL", "a\0b");
            case 9: return ("control chars", "a\u0001\u001b[31m\u007fb\r\n");
            case 10:
                return ("lone surrogate",
                    r.Placeholder(Utf8(Pick(["\"\\ud800\"", "\"x\\udfffy\"", "\"\\ud800\\ud800\""]))));
            case 11: return ("invalid UTF-8", r.Placeholder([(byte)'"', (byte)'a', .. Pick<byte[]>(
                [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80]]), (byte)'"']));
            case 12:
            {
                // Few and big: each costs megabytes through the whole stack.
                var size = rng.Next(40) == 0 ? Pick([1, 2, 10]) << 20 : Pick([300, 70_000]);
                return ($"string of {Size(size)}", r.Placeholder(Utf8("\"" + new string('a', size) + "\"")));
            }
            case 13:
            {
                var depth = Pick([65, 1000, 100_000]);
                return ($"nested {depth} deep", r.Placeholder(Utf8(new string('[', depth) + new string(']', depth))));
            }
            case 14: return ("-1", -1);
            case 15: return ("0", 0);
            case 16: return ("2147483648", 2147483648L);
            case 17: return ("1e400", r.Placeholder(Utf8("1e400")));
            case 18: return ("0.5", 0.5);
            case 19: return ("=HYPERLINK", "=HYPERLINK(\"http://evil.example\",\"klicka\")");
            case 20: return ("whitespace", " \t ");
            case 21: return ("unescaped control char", r.Placeholder(Utf8("\"a\tb\nc\"")));
            case 22: case 23: return isNumber ? ("number as string", current!.ToJsonString()) : ("number 7", 7);
            case 24: return ("-2147483649", -2147483649L);
            case 25: return ("9223372036854775808", r.Placeholder(Utf8("9223372036854775808")));
            case 26: return ("NaN literal", r.Placeholder(Utf8("NaN")));
            case 27: return ("\"NaN\"", "NaN");
            case 28: return ("lowercase", isString ? current!.GetValue<string>().ToLowerInvariant() : "yes");
            case 29: return ("padded", isString ? " " + current!.GetValue<string>() + " " : "1 ");
            case 30: return ("RTL override", "\u202Eabc\u202C");
            case 31: return ("emoji", "👍🏽𝕏");
            case 32: return ("integer as float", 1.0);
            default: return ("1e308", 1e308);
        }
    }

    private static string Size(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MB" : $"{bytes} B";

    private bool MutateWholeBody(FuzzRequest r)
    {
        var body = r.Body();
        if (r.ContentType == "text/csv") return MutateCsv(r);
        var text = body is null ? "{}" : Encoding.UTF8.GetString(body);
        (string What, byte[] Bytes) Utf8(string what, string t) => (what, Encoding.UTF8.GetBytes(t));
        var (what, bytes) = rng.Next(17) switch
        {
            0 => Utf8("null", "null"),
            1 => Utf8("empty", ""),
            2 => Utf8("truncated", text[..rng.Next(Math.Max(1, text.Length))]),
            3 => Utf8("not JSON", "this is not json"),
            4 => Utf8("[]", "[]"),
            5 => Utf8("a string", "\"x\""),
            6 => Utf8("a number", "123"),
            7 => ("BOM + valid", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]),
            8 => ("invalid UTF-8 inside", Splice(Encoding.UTF8.GetBytes(text), [0xFF, 0xFE, 0xC3, 0x28])),
            9 => Utf8("deep nesting", string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000)),
            10 => Utf8("two documents", text + text),
            11 => Utf8("trailing comma", text.TrimEnd().TrimEnd('}') + ",}"),
            12 => Utf8("comment", "/* c */" + text),
            13 => Utf8("single quotes", text.Replace('"', '\'')),
            14 => ("UTF-16", Encoding.Unicode.GetBytes(text)),
            15 => Utf8("NUL bytes", "\0\0\0"),
            _ => Utf8("whitespace only", "   \n"),
        };
        r.RawBody = bytes;
        r.ContentType ??= "application/json";
        r.Mutations.Add($"body {what}");
        return true;
    }

    private byte[] Splice(byte[] into, byte[] bytes)
    {
        var at = rng.Next(into.Length + 1);
        return [.. into[..at], .. bytes, .. into[at..]];
    }

    private bool MutateCsv(FuzzRequest r)
    {
        const string header = "number,text,category,perspective\n";
        var (what, text) = rng.Next(14) switch
        {
            0 => ("stray quote", header + "1,Delt\"agare,process,\n2,\"Samverkan,process,\n"),
            1 => ("unterminated quote", header + "1,\"Deltagare,process,participant\n"),
            2 => ("=HYPERLINK", header + "1,\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",process,\n"),
            3 => ("formula", header + "1,=1+2,process,\n2,@SUM(A1),effect,\n3,+cmd|' /C calc'!A0,effect,\n"),
            4 => ("NUL in text", header + "1,Del\0tagare,process,\n"),
            5 => ("only a header", header),
            6 => ("empty", ""),
            7 => ("huge number", header + "99999999999999999999,A,process,\n-1,B,effect,\n"),
            8 => ("semicolons", "number;text;category\n1;A;process\n"),
            9 => ("extra columns", header + "1,A,process,participant,extra,more\n"),
            10 => ("no header", "1,A,process,\n"),
            11 => ("CRLF and blank lines", header.Replace("\n", "\r\n") + "\r\n\r\n1,A,process,\r\n"),
            12 => ("huge line", header + "1," + new string('x', 200_000) + ",process,\n"),
            _ => ("lone surrogate", header + "1,A\ud800,process,\n"),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (rng.Next(4))
        {
            case 0:
                bytes = [0xEF, 0xBB, 0xBF, .. bytes];
                what += " with BOM";
                break;
            case 1:
                bytes = Splice(bytes, [0xFF, 0xC3, 0x28]);
                what += " with invalid UTF-8";
                break;
        }
        r.RawBody = bytes;
        r.Mutations.Add($"csv {what}");
        return true;
    }

    private bool MutateContentType(FuzzRequest r)
    {
        if (r.Body() is null) return false;
        var type = Pick<string?>([null, "text/plain", "application/xml", "application/json; charset=iso-8859-1",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/csv", "application/json",
            "application/merge-patch+json", "garbage;;=", "*/*", "APPLICATION/JSON", "text/csv; charset=utf-16"]);
        if (type == r.ContentType) type = null;
        r.ContentType = type;
        r.Mutations.Add($"content-type {type ?? "missing"}");
        return true;
    }

    private bool MutateCredentials(FuzzRequest r, SeedConference c)
    {
        var facilitator = rng.Next(2) == 0;
        var name = facilitator ? Facilitator : Voter;
        // An earlier mutation may have taken the header away already, or emptied it.
        var current = r.Headers.FirstOrDefault(h => h.Name == name).Value is { Length: > 0 } header
            ? header
            : facilitator ? c.FacilitatorKey : c.Voters[0];
        var other = seeds.Conferences.First(o => o.Id != c.Id);
        var (what, value) = rng.Next(12) switch
        {
            0 or 1 => ("missing", null),
            2 => ("empty", ""),
            3 => ("wrong", facilitator ? "not-the-key" : "not a credential"),
            4 => ("another conference's", facilitator ? other.FacilitatorKey : other.Voters[0]),
            5 => ("one character changed", current[..^1] + (current[^1] == 'A' ? 'B' : 'A')),
            6 => ("truncated", current[..(current.Length / 2)]),
            7 => ("10k long", new string('k', 10_000)),
            8 => ("non-ASCII", "nyckel-åäö-ключ"),
            9 => ("padded", " " + current + " "),
            10 => ("revoked", c.RevokedCredential ?? c.SpareCredential),
            _ => ("base64 garbage", Convert.ToBase64String(Encoding.UTF8.GetBytes(current + current))),
        };
        if (facilitator && what == "revoked") return false;
        r.Headers.RemoveAll(h => h.Name == name);
        if (value is not null) r.Headers.Add((name, value));
        if (rng.Next(15) == 0 && value is not null)
        {
            r.Headers.Add((name, current));
            what += " and the right one twice";
        }
        r.Mutations.Add($"{(facilitator ? "facilitator key" : "voter credential")} {what}");
        return true;
    }

    private bool MutatePath(FuzzRequest r)
    {
        if (r.PathValues.Count == 0 || r.RawPath is not null) return false;
        var name = Pick(r.PathValues.Keys.ToList());
        var (what, value) = rng.Next(17) switch
        {
            0 => ("not a guid", "not-a-guid"),
            1 => ("empty guid", Guid.Empty.ToString()),
            2 => ("unknown guid", NewGuid().ToString()),
            3 => ("-1", "-1"),
            4 => ("0", "0"),
            5 => ("huge int", "99999999999999999999"),
            6 => ("2147483648", "2147483648"),
            // Not %00: the in-memory test server throws on it before the service sees it (Kestrel answers 400).
            7 => ("encoded space", "%20"),
            8 => ("encoded slash", "%2F"),
            9 => ("dot dot", ".."),
            10 => ("5000 chars", new string('9', 5000)),
            11 => ("1e3", "1e3"),
            12 => ("fullwidth digit", Uri.EscapeDataString("１")),
            13 => ("guid in braces", Uri.EscapeDataString("{" + NewGuid() + "}")),
            14 => ("RTL override", Uri.EscapeDataString("\u202Ecore")),
            15 => ("invalid percent", "%ZZ"),
            _ => ("upper case", r.PathValues[name].ToUpperInvariant()),
        };
        r.PathValues[name] = value;
        r.Mutations.Add($"path {name} {what}");
        return true;
    }

    private bool MutateQuery(FuzzRequest r, FuzzOperation op)
    {
        if (r.RawPath is not null) return false;
        var names = op.QueryParameters.Select(p => p.Name).Concat(["unknown"]).ToList();
        var name = Pick(names);
        var (what, value) = rng.Next(15) switch
        {
            0 => ("abc", "abc"),
            1 => ("-1", "-1"),
            2 => ("0", "0"),
            3 => ("huge int", "99999999999999999999"),
            4 => ("1.5", "1.5"),
            5 => ("empty", ""),
            6 => ("%00", "%00"),
            7 => ("bad date", "2014-13-45"),
            8 => ("max date", "9999-12-31T23:59:59Z"),
            9 => ("min date", "0001-01-01"),
            10 => ("10k long", new string('q', 10_000)),
            11 => ("list", "json,csv"),
            12 => ("upper case", "MARKDOWN"),
            13 => ("2147483648", "2147483648"),
            _ => ("int max", "2147483647"),
        };
        if (rng.Next(5) > 0) r.Query.RemoveAll(q => q.Name == name);
        else what += " twice";
        r.Query.Add((name, value));
        r.Mutations.Add($"query {name}={what}");
        return true;
    }

    private bool MutateMethod(FuzzRequest r)
    {
        var method = Pick(Methods.Where(m => m != r.Method).ToList());
        r.Mutations.Add($"method {method} (was {r.Method})");
        r.Method = method;
        // Another operation may have this route with this method: then that one is what the request reaches.
        if (operations.FirstOrDefault(o => o.Template == r.Template && o.Method == method) is { } other)
            r.Label = other.Label;
        return true;
    }

    private bool Unmatched(FuzzRequest r, SeedConference c)
    {
        var (what, path) = rng.Next(10) switch
        {
            0 => ("/api/conference", "/api/conference"),
            1 => ("unknown sub-resource", $"/api/conferences/{c.Id}/nope"),
            2 => ("rounds without number", $"/api/conferences/{c.Id}/rounds"),
            3 => ("extra segment", $"/api/conferences/{c.Id}/rounds/1/ballots/extra"),
            4 => ("/api", "/api"),
            5 => ("/api/research", "/api/research"),
            6 => ("trailing slash", $"/api/conferences/{c.Id}/"),
            7 => ("double slashes", $"//api//conferences//{c.Id}"),
            8 => ("invalid percent", "/api/conferences/%ZZ/rounds/1"),
            _ => ("10k path", "/api/" + new string('p', 10_000)),
        };
        r.RawPath = path;
        r.Label = $"unmatched {what}";
        r.Mutations.Add($"route {what}");
        return true;
    }
}
