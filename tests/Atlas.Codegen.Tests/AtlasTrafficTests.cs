using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Atlas.Codegen.Parsing;
using Xunit.Abstractions;

namespace Atlas.Codegen.Tests;

/// <summary>
/// What Atlas really sends: the 861 exchanges recorded by the vendor's own CLI end-to-end tests and Terraform provider
/// (<c>../shared/corpora/atlas-traffic</c>, read in place), each body read into the type the whole spec generates for
/// its operation, status and recorded API version, and written back: nothing lost (a property sent as null stays,
/// every value the same), nothing refused. Never skipped: a missing corpus fails.
/// </summary>
[Collection(WholeSpecCollection.Name)]
public sealed class AtlasTrafficTests(WholeSpecFixture fx, ITestOutputHelper output)
{
    private static readonly string Traffic = Path.GetFullPath(Path.Combine(TestDriver.Repo, "..", "shared", "corpora", "atlas-traffic"));

    private sealed record Operation(string Method, string Path, Regex Key, int Literal, YNode Node);

    private List<Operation> Operations()
    {
        var list = new List<Operation>();
        foreach (var path in fx.Root["paths"]!.Entries)
        {
            // The CLI's recordings name the call by its path with '/' as '_': a parameter is any run of characters.
            var literal = 0;
            var pattern = "^" + string.Concat(Regex.Split(path.Key.TrimStart('/'), @"(\{[^}]+\})").Select(part =>
            {
                if (part.StartsWith('{')) return "[^/]+?";
                literal += part.Length;
                return Regex.Escape(part.Replace('/', '_'));
            })) + "$";
            foreach (var op in path.Value.Entries.Where(e => e.Key is "get" or "put" or "post" or "patch" or "delete"))
            {
                list.Add(new Operation(op.Key.ToUpperInvariant(), path.Key, new Regex(pattern, RegexOptions.CultureInvariant), literal, op.Value));
            }
        }
        return list;
    }

    private YNode Resolve(YNode node)
    {
        while (node.Str("$ref") is { } r && r.StartsWith("#/", StringComparison.Ordinal))
        {
            YNode? target = fx.Root;
            foreach (var part in r[2..].Split('/')) target = target?[part.Replace("~1", "/").Replace("~0", "~")];
            node = target ?? throw new InvalidOperationException("dangling " + r);
        }
        return node;
    }

