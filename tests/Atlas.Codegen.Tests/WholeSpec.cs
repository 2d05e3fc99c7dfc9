using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Atlas.Codegen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The vendor's whole spec generated once (every operation, no filter), compiled as a consumer would (nullable enabled,
/// warnings as errors) for .NET 8 and .NET 10, and the .NET 10 assembly loaded, for the tests that read and write
/// payloads of every schema.
/// </summary>
/// <summary>The test classes sharing one generation and compilation of the whole spec.</summary>
[CollectionDefinition(Name)]
public sealed class WholeSpecCollection : ICollectionFixture<WholeSpecFixture>
{
    public const string Name = "whole spec";
}

public sealed class WholeSpecFixture
{
    public const string Namespace = "Whole.Spec";

    public WholeSpecFixture()
    {
        var yaml = TestDriver.Openapi("atlas/atlas-admin-v2.yaml");
        Root = YamlTreeReader.Parse("atlas-admin-v2.yaml", yaml, default).Root!;
        // Every C# warning at the highest level counts (a consumer with TreatWarningsAsErrors gets them as errors). The
        // generator's own ATLAS1xx warnings about the spec are checked apart (the union ones are issue #13's).
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999);
        var net10 = TestDriver.Compilation(Basic.Reference.Assemblies.Net100.References.All).WithOptions(options);
        var (result, output, diagnostics) = TestDriver.Run("openapi/atlas/atlas-admin-v2.yaml", yaml,
            new() { ["AtlasNamespace"] = Namespace, ["AtlasClientName"] = "AtlasClient" }, net10);
        GeneratorDiagnostics = diagnostics;
        GeneratedFiles = result.Results[0].GeneratedSources.Length;
        Sources = result.Results[0].GeneratedSources.Select(g => (g.HintName, g.SourceText.ToString())).ToImmutableArray();
        Net10Problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("ATLAS")).ToImmutableArray();
        var trees = result.GeneratedTrees;
        var net8 = TestDriver.Compilation(Basic.Reference.Assemblies.Net80.References.All).WithOptions(options)
            .AddSyntaxTrees(trees.Select(t => t.WithRootAndOptions(t.GetRoot(), new CSharpParseOptions(LanguageVersion.CSharp12))));
        Net8Problems = net8.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        if (Net10Problems.Any(d => d.Severity == DiagnosticSeverity.Error)) return;
        using var pe = new MemoryStream();
        var emit = output.Emit(pe);
        if (!emit.Success) throw new InvalidOperationException(string.Join("\n", emit.Diagnostics.Take(20)));
        pe.Position = 0;
        Assembly = new AssemblyLoadContext("whole-spec", isCollectible: false).LoadFromStream(pe);
    }

    internal YNode Root { get; }

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public int GeneratedFiles { get; }

    /// <summary>Every generated file: hint name and text.</summary>
    public ImmutableArray<(string HintName, string Text)> Sources { get; }

    public ImmutableArray<Diagnostic> Net10Problems { get; }

    public ImmutableArray<Diagnostic> Net8Problems { get; }

    public Assembly? Assembly { get; }

    public Type? TypeOf(string schema) => Assembly?.GetType(Namespace + "." + Model.Naming.Clean(schema));

    /// <summary>The strict options of the loaded assembly's runtime (a required property left out is an error).</summary>
    public System.Text.Json.JsonSerializerOptions Strict
        => (System.Text.Json.JsonSerializerOptions)Assembly!.GetType("Atlas.Codegen.Runtime.AtlasJson")!.GetProperty("Strict")!.GetValue(null)!;
}

/// <summary>
/// Reads the spec's schemas independently of the generator (only the YAML tree is shared) and synthesizes payloads from
/// their rules: every property set, nested objects, arrays with one item, maps with one entry, union variants with their
/// discriminator value, dates in UTC as <c>Z</c>. Optionally one property the spec does not declare at every object level.
/// </summary>
internal sealed class SpecSynth
{
    public const string Extra = "x-atlas-test-undeclared";
    private const string Prefix = "#/components/schemas/";
    private readonly YNode _root;
    private readonly bool _extras;

    public SpecSynth(YNode root, bool extras)
    {
        _root = root;
        _extras = extras;
        foreach (var e in root["components"]!["schemas"]!.Entries) Schemas[e.Key] = e.Value;
        // Variant → (discriminator property, value): from mappings, else the schema name for oneOf members; inline
        // discriminated unions (a property's oneOf with a discriminator) count too.
        var withDiscriminator = new List<YNode>(Schemas.Values);
        void Inline(YNode n, int depth)
        {
            if (depth > 30) return;
            if (n.IsMapping)
            {
                foreach (var e in n.Entries)
                {
                    if (depth > 0 && e.Key == "discriminator" && n["oneOf"] is not null) withDiscriminator.Add(n);
                    Inline(e.Value, depth + 1);
                }
            }
            else if (n.IsSequence) foreach (var i in n.Items) Inline(i, depth + 1);
        }
        foreach (var node in Schemas.Values) Inline(node, 0);
        foreach (var node in withDiscriminator)
        {
            if (node["discriminator"] is not { } d || d.Str("propertyName") is not { } prop) continue;
            if (d["mapping"] is { IsMapping: true } mapping)
            {
                foreach (var m in mapping.Entries)
                {
                    if (m.Value.Value is { } target && target.StartsWith(Prefix)) VariantOf.TryAdd(target[Prefix.Length..], (prop, m.Key));
                }
            }
            foreach (var list in new[] { node["oneOf"], node["anyOf"] })
            {
                if (list is not { IsSequence: true }) continue;
                foreach (var i in list.Items)
                {
                    if (i.Str("$ref") is { } r && r.StartsWith(Prefix)) VariantOf.TryAdd(r[Prefix.Length..], (prop, r[Prefix.Length..]));
                }
            }
        }
    }

