using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Atlas.Codegen.Tests.Atlas;
using Xunit.Abstractions;

namespace Atlas.Codegen.Tests;

/// <summary>
/// JSON mutations of the example payloads with System.Text.Json as the oracle: whatever the generated converters read,
/// they write back as the JSON System.Text.Json reads from the same bytes (a repeated property: the last one wins;
/// comments and trailing commas, when the options allow them, are not part of the value), and what they write is JSON.
/// </summary>
public class OracleFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Examples =
    [
        "createPrivateEndpoint.response.AWS.json", "createPrivateEndpoint.response.AZURE.json", "createPrivateEndpoint.response.GCP.with-unknown-fields.json",
        "createPrivateEndpoint.request.AWS.json", "createPrivateEndpoint.request.AZURE.json", "createPrivateEndpoint.request.GCP.json",
        "apiError.400.with-badRequestDetail.schema-shape.json", "apiError.409.PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION.reconstructed.json",
    ];

    private static readonly JsonSerializerOptions Lenient = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly JsonDocumentOptions LenientDocument = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>What System.Text.Json reads: the value, a repeated name's last value winning, nulls dropped (see <see cref="JsonAssert"/>).</summary>
    private static string Oracle(byte[] json, JsonDocumentOptions options)
    {
        using var doc = JsonDocument.Parse(json, options);
        return JsonAssert.Normalize(LastWins(doc.RootElement))!.ToJsonString();
    }

    private static JsonNode? LastWins(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var o = new JsonObject();
                foreach (var p in e.EnumerateObject()) o[p.Name] = LastWins(p.Value);
                return o;
            case JsonValueKind.Array:
                return new JsonArray(e.EnumerateArray().Select(LastWins).ToArray());
            case JsonValueKind.Null:
                return null;
            default:
                return JsonNode.Parse(e.GetRawText());
        }
    }

    /// <summary>Ours: read as the example's type and written back (null when it refuses with a JsonException).</summary>
    private static string? Ours(string file, byte[] json, JsonSerializerOptions? options, List<string> failures, string what, out string? refusal)
    {
        refusal = null;
        var type = file.Contains(".response.") ? typeof(PrivateLinkEndpoint) : file.Contains(".request.") ? typeof(CreateEndpointRequest) : typeof(ApiError);
        object? value;
        try
        {
            value = JsonSerializer.Deserialize(json, type, options);
        }
        catch (JsonException ex)
        {
            refusal = ex.Message;
            return null;
        }
        catch (Exception ex)
        {
            failures.Add(what + ": read threw " + ex.GetType().Name + ": " + ex.Message);
            return null;
        }
        var back = JsonSerializer.Serialize(value, type);
        try
        {
            using var written = JsonDocument.Parse(back); // strict: what we write is JSON, each name once per object
            if (RepeatedName(written.RootElement) is { } repeated && back != Encoding.UTF8.GetString(json)) // an unknown variant writes its JSON back as read
            {
                failures.Add(what + ": wrote \"" + repeated + "\" twice in one object: " + back);
                return null;
            }
        }
        catch (JsonException ex)
        {
            failures.Add(what + ": wrote what is not JSON (" + ex.Message + "): " + back);
            return null;
        }
        return Oracle(Encoding.UTF8.GetBytes(back), default);
    }

    private static string? RepeatedName(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array) return e.EnumerateArray().Select(RepeatedName).FirstOrDefault(r => r is not null);
        if (e.ValueKind != JsonValueKind.Object) return null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (!names.Add(p.Name)) return p.Name;
            if (RepeatedName(p.Value) is { } inner) return inner;
        }
        return null;
    }

    private static void Compare(string file, byte[] json, bool lenient, bool mustRead, List<string> failures, string what)
    {
        var ours = Ours(file, json, lenient ? Lenient : null, failures, what, out var refusal);
        if (ours is null)
        {
            if (mustRead && refusal is not null) failures.Add(what + ": refused (" + refusal + "), System.Text.Json reads it\n  " + Encoding.UTF8.GetString(json));
            return;
        }
        var oracle = Oracle(json, lenient ? LenientDocument : default);
        if (ours != oracle) failures.Add(what + ": read differently from System.Text.Json\n  input:  " + Encoding.UTF8.GetString(json) + "\n  ours:   " + ours + "\n  oracle: " + oracle);
    }

    [Fact]
    public void Repeated_properties_read_last_wins_like_System_Text_Json()
    {
        var failures = new List<string>();
        var cases = 0;
        var texts = Examples.ToDictionary(f => f, f => JsonNode.Parse(Payloads.Read(f))!.AsObject());
        foreach (var (file, root) in texts)
        {
            var reads = Ours(file, Encoding.UTF8.GetBytes(root.ToJsonString()), null, failures, file, out _) is not null;
            var kind = file[..file.IndexOf('.', file.IndexOf('.') + 1)];
            foreach (var name in root.Select(p => p.Key).ToList())
            {
                // The same property with its own value, another example's value, and other kinds; before and after.
                var values = new List<JsonNode?> { root[name]?.DeepClone(), null, 0, "x", true, new JsonObject(), new JsonArray() };
                values.AddRange(texts.Where(t => t.Key != file && t.Key.StartsWith(kind, StringComparison.Ordinal) && t.Value.ContainsKey(name)).Select(t => t.Value[name]?.DeepClone()));
                foreach (var v in values)
                {
                    var compact = root.ToJsonString();
                    var pair = JsonSerializer.Serialize(name) + ":" + (v?.ToJsonString() ?? "null");
                    var same = reads && JsonNode.DeepEquals(v, root[name]);
                    Compare(file, Encoding.UTF8.GetBytes("{" + pair + "," + compact[1..]), false, same, failures, file + " " + pair + " first");
                    Compare(file, Encoding.UTF8.GetBytes(compact[..^1] + "," + pair + "}"), false, same, failures, file + " " + pair + " last");
                    cases += 2;
                }
            }
        }
        output.WriteLine(cases + " cases");
        Assert.True(failures.Count == 0, failures.Count + " of " + cases + ":\n" + string.Join("\n", failures.Take(12)));
        Assert.True(cases > 300, cases + " cases");
    }

    [Fact]
    public void A_variant_read_with_another_discriminator_value_writes_that_value_back()
    {
        // Read as the variant type itself (a response schema may name it), not through the union: nothing refused, nothing lost.
        var json = """{"cloudProvider":"AZURE","interfaceEndpointId":"vpce-1"}""";
        var value = JsonSerializer.Deserialize<AWSInterfaceEndpoint>(json)!;
        Assert.Equal("vpce-1", value.InterfaceEndpointId);
        Assert.Equal(JsonAssert.Normalize(JsonNode.Parse(json))!.ToJsonString(), JsonAssert.Normalize(JsonNode.Parse(JsonSerializer.Serialize(value)))!.ToJsonString());
        // Its own value: written first, as always.
        Assert.StartsWith("""{"cloudProvider":"AWS",""", JsonSerializer.Serialize(JsonSerializer.Deserialize<AWSInterfaceEndpoint>("""{"interfaceEndpointId":"vpce-1","cloudProvider":"AWS"}""")));
        // Through the union, the last value decides the variant.
        Assert.IsType<AzurePrivateEndpoint>(JsonSerializer.Deserialize<PrivateLinkEndpoint>("""{"cloudProvider":"AWS","cloudProvider":"AZURE"}"""));
    }

    [Fact]
    public void Comments_and_trailing_commas_allowed_by_the_options_are_not_written_back()
    {
        var random = new Random(20261207);
        var failures = new List<string>();
        var cases = 0;
        var clock = Stopwatch.StartNew();
        foreach (var file in Examples)
        {
            var root = JsonNode.Parse(Payloads.Read(file))!.AsObject();
            // An undeclared property with objects and arrays inside: kept as raw JSON, where comments would survive.
            root["undeclaredByTheSpec"] = JsonNode.Parse("""{"a":[1,{"b":null,"c":[]}],"d":"e","f":{}}""");
            var compact = root.ToJsonString();
            var reads = Ours(file, Encoding.UTF8.GetBytes(compact), null, failures, file, out _) is not null;
            string[] comments = ["/*c*/", "// line\n", " /* ] } , */ ", "\n//\n"];
            for (var k = 0; k < 150 && clock.Elapsed < TimeSpan.FromSeconds(20); k++, cases++)
            {
                var sb = new StringBuilder();
                var inString = false;
                for (var i = 0; i < compact.Length; i++)
                {
                    var c = compact[i];
                    if (!inString && (c is '}' or ']') && random.Next(3) == 0 && i > 0 && compact[i - 1] is not ('{' or '[')) sb.Append(',');
                    sb.Append(c);
                    if (c == '"' && (i == 0 || compact[i - 1] != '\\')) inString = !inString;
                    if (!inString && c is '{' or '[' or ',' or ':' or '}' or ']' && random.Next(4) == 0) sb.Append(comments[random.Next(comments.Length)]);
                }
                Compare(file, Encoding.UTF8.GetBytes(sb.ToString()), true, reads, failures, file + " with comments");
            }
        }
        output.WriteLine(cases + " cases");
        Assert.True(failures.Count == 0, failures.Count + " of " + cases + ":\n" + string.Join("\n", failures.Take(8)));
        Assert.True(cases >= 8 * 50, cases + " cases");
    }

    [Fact]
    public void Escaped_lone_surrogates_in_names_read_the_same_wherever_the_discriminator_is()
    {
        var failures = new List<string>();
        var cases = 0;
        foreach (var file in Examples.Where(f => f.StartsWith("createPrivateEndpoint.", StringComparison.Ordinal)))
        {
            var root = JsonNode.Parse(Payloads.Read(file))!.AsObject();
            if (!root.ContainsKey("cloudProvider")) continue;
            var provider = root["cloudProvider"]!.ToJsonString();
            var rest = new JsonObject(root.Where(p => p.Key != "cloudProvider").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString()[1..^1];
            var escapedName = "\"cloud\\u0050rovider\"";
            var loneValue = "\"\\uD800" + provider[2..];
            foreach (var (odd, name, value) in new[]
            {
                ("\"cloud\\uD800Provider\":1", "\"cloudProvider\"", provider), ("\"\\uDC00\":\"x\"", "\"cloudProvider\"", provider),
                ("\"cloudProvider\\uD83D\":{}", "\"cloudProvider\"", provider), ("\"x\":\"\\uD800\"", "\"cloudProvider\"", provider),
                ("\"\\uD800\":1", escapedName, provider), ("\"y\":2", "\"cloudProvider\"", loneValue), ("\"y\":2", escapedName, loneValue),
                ("\"cloud\\uDBFF\\uDBFFProvider\":2", "\"cloudProvider\"", "\"\\uDFFF\""),
            })
            {
                var first = "{" + name + ":" + value + "," + odd + "," + rest + "}";
                var last = "{" + odd + "," + rest + "," + name + ":" + value + "}";
                var a = Outcome(file, first);
                var b = Outcome(file, last);
                if (a != b) failures.Add(file + " " + odd + ": discriminator first " + a + ", last " + b);
                cases += 2;
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(cases >= 16, cases + " cases");

        static string Outcome(string file, string json)
        {
            var type = file.Contains(".response.") ? typeof(PrivateLinkEndpoint) : typeof(CreateEndpointRequest);
            try
            {
                var value = JsonSerializer.Deserialize(json, type)!;
                return "read as " + value.GetType().Name;
            }
            catch (Exception ex)
            {
                return ex.GetType().Name;
            }
        }
    }
}