    /// <summary>The schema's generated type: a named schema's type, or a list of one.</summary>
    private Type? TypeOfSchema(YNode schema)
    {
        if (schema.Str("$ref") is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal)) return fx.TypeOf(r["#/components/schemas/".Length..]);
        if (schema.Str("type") == "array" && schema["items"] is { } items && TypeOfSchema(items) is { } item) return typeof(List<>).MakeGenericType(item);
        return null;
    }

    private static IEnumerable<JsonObject> Exchanges()
    {
        foreach (var file in Directory.GetFiles(Traffic, "*.jsonl.gz").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0) yield return JsonNode.Parse(line)!.AsObject();
            }
        }
    }

    /// <summary>The media type entry of <paramref name="content"/> for the recorded version (errors: plain JSON).</summary>
    private static YNode? MediaFor(YNode? content, string? version)
    {
        if (content is null) return null;
        if (version is not null && content["application/vnd.atlas." + version + "+json"] is { } exact) return exact;
        return content["application/json"];
    }

    [Fact]
    public void Every_recorded_Atlas_body_is_read_and_written_back_without_loss()
    {
        Assert.True(Directory.Exists(Traffic), "the corpus is missing: " + Traffic);
        Assert.NotNull(fx.Assembly);
        var operations = Operations();
        var failures = new List<string>();
        var notInSpec = new List<string>();
        var checkedBodies = 0;
        var exchanges = 0;
        var nullsKept = 0;
        foreach (var x in Exchanges())
        {
            exchanges++;
            var method = (string?)x["method"]; // not recorded for the CLI's long test names: the Java method says the call
            var what = method + " " + ((string?)x["path_template"] ?? (string?)x["path_key"] ?? (string?)x["java_method"]) + " " + x["status"] + " " + x["version"]
                + " (" + x["file"] + ")";
            var javaMethod = ((string?)x["java_method"])?.Split("::").Last();
            var candidates = operations.Where(o => method is null || o.Method == method).Where(o =>
                x["path_template"] is { } t ? Regex.Replace(o.Path, @"\{[^}]+\}", "{}") == Regex.Replace((string)t!, @"\{[^}]+\}", "{}")
                : x["path_key"] is { } k ? o.Key.IsMatch((string)k!)
                : o.Node.Str("operationId") == javaMethod || o.Node.Str("x-xgen-operation-id-override") == javaMethod).ToList();
            // Several templates fit a recorded path (a literal segment or a parameter): the most literal one, then the Java method.
            var operation = candidates.OrderByDescending(o => o.Node.Str("operationId") == javaMethod || o.Node.Str("x-xgen-operation-id-override") == javaMethod)
                .ThenByDescending(o => o.Literal).FirstOrDefault();
            if (operation is null)
            {
                notInSpec.Add(what + ": no operation");
                continue;
            }
            var version = (string?)x["version"];
            var bodies = new List<(string Body, YNode? Media, string Side)>();
            if (x["response_body"] is { } rb)
            {
                // As the client reads it: a status the operation does not declare is read by the schema of its success
                // (any 2xx) or of its errors.
                var status = (int)x["status"]!;
                var responses = operation.Node["responses"]?.Entries ?? default;
                bool Success(string code) => code.Length == 3 && code[0] == '2';
                var response = operation.Node["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]
                    ?? responses.Where(r => status is >= 200 and <= 299 ? Success(r.Key) : !Success(r.Key))
                        .Select(r => Resolve(r.Value)).FirstOrDefault(r => r["content"] is not null);
                bodies.Add(((string)rb!, response is null ? null : MediaFor(Resolve(response)["content"], version), "response"));
            }
            if (x["request_body"] is { } qb && operation.Node["requestBody"] is { } request)
            {
                bodies.Add(((string)qb!, MediaFor(Resolve(request)["content"], version), "request"));
            }
            foreach (var (body, media, side) in bodies)
            {
                if (media?["schema"] is not { } schema)
                {
                    notInSpec.Add(what + " " + side + ": no schema for this status and version");
                    continue;
                }
                var type = TypeOfSchema(schema);
                if (type is null)
                {
                    failures.Add(what + " " + side + ": no generated type for " + (schema.Str("$ref") ?? schema.Str("type")));
                    continue;
                }
                checkedBodies++;
                try
                {
                    var value = JsonSerializer.Deserialize(body, type);
                    var back = JsonSerializer.Serialize(value, type);
                    if (Difference(JsonNode.Parse(body), JsonNode.Parse(back), "$") is { } difference)
                    {
                        failures.Add(what + " " + side + " as " + type.Name + ": written back differently at " + difference);
                    }
                    nullsKept += Regex.Matches(back, @":null[,}]").Count;
                }
                catch (Exception ex)
                {
                    failures.Add(what + " " + side + " as " + type.Name + ": " + ex.GetType().Name + ": " + ex.Message);
                }
            }
        }
        output.WriteLine($"{exchanges} exchanges, {checkedBodies} bodies read and written back, {nullsKept} nulls kept; left out (the operation, status or version has no schema in the spec): {notInSpec.Count}");
        foreach (var n in notInSpec) output.WriteLine("  " + n);
        Assert.True(exchanges >= 861, exchanges + " exchanges");
        Assert.True(failures.Count == 0, failures.Count + " of " + checkedBodies + " bodies:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(checkedBodies >= 800, checkedBodies + " bodies checked");
        Assert.True(nullsKept >= 500, nullsKept + " properties sent as null kept"); // Atlas sends many: the check above sees them
    }

    /// <summary>
    /// Where two JSON values differ (null when they are equal): object members in any order, a member present as null is
    /// not an absent one, numbers equal by value (<c>30.0</c> is <c>30</c>), strings by their text.
    /// </summary>
    internal static string? Difference(JsonNode? read, JsonNode? wrote, string path)
    {
        switch (read)
        {
            case null:
                return wrote is null ? null : path + ": null became " + Short(wrote);
            case JsonObject o:
                if (wrote is not JsonObject w) return path + ": an object became " + Short(wrote);
                foreach (var (name, value) in o)
                {
                    if (!w.TryGetPropertyValue(name, out var other)) return path + "." + name + ": " + Short(value) + " was left out";
                    if (Difference(value, other, path + "." + name) is { } d) return d;
                }
                var added = w.Select(p => p.Key).FirstOrDefault(k => !o.ContainsKey(k));
                return added is null ? null : path + "." + added + ": added " + Short(w[added]);
            case JsonArray a:
                if (wrote is not JsonArray wa || wa.Count != a.Count) return path + ": " + Short(a) + " became " + Short(wrote);
                for (var i = 0; i < a.Count; i++)
                {
                    if (Difference(a[i], wa[i], path + "[" + i + "]") is { } d) return d;
                }
                return null;
            default:
                var r = read.AsValue();
                if (wrote is not JsonValue wv) return path + ": " + Short(read) + " became " + Short(wrote);
                if (r.GetValueKind() == JsonValueKind.Number && wv.GetValueKind() == JsonValueKind.Number)
                {
                    return decimal.TryParse(r.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x)
                        && decimal.TryParse(wv.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var y)
                        ? (x == y ? null : path + ": " + r.ToJsonString() + " became " + wv.ToJsonString())
                        : (r.ToJsonString() == wv.ToJsonString() ? null : path + ": " + r.ToJsonString() + " became " + wv.ToJsonString());
                }
                return JsonNode.DeepEquals(read, wrote) ? null : path + ": " + Short(read) + " became " + Short(wrote);
        }
    }

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 120 ? text[..120] + "…" : text;
    }
}
