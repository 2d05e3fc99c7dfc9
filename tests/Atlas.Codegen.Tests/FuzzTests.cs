using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Atlas.Codegen.Parsing;
using Atlas.Codegen.Tests.Atlas;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Deterministic fuzzers (fixed seeds, bounded by count and time): JSON mutations of the example payloads against the
/// generated converters, and spec mutations against the generator.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(40);

    // Each spec mutation compiles the generated code (runtime included): about 1.3 s a case while the rest of the suite
    // runs on 2 cores, so this fuzzer gets more time to reach its 40 cases.
    private static readonly TimeSpan SpecBudget = TimeSpan.FromSeconds(75);

    private static readonly string[] Examples =
    [
        "createPrivateEndpoint.response.AWS.json", "createPrivateEndpoint.response.AZURE.json", "createPrivateEndpoint.response.GCP.with-unknown-fields.json",
        "createPrivateEndpoint.request.AWS.json", "createPrivateEndpoint.request.AZURE.json", "createPrivateEndpoint.request.GCP.json",
        "apiError.400.with-badRequestDetail.schema-shape.json", "apiError.409.PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION.reconstructed.json",
    ];

    /// <summary>Reads <paramref name="json"/> as <typeparamref name="T"/>: a value or a JsonException, nothing else; what reads writes back and reads equal.</summary>
    private static string? Oracle<T>(byte[] json, List<string> failures, string what) where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(json);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (Exception ex)
        {
            failures.Add(what + ": read threw " + ex.GetType().Name + ": " + ex.Message);
            return null;
        }
        if (value is null) return null;
        try
        {
            var once = JsonSerializer.Serialize(value);
            var twice = JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(once));
            if (once != twice) failures.Add(what + ": written back differently the second time\n  " + once + "\n  " + twice);
            _ = value.ToString();
            if (value is PrivateLinkEndpoint p) _ = p.GetValidationErrors();
            if (value is CreateEndpointRequest r) _ = r.GetValidationErrors();
            if (value is ApiError e) _ = e.GetValidationErrors();
            return once;
        }
        catch (Exception ex)
        {
            failures.Add(what + ": a value that read did not write back/print: " + ex.GetType().Name + ": " + ex.Message);
            return null;
        }
    }

    private static string? ReadAs(string file, byte[] json, List<string> failures, string what)
        => file.Contains(".response.") ? Oracle<PrivateLinkEndpoint>(json, failures, what)
            : file.Contains(".request.") ? Oracle<CreateEndpointRequest>(json, failures, what)
            : Oracle<ApiError>(json, failures, what);

    [Fact]
    public void Json_mutations_of_the_example_payloads_give_a_value_or_a_JsonException()
    {
        var random = new Random(20261128);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        foreach (var file in Examples)
        {
            var text = Payloads.Read(file);
            var bytes = Encoding.UTF8.GetBytes(text);
            // Truncation at every byte.
            for (var i = 0; i < bytes.Length; i++, cases++) ReadAs(file, bytes[..i], failures, file + " cut at " + i);
            var root = JsonNode.Parse(text)!.AsObject();
            // Type swaps per property, discriminator moved / duplicated / escaped, deep nesting in an unknown property.
            foreach (var name in root.Select(p => p.Key).ToList())
            {
                foreach (var swap in new JsonNode?[] { null, 0, -1.5e300, true, "", "x", new JsonArray(), new JsonObject(), new JsonArray(1, "a", null) })
                {
                    var copy = JsonNode.Parse(text)!.AsObject();
                    copy[name] = swap?.DeepClone();
                    ReadAs(file, Encoding.UTF8.GetBytes(copy.ToJsonString()), failures, file + " " + name + "=" + (swap?.ToJsonString() ?? "null"));
                    cases++;
                }
            }
            if (root.ContainsKey("cloudProvider"))
            {
                var provider = root["cloudProvider"]!.GetValue<string>();
                var withoutFirst = text.Replace("\"cloudProvider\": \"" + provider + "\",", "").Replace("\"cloudProvider\":\"" + provider + "\",", "");
                foreach (var variant in new[]
                {
                    text.Replace("\"cloudProvider\"", "\"cloud\\u0050rovider\""),
                    text.Replace("\"" + provider + "\"", "\"\\u00" + ((int)provider[0]).ToString("X2") + provider[1..] + "\""),
                    "{\"cloudProvider\":\"" + provider + "\"," + text.TrimStart()[1..],
                    "{\"cloudProvider\":\"AZURE\"," + text.TrimStart()[1..],
                    text.TrimEnd()[..^1] + ",\"cloudProvider\":\"GCP\"}",
                    withoutFirst,
                })
                {
                    ReadAs(file, Encoding.UTF8.GetBytes(variant), failures, file + " discriminator variant " + variant);
                    cases++;
                }
                // Known variants read the same in any property order.
                var reference = ReadAs(file, bytes, failures, file);
                for (var k = 0; k < 20; k++, cases++)
                {
                    var shuffled = new JsonObject(root.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).OrderBy(_ => random.Next()).ToList());
                    var again = ReadAs(file, Encoding.UTF8.GetBytes(shuffled.ToJsonString()), failures, file + " shuffled");
                    if (Norm(again) != Norm(reference)) failures.Add(file + ": another property order reads differently\n  " + again + "\n  " + reference);
                }
            }
            // Invalid UTF-8 at random places, and random byte flips.
            for (var k = 0; k < 200 && clock.Elapsed < Budget; k++, cases++)
            {
                var mutated = (byte[])bytes.Clone();
                var at = random.Next(mutated.Length);
                mutated[at] = k % 2 == 0 ? (byte)random.Next(0x80, 0x100) : (byte)random.Next(0x20, 0x7F);
                ReadAs(file, mutated, failures, file + " byte " + at + "=" + mutated[at]);
            }
            // Deep nesting inside an unknown property (within and beyond the reader's depth limit).
            foreach (var depth in new[] { 10, 60, 70, 1000 })
            {
                var deep = new string('[', depth) + new string(']', depth);
                ReadAs(file, Encoding.UTF8.GetBytes(text.TrimEnd()[..^1] + ",\"deep\":" + deep + "}"), failures, file + " nesting " + depth);
                cases++;
            }
        }
        output.WriteLine($"{cases} cases in {clock.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, failures.Count + " of " + cases + ":\n" + string.Join("\n", failures.Take(15)));
        Assert.True(cases > 4000, cases + " cases");
    }

    [Fact]
    public void Yaml_text_mutations_are_located_parse_errors_never_a_crash()
    {
        // Byte-level edits of the fragment's YAML (YamlDotNet throws more than YamlException on some malformed input).
        var random = new Random(11);
        var text = TestDriver.Fragment;
        string[] inserts = [":", "-", "[", "]", "{", "}", "&a", "*a", "!", "!!str", "|", "|+", ">-", "\t", "\n", "'", "\"", "%YAML 1.2\n", "---\n", "...\n", "? ", "#", "@", "`", "\u0000", "\uFEFF"];
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        for (; cases < 1500 && clock.Elapsed < Budget; cases++)
        {
            var sb = new StringBuilder(text);
            for (var m = 0; m < 1 + random.Next(3); m++)
            {
                var at = random.Next(sb.Length);
                switch (random.Next(3))
                {
                    case 0: sb.Remove(at, Math.Min(1 + random.Next(8), sb.Length - at)); break;
                    case 1: sb.Insert(at, inserts[random.Next(inserts.Length)]); break;
                    default: sb[at] = inserts[random.Next(inserts.Length)][0]; break;
                }
            }
            var mutated = sb.ToString();
            try
            {
                var doc = YamlTreeReader.Parse("openapi/mutated.yaml", mutated, default);
                if (doc.Root is null && !doc.Diagnostics.Any(d => d.Id is "ATLAS001" or "ATLAS013" or "ATLAS014"))
                {
                    failures.Add("no tree and no parse diagnostic: " + string.Join(", ", doc.Diagnostics.Select(d => d.Id)));
                }
                if (doc.Diagnostics.Any(d => d.Id == "ATLAS900")) failures.Add("ATLAS900 from the parser");
            }
            catch (Exception ex)
            {
                failures.Add(ex.GetType().Name + ": " + ex.Message);
            }
        }
        output.WriteLine($"{cases} mutated YAML texts in {clock.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(10)));
        Assert.True(cases >= 500, cases + " cases");
    }

    private static string? Norm(string? json) => json is null ? null : JsonAssert.Normalize(JsonNode.Parse(json))!.ToJsonString();

    // ------------------------------------------------------------------ spec mutations

    /// <summary>A YAML tree as JSON (scalars typed the way YAML 1.2's core schema reads plain scalars).</summary>
    internal static JsonNode? ToJson(YNode node) => node.Kind switch
    {
        YKind.Mapping => new JsonObject(node.Entries.Select(e => KeyValuePair.Create(e.Key, ToJson(e.Value)))),
        YKind.Sequence => new JsonArray(node.Items.Select(ToJson).ToArray()),
        _ when node.IsNull => null,
        _ when node.Plain && node.Value is "true" or "false" => JsonValue.Create(node.Value == "true"),
        _ when node.Plain && long.TryParse(node.Value, out var l) => JsonValue.Create(l),
        _ when node.Plain && double.TryParse(node.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d) => JsonValue.Create(d),
        _ => JsonValue.Create(node.Value),
    };

    private static readonly string[] Names = ["class", "namespace", "Options", "Default", "_", "url", "item", "IsKnown", "Value", "RawJson", "AdditionalProperties", "System", "global", "Foo", "foo", "FOO"];
    private static readonly string[] Types = ["string", "integer", "number", "boolean", "object", "array", "null", "file"];

    private static void Mutate(JsonNode root, Random random)
    {
        var all = new List<(JsonNode Parent, string? Key, int Index)>();
        void Collect(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (k, v) in o) { all.Add((o, k, -1)); Collect(v); }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) { all.Add((a, null, i)); Collect(a[i]); }
                    break;
            }
        }
        Collect(root);
        var (parent, key, index) = all[random.Next(all.Count)];
        JsonNode? Get() => key is not null ? parent.AsObject()[key] : parent.AsArray()[index];
        void Set(JsonNode? v) { if (key is not null) parent.AsObject()[key] = v; else parent.AsArray()[index] = v; }
        var refs = all.Where(x => x.Key == "$ref").ToList();
        switch (random.Next(8))
        {
            case 0: // delete
                if (key is not null) parent.AsObject().Remove(key); else parent.AsArray().RemoveAt(index);
                break;
            case 1: // duplicate under a colliding or keyword name
                if (key is not null)
                {
                    var name = random.Next(2) == 0 ? Names[random.Next(Names.Length)] : (char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) : char.ToUpperInvariant(key[0])) + key[1..];
                    if (!parent.AsObject().ContainsKey(name)) parent.AsObject()[name] = Get()?.DeepClone();
                }
                break;
            case 2: // retype
                var types = all.Where(x => x.Key == "type").ToList();
                if (types.Count > 0) { var t = types[random.Next(types.Count)]; t.Parent.AsObject()["type"] = Types[random.Next(Types.Length)]; }
                break;
            case 3: // rename
                if (key is not null && !parent.AsObject().ContainsKey(Names[0]))
                {
                    var v = Get()?.DeepClone();
                    parent.AsObject().Remove(key);
                    parent.AsObject()[Names[random.Next(Names.Length)]] = v;
                }
                break;
            case 4: // dangling or deep $ref
                if (refs.Count > 0)
                {
                    var r = refs[random.Next(refs.Count)];
                    var target = r.Parent.AsObject()["$ref"]!.GetValue<string>();
                    r.Parent.AsObject()["$ref"] = random.Next(3) switch
                    {
                        0 => target + "Missing",
                        1 => target + "/properties/id",
                        _ => "#/paths",
                    };
                }
                break;
            case 5: // wrong shape
                Set(random.Next(3) switch { 0 => JsonValue.Create("text"), 1 => new JsonArray(1, 2), _ => new JsonObject { ["unexpected"] = true } });
                break;
            case 6: // a self reference
                if (refs.Count > 0)
                {
                    var r = refs[random.Next(refs.Count)];
                    r.Parent.AsObject()["$ref"] = "#/components/schemas/" + (root["components"]?["schemas"]?.AsObject().Select(p => p.Key).FirstOrDefault() ?? "X");
                }
                break;
            default: // keyword / case-colliding schema name
                if (root["components"]?["schemas"] is JsonObject schemas && schemas.Count > 0)
                {
                    var first = schemas.First();
                    var name = Names[random.Next(Names.Length)];
                    if (!schemas.ContainsKey(name)) schemas[name] = first.Value?.DeepClone();
                }
                break;
        }
    }

    [Fact]
    public void Spec_mutations_never_crash_the_generator_and_compile_when_no_error_is_reported()
    {
        var random = new Random(42);
        var fragment = ToJson(YamlTreeReader.Parse("f.yaml", TestDriver.Fragment, default).Root!)!;
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var compiled = 0;
        for (; cases < 400 && clock.Elapsed < SpecBudget; cases++)
        {
            var spec = fragment.DeepClone();
            var count = 1 + random.Next(3);
            for (var m = 0; m < count; m++) Mutate(spec, random);
            var json = spec.ToJsonString();
            var (result, output, diagnostics) = TestDriver.Run("openapi/mutated.json", json);
            var mutated = MutatedPart(fragment, spec);
            if (result.Results[0].Exception is { } ex) failures.Add("exception " + ex.GetType().Name + ": " + ex.Message + "\n" + mutated);
            if (diagnostics.FirstOrDefault(d => d.Id is "ATLAS900" or "CS8785") is { } crash) failures.Add(crash + "\n" + mutated);
            if (diagnostics.All(d => d.Severity != DiagnosticSeverity.Error))
            {
                compiled++;
                var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                if (errors.Count > 0) failures.Add("no error reported, but the code does not compile: " + errors[0] + "\n" + mutated);
            }
            if (failures.Count > 5) break;
        }
        output.WriteLine($"{cases} mutated specs ({compiled} compiled) in {clock.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
        Assert.True(cases >= 40, cases + " cases");
    }

    /// <summary>The schemas (or top-level members) that differ from the original: what a failure report needs.</summary>
    private static string MutatedPart(JsonNode original, JsonNode mutated)
    {
        var parts = new List<string>();
        var a = original["components"]?["schemas"]?.AsObject();
        var b = mutated["components"]?["schemas"] as JsonObject;
        if (a is not null && b is not null)
        {
            foreach (var (k, v) in b) if (!a.ContainsKey(k) || !JsonNode.DeepEquals(a[k], v)) parts.Add(k + ": " + v?.ToJsonString());
            foreach (var (k, _) in a) if (!b.ContainsKey(k)) parts.Add(k + " deleted");
        }
        foreach (var (k, v) in mutated.AsObject()) if (k != "components" && !JsonNode.DeepEquals(original[k], v)) parts.Add(k + ": " + Cut(v?.ToJsonString()));
        return string.Join("\n", parts.Select(Cut));
    }

    private static string Cut(string? s) => s is null ? "null" : s.Length > 600 ? s[..600] + "…" : s;

    [Fact]
    public void Whole_spec_operations_with_mutated_schemas_never_crash_the_generator()
    {
        // A few operations of the whole spec, mutated inside the schemas they reach (the document is large: few cases).
        var random = new Random(7);
        var root = ToJson(YamlTreeReader.Parse("w.yaml", TestDriver.Openapi("atlas/atlas-admin-v2.yaml"), default).Root!)!;
        var operations = "createPrivateEndpoint;getIdentityProvider;listClusters;createCluster;getInvoice";
        var schemas = root["components"]!["schemas"]!.AsObject();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        for (; cases < 12 && clock.Elapsed < Budget; cases++)
        {
            var names = new[] { "ClusterDescription20240805", "PrivateLinkEndpoint", "FederationIdentityProvider", "BillingInvoice", "ApiError", "CloudRegionConfig20240805" };
            var name = names[random.Next(names.Length)];
            var original = schemas[name]!.DeepClone();
            var holder = new JsonObject { ["components"] = new JsonObject { ["schemas"] = new JsonObject { [name] = schemas[name]!.DeepClone() } } };
            for (var m = 0; m < 3; m++) Mutate(holder, random);
            schemas[name] = holder["components"]!["schemas"]![name]?.DeepClone() ?? original.DeepClone();
            var json = root.ToJsonString();
            schemas[name] = original;
            var (result, output, diagnostics) = TestDriver.Run("openapi/whole-mutated.json", json, new() { ["AtlasOperations"] = operations });
            if (result.Results[0].Exception is { } ex) failures.Add(name + ": exception " + ex.Message);
            if (diagnostics.FirstOrDefault(d => d.Id is "ATLAS900" or "CS8785") is { } crash) failures.Add(name + ": " + crash);
            if (diagnostics.All(d => d.Severity != DiagnosticSeverity.Error))
            {
                var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                if (errors.Count > 0) failures.Add(name + ": no error reported, but: " + errors[0]);
            }
        }
        output.WriteLine($"{cases} mutated whole-spec runs in {clock.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(cases >= 3, cases + " cases");
    }
}