    public Dictionary<string, YNode> Schemas { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string Property, string Value)> VariantOf { get; } = new(StringComparer.Ordinal);

    public static string? RefName(YNode node) => node.Str("$ref") is { } r && r.StartsWith(Prefix) ? r[Prefix.Length..] : null;

    public JsonNode? Named(string name) => Build(Schemas[name], 0, name);

    /// <summary>Properties of a schema with allOf flattened (later declarations win) and every required name.</summary>
    public (List<(string Name, YNode Schema)> Properties, HashSet<string> Required) Flatten(YNode schema)
    {
        var props = new List<(string, YNode)>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema, props, required, 0);
        return (props, required);
    }

    private void Collect(YNode node, List<(string Name, YNode Schema)> props, HashSet<string> required, int depth)
    {
        if (!node.IsMapping || depth > 20) return;
        if (RefName(node) is { } name)
        {
            if (Schemas.TryGetValue(name, out var target)) Collect(target, props, required, depth + 1);
            return;
        }
        if (node["allOf"] is { IsSequence: true } all) foreach (var part in all.Items) Collect(part, props, required, depth + 1);
        if (node["properties"] is { IsMapping: true } p)
        {
            foreach (var e in p.Entries)
            {
                var i = props.FindIndex(x => x.Name == e.Key);
                if (i >= 0) props[i] = (e.Key, e.Value);
                else props.Add((e.Key, e.Value));
            }
        }
        if (node["required"] is { IsSequence: true } req) foreach (var r in req.Items) if (r.Value is not null) required.Add(r.Value);
    }

    public static bool Flag(YNode schema, string key, Dictionary<string, YNode> schemas)
        => schema.Bool(key) || (RefName(schema) is { } n && schemas.TryGetValue(n, out var t) && t.Bool(key));

    private JsonNode? Build(YNode s, int depth, string? named)
    {
        if (!s.IsMapping) return JsonValue.Create("any");
        if (RefName(s) is { } refName) return Schemas.TryGetValue(refName, out var t) ? Build(t, depth + 1, refName) : JsonValue.Create("dangling");
        if (s["discriminator"] is { } d && (named is null || !VariantOf.ContainsKey(named)))
        {
            var first = d["mapping"] is { IsMapping: true, Entries.Count: > 0 } m ? m.Entries[0].Value.Value![Prefix.Length..]
                : (s["oneOf"] ?? s["anyOf"]) is { IsSequence: true, Items.Count: > 0 } one ? RefName(one.Items[0]) : null;
            if (first is not null && first != named && Schemas.ContainsKey(first)) return Build(Schemas[first], depth + 1, first);
        }
        if ((s["oneOf"] ?? s["anyOf"]) is { IsSequence: true, Items.Count: > 0 } members && s["properties"] is null)
        {
            var member = members.Items.FirstOrDefault(i => i.Str("type") != "null") ?? members.Items[0];
            return Build(member, depth + 1, null);
        }
        var type = s.Str("type") ?? (s["type"] is { IsSequence: true } types ? types.Items.Select(x => x.Value).FirstOrDefault(x => x != "null") : null);
        if (s["enum"] is { IsSequence: true, Items.Count: > 0 } values)
        {
            var v = values.Items[0];
            return type is "integer" or "number" && double.TryParse(v.Value, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? (n == Math.Floor(n) ? JsonValue.Create((long)n) : JsonValue.Create(n))
                : JsonValue.Create(v.Value);
        }
        var (props, required) = Flatten(s);
        // A oneOf with properties of its own (no discriminator): what a server sends is one member plus those.
        if (s["discriminator"] is null && (s["oneOf"] ?? s["anyOf"]) is { IsSequence: true, Items.Count: > 0 } alts && s["properties"] is not null)
        {
            var (memberProps, memberRequired) = Flatten(alts.Items[0]);
            foreach (var mp in memberProps) if (!props.Any(x => x.Name == mp.Name)) props.Add(mp);
            required.UnionWith(memberRequired);
        }
        if (props.Count > 0 || (type is null or "object" && s["allOf"] is not null))
        {
            var obj = new JsonObject();
            if (depth > 24) return obj;
            foreach (var (name, schema) in props)
            {
                // Deep down only the required properties, so that recursive schemas end.
                if (depth > 8 && !required.Contains(name)) continue;
                obj[name] = Build(schema, depth + 1, null);
            }
            if (named is not null && VariantOf.TryGetValue(named, out var variant)) obj[variant.Property] = variant.Value;
            if (_extras) obj[Extra] = new JsonObject { ["nested"] = new JsonArray(1, "caf\u00e9", new JsonObject { ["deep"] = true }) };
            return obj;
        }
        // The spec's own example where it has one (a scalar of the right kind), else a value of the type.
        if (s["example"] is { IsScalar: true, IsNull: false } example && example.Value is { } ex)
        {
            switch (type)
            {
                case "string" when s.Str("format") is not ("date-time" or "date"):
                    return JsonValue.Create(ex);
                case "integer" when long.TryParse(ex, out var l):
                    return JsonValue.Create(l);
                case "number" when double.TryParse(ex, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var dbl):
                    return JsonValue.Create(dbl);
            }
        }
        switch (type)
        {
            case "string":
                return JsonValue.Create(s.Str("format") switch
                {
                    "date-time" => "2026-08-10T03:03:06Z",
                    "date" => "2026-08-10",
                    _ => "text",
                });
            case "integer":
                return JsonValue.Create(7);
            case "number":
                return JsonValue.Create(1.5);
            case "boolean":
                return JsonValue.Create(true);
            case "array":
                return depth > 24 || s["items"] is not { } items ? new JsonArray() : new JsonArray(Build(items, depth + 1, null));
            default:
                if (s["additionalProperties"] is { IsMapping: true, Entries.Count: > 0 } ap) return new JsonObject { ["key"] = Build(ap, depth + 1, null) };
                return type == "object" ? new JsonObject { ["free"] = 1 } : JsonValue.Create("text");
        }
    }

    /// <summary>Every named schema reachable from the operations' responses (or request bodies), union variants included.</summary>
    public HashSet<string> Reachable(bool responses)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<YNode>();
        // Media types of the version the default (AtlasApiVersion=latest) uses: the newest dated one of each operation.
        static string? VersionOf(string key) => System.Text.RegularExpressions.Regex.Match(key, @"^application/vnd\.[^.]+\.([^+]+)\+") is { Success: true } m ? m.Groups[1].Value : null;
        foreach (var path in _root["paths"]!.Entries)
        {
            foreach (var op in path.Value.Entries)
            {
                if (!op.Value.IsMapping) continue;
                var keys = new List<string>();
                if (op.Value["requestBody"]?["content"] is { IsMapping: true } rq) keys.AddRange(rq.Entries.Select(e => e.Key));
                if (op.Value["responses"] is { IsMapping: true } all)
                {
                    foreach (var r in all.Entries.Where(r => r.Key.StartsWith('2'))) if (r.Value["content"] is { IsMapping: true } c) keys.AddRange(c.Entries.Select(e => e.Key));
                }
                var chosen = keys.Select(VersionOf).Where(v => v is not null && v.Length == 10 && char.IsDigit(v[0])).Max(StringComparer.Ordinal);
                bool InVersion(string key) => VersionOf(key) is not { } v || v == chosen;
                if (responses && op.Value["responses"] is { IsMapping: true } rs)
                {
                    foreach (var r in rs.Entries)
                    {
                        if (r.Value["content"] is not { IsMapping: true } c) continue;
                        foreach (var m in c.Entries) if ((!r.Key.StartsWith('2') || InVersion(m.Key)) && m.Value["schema"] is { } sc) stack.Push(sc);
                    }
                }
                if (!responses && op.Value["requestBody"]?["content"] is { IsMapping: true } rc)
                {
                    foreach (var m in rc.Entries) if (InVersion(m.Key) && m.Value["schema"] is { } sc) stack.Push(sc);
                }
            }
        }
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.IsSequence) { foreach (var i in n.Items) stack.Push(i); continue; }
            if (!n.IsMapping) continue;
            if (RefName(n) is { } name)
            {
                if (Schemas.TryGetValue(name, out var target) && seen.Add(name))
                {
                    stack.Push(target);
                    foreach (var (variant, _) in VariantOf.Where(v => IsVariantOf(v.Key, name))) stack.Push(new YNodeRef(variant).Node);
                }
                continue;
            }
            foreach (var e in n.Entries)
            {
                if (e.Key is "example" or "examples" or "discriminator" or "enum" or "required") continue;
                stack.Push(e.Value);
            }
        }
        return seen;
    }

    private bool IsVariantOf(string variant, string union)
    {
        var u = Schemas[union];
        if (u["discriminator"]?["mapping"] is { IsMapping: true } m && m.Entries.Any(e => e.Value.Value == Prefix + variant)) return true;
        return (u["oneOf"] ?? u["anyOf"]) is { IsSequence: true } l && l.Items.Any(i => RefName(i) == variant);
    }

    /// <summary>A <c>$ref</c> node made up to push a schema by name.</summary>
    private sealed class YNodeRef(string name)
    {
        public YNode Node { get; } = YamlTreeReader.Parse("ref.yaml", "$ref: '" + Prefix + name + "'", default).Root!;
    }
}
