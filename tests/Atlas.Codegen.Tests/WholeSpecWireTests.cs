using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Atlas.Codegen.Parsing;
using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

/// <summary>
/// What real traffic needs, over every schema of the vendor's whole spec (payloads synthesized from the spec's rules,
/// not written by hand): unknown properties kept, required properties the server leaves out reported instead of fatal,
/// writeOnly/readOnly required only in their direction, narrowed variant properties typed, dates written back as sent,
/// and the whole generated code free of warnings.
/// </summary>
[Collection(WholeSpecCollection.Name)]
public class WholeSpecWireTests(WholeSpecFixture fx)
{
    private readonly SpecSynth _synth = new(fx.Root, extras: false);

    private static string Norm(string json) => JsonAssert.Normalize(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static string? JsonNameOf(PropertyInfo p) => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;

    private static PropertyInfo? PropertyFor(Type type, string json, bool declaredOnly = false)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | (declaredOnly ? BindingFlags.DeclaredOnly : 0)).FirstOrDefault(p => JsonNameOf(p) == json);

    /// <summary>Schemas with a generated record or union type: object-like ones must have one.</summary>
    private List<(string Name, Type Type)> Typed(IEnumerable<string> names, List<string> untyped)
    {
        var list = new List<(string, Type)>();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            var type = fx.TypeOf(name);
            if (type is { IsValueType: false })
            {
                list.Add((name, type));
                continue;
            }
            var node = _synth.Schemas[name];
            var aliasLike = node["oneOf"] is not null || node["anyOf"] is not null || node["enum"] is not null
                || (node["allOf"] is { IsSequence: true, Items.Count: 1 } && node["properties"] is null);
            if (!aliasLike && node["properties"] is not null) untyped.Add(name);
        }
        return list;
    }

    [Fact]
    public void The_generated_code_stays_within_half_the_lines_per_schema_and_per_operation_it_started_with()
    {
        // Issue 16's volume goal (the starting point: 235 lines per schema, 75.7 client lines per operation method), kept.
        static int Lines(string text) => text.Count(c => c == '\n');
        var types = fx.Sources.Where(s => !s.HintName.StartsWith("Atlas.Codegen.Runtime.", StringComparison.Ordinal) && s.Text.Contains("global::Atlas.Codegen.Runtime.IAtlasJsonValue<")).ToList();
        Assert.Equal(1457, types.Count); // one file per schema's type (its JSON code inside), no converter files
        Assert.DoesNotContain(fx.Sources, s => s.HintName.Contains("JsonConverter"));
        var perSchema = (double)types.Sum(t => Lines(t.Text)) / types.Count;
        Assert.True(perSchema <= 235 / 2.0, perSchema.ToString("F1") + " lines per schema");
        var client = fx.Sources.Single(s => s.HintName == WholeSpecFixture.Namespace + ".AtlasClient.g.cs").Text;
        var methods = System.Text.RegularExpressions.Regex.Matches(client, @"^ {12}public [^=\n]*\(", System.Text.RegularExpressions.RegexOptions.Multiline).Count;
        Assert.True(methods >= 599, methods + " operation methods");
        var perOperation = (double)Lines(client) / methods;
        Assert.True(perOperation <= 75.7 / 2, perOperation.ToString("F1") + " client lines per operation method");
    }

    [Fact]
    public void Whole_spec_builds_without_warnings_for_net8_and_net10()
    {
        Assert.DoesNotContain(fx.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error || d.Id is "ATLAS900" or "CS8785");
        string Describe(IEnumerable<Diagnostic> ds) => string.Join("\n", ds.GroupBy(d => d.Id).Select(g => g.Key + " x" + g.Count() + ": " + g.First()));
        Assert.True(fx.Net10Problems.IsEmpty, "net10.0:\n" + Describe(fx.Net10Problems));
        Assert.True(fx.Net8Problems.IsEmpty, "net8.0:\n" + Describe(fx.Net8Problems));
        Assert.True(fx.GeneratedFiles > 1400, fx.GeneratedFiles + " files"); // one per type (1,457), the client, the context and the runtime
    }

    [Fact]
    public void Every_response_schema_round_trips_with_an_undeclared_property_at_every_level()
    {
        Assert.NotNull(fx.Assembly);
        var synth = new SpecSynth(fx.Root, extras: true);
        var untyped = new List<string>();
        var schemas = Typed(synth.Reachable(responses: true), untyped);
        var failures = new List<string>();
        var dates = 0;
        foreach (var (name, type) in schemas)
        {
            var json = synth.Named(name)!.ToJsonString();
            try
            {
                var value = JsonSerializer.Deserialize(json, type)!;
                var back = JsonSerializer.Serialize(value, type);
                if (Norm(json) != Norm(back)) failures.Add(name + ": written back differently\n  read:  " + Norm(json) + "\n  wrote: " + Norm(back));
                var extras = (IReadOnlyDictionary<string, JsonElement>?)value.GetType().GetProperty("AdditionalProperties")?.GetValue(value);
                if (value.GetType().GetProperty("RawJson") is null && extras?.ContainsKey(SpecSynth.Extra) != true) failures.Add(name + ": the undeclared property is not in AdditionalProperties");
                dates += CountOf(json, "2026-08-10T03:03:06Z");
                if (back.Contains("+00:00")) failures.Add(name + ": a UTC date was rewritten with +00:00");
            }
            catch (Exception ex)
            {
                failures.Add(name + ": " + ex.GetType().Name + ": " + ex.Message);
            }
        }
        Assert.True(untyped.Count == 0, "object schemas without a generated type: " + string.Join(", ", untyped));
        Assert.True(failures.Count == 0, failures.Count + " of " + schemas.Count + " schemas:\n" + string.Join("\n", failures.Take(25)));
        Assert.True(schemas.Count > 700, schemas.Count + " schemas");
        Assert.True(dates > 100, dates + " dates");
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    [Fact]
    public void Required_properties_the_server_leaves_out_are_reported_and_fatal_only_when_strict()
    {
        Assert.NotNull(fx.Assembly);
        var schemas = Typed(_synth.Reachable(responses: true), []);
        var failures = new List<string>();
        var tested = 0;
        foreach (var (name, type) in schemas)
        {
            var node = _synth.Schemas[name];
            var (props, required) = _synth.Flatten(node);
            var keep = new HashSet<string>(StringComparer.Ordinal);
            if (_synth.VariantOf.TryGetValue(name, out var v)) keep.Add(v.Property);
            if (node["discriminator"]?.Str("propertyName") is { } dp) keep.Add(dp);
            // The discriminator the generator inferred for a union without one (ATLAS021 rules) is the variant's own value.
            foreach (var p in props) if (IsInferredDiscriminator(type, p.Name)) keep.Add(p.Name);
            var left = props.Where(p => required.Contains(p.Name) && !keep.Contains(p.Name) && !SpecSynth.Flag(p.Schema, "writeOnly", _synth.Schemas)).Select(p => p.Name).ToList();
            if (left.Count == 0) continue;
            var payload = (JsonObject)_synth.Named(name)!;
            if (type.IsAbstract) continue; // a union base reads as its first variant: that variant is tested on its own
            foreach (var l in left) payload.Remove(l);
            var json = payload.ToJsonString();
            tested++;
            try
            {
                var value = JsonSerializer.Deserialize(json, type)!;
                var missing = (IReadOnlyList<string>)type.GetProperty("MissingRequiredProperties")!.GetValue(value)!;
                var errors = (IReadOnlyList<string>)type.GetMethod("GetValidationErrors")!.Invoke(value, null)!;
                foreach (var l in left)
                {
                    if (!missing.Contains(l)) failures.Add(name + "." + l + ": not in MissingRequiredProperties");
                    if (!errors.Any(e => e == l + " is required")) failures.Add(name + "." + l + ": not reported by GetValidationErrors()");
                }
                var back = JsonSerializer.Serialize(value, type);
                if (Norm(json) != Norm(back)) failures.Add(name + ": written back differently\n  read:  " + Norm(json) + "\n  wrote: " + Norm(back));
                var strict = Record.Exception(() => JsonSerializer.Deserialize(json, type, fx.Strict));
                if (strict is not JsonException) failures.Add(name + ": strict reading gave " + (strict?.GetType().Name ?? "no exception"));
            }
            catch (Exception ex)
            {
                failures.Add(name + ": " + ex.GetType().Name + ": " + ex.Message);
            }
        }
        Assert.True(failures.Count == 0, failures.Count + " problems:\n" + string.Join("\n", failures.Take(25)));
        Assert.True(tested > 200, tested + " schemas");
    }

    [Fact]
    public void WriteOnly_required_properties_are_not_required_in_responses_even_when_strict()
    {
        Assert.NotNull(fx.Assembly);
        var schemas = Typed(_synth.Reachable(responses: true), []);
        var failures = new List<string>();
        var found = new List<string>();
        foreach (var (name, type) in schemas)
        {
            if (type.IsAbstract) continue;
            var (props, required) = _synth.Flatten(_synth.Schemas[name]);
            var writeOnly = props.Where(p => SpecSynth.Flag(p.Schema, "writeOnly", _synth.Schemas)).Select(p => p.Name).ToList();
            var both = writeOnly.Where(required.Contains).ToList();
            if (both.Count == 0) continue;
            found.AddRange(both.Select(b => name + "." + b));
            var payload = (JsonObject)_synth.Named(name)!;
            foreach (var w in writeOnly) payload.Remove(w); // a server never sends them
            try
            {
                var value = JsonSerializer.Deserialize(payload.ToJsonString(), type, fx.Strict)!;
                var missing = (IReadOnlyList<string>)type.GetProperty("MissingRequiredProperties")!.GetValue(value)!;
                if (missing.Count > 0) failures.Add(name + ": missing " + string.Join(", ", missing));
            }
            catch (Exception ex)
            {
                failures.Add(name + ": " + ex.Message);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The spec has them (e.g. CloudAppUser.password, DataLakeAWSCloudProviderConfig.testS3Bucket): the test must see them.
        Assert.True(found.Count >= 3, string.Join(", ", found));
    }

    /// <summary>Every site that was ATLAS100 (oneOf/anyOf without a discriminator → JsonElement) and the type it gets now.</summary>
    public static TheoryData<string, string?, string> FormerUntypedUnions => new()
    {
        { "EARPrivateEndpoint", "regionName", "enum" },
        { "AWSKMSEARPrivateEndpoint", "regionName", "enum" },
        { "AzureKeyVaultEARPrivateEndpoint", "regionName", "enum" },
        { "CloudRegionConfig", "regionName", "enum" },
        { "CloudRegionConfig20240805", "regionName", "enum" },
        { "BaseCloudProviderInstanceSize", null, "enum" },
        { "BaseAtlasDataLakeRegion", null, "enum" },
        { "BaseStreamsRegion", null, "enum" },
        { "MatcherFieldView", null, "enum" },
        { "EventTypeForNdsGroup", null, "enum" },
        { "EventTypeForOrg", null, "enum" },
        { "DefaultAlertConfigViewForNdsGroup", "eventTypeName", "enum" },
        { "DefaultAlertViewForNdsGroup", "eventTypeName", "enum" },
        { "DefaultEventViewForNdsGroup", "eventTypeName", "enum" },
        // A member of EventViewForOrg (a union by inference on eventTypeName): the property is the variant's discriminator.
        { "DefaultEventViewForOrg", "eventTypeName", "discriminator" },
        { "AlertsNotificationRootForGroup", null, "union" },
        { "EventViewForOrg", null, "union" },
        { "ServerlessTenantEndpoint", null, "union" },
        { "ApiAtlasFTSAnalyzersViewManual", "charFilters", "union" },
        { "ApiAtlasFTSAnalyzersViewManual", "tokenFilters", "union" },
        { "ApiAtlasFTSAnalyzersViewManual", "tokenizer", "union" },
        { "HardwareSpec", null, "record" },
        { "HardwareSpec20240805", null, "record" },
        { "DedicatedHardwareSpec", null, "record" },
        { "DedicatedHardwareSpec20240805", null, "record" },
        { "EventViewForNdsGroup", null, "record" },
        { "AlertViewForNdsGroup", null, "record" },
        { "GroupAlertsConfig", null, "record" },
        { "FederationIdentityProvider", null, "record" },
        { "FederationIdentityProviderUpdate", null, "record" },
        { "FederationOidcIdentityProvider", null, "record" },
        { "FederationOidcIdentityProviderUpdate", null, "record" },
        // Text and vector definitions: each requires a property the other does not declare (rule 2b).
        { "SearchIndexUpdateRequest", "definition", "choice" },
    };

    [Theory]
    [MemberData(nameof(FormerUntypedUnions))]
    public void A_union_without_a_discriminator_gets_a_type(string schema, string? property, string kind)
    {
        Assert.NotNull(fx.Assembly);
        var type = fx.TypeOf(schema);
        Assert.NotNull(type);
        if (property is not null)
        {
            if (IsInferredDiscriminator(type!, property))
            {
                Assert.Equal("discriminator", kind);
                return;
            }
            var p = PropertyFor(type!, property);
            Assert.NotNull(p);
            type = p!.PropertyType;
        }
        type = Nullable.GetUnderlyingType(type!) ?? type;
        if (type!.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)) type = type.GetGenericArguments()[0];
        var actual = type == typeof(System.Text.Json.JsonElement) ? "JsonElement"
            : type.IsValueType && type.GetProperty("KnownValues") is not null ? "enum"
            : type.IsAbstract ? "union"
            : type.GetProperty("Other")?.PropertyType == typeof(System.Text.Json.JsonElement?) ? "choice"
            : type.IsClass && type.GetProperty("AdditionalProperties") is not null ? "record"
            : type.FullName!;
        Assert.Equal(kind, actual);
    }

    [Fact]
    public void The_whole_spec_has_no_generator_warning()
        => Assert.Empty(fx.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));

    /// <summary>A union base the type derives from declares the property abstract: it is the (inferred) discriminator.</summary>
    private static bool IsInferredDiscriminator(Type type, string json)
    {
        var name = Model.Naming.Clean(json);
        for (var b = type.BaseType; b is not null && b != typeof(object); b = b.BaseType)
        {
            if (b.IsAbstract && b.GetProperty(name)?.GetMethod?.IsAbstract == true) return true;
        }
        return false;
    }

    [Fact]
    public void ReadOnly_required_properties_are_not_required_when_building_a_request()
    {
        Assert.NotNull(fx.Assembly);
        var schemas = Typed(_synth.Reachable(responses: false), []);
        var failures = new List<string>();
        var found = new List<string>();
        foreach (var (name, type) in schemas)
        {
            var (props, required) = _synth.Flatten(_synth.Schemas[name]);
            var discriminator = _synth.VariantOf.TryGetValue(name, out var v) ? v.Property : _synth.Schemas[name]["discriminator"]?.Str("propertyName");
            var readOnly = props.Where(p => required.Contains(p.Name) && p.Name != discriminator && !IsInferredDiscriminator(type, p.Name) && SpecSynth.Flag(p.Schema, "readOnly", _synth.Schemas)).Select(p => p.Name).ToList();
            foreach (var json in readOnly)
            {
                var property = PropertyFor(type, json);
                if (property is null) continue; // a request-only type leaves readOnly properties out altogether
                found.Add(name + "." + json);
                if (property.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute")) failures.Add(name + "." + json + " is a C# required member");
            }
            if (readOnly.Count == 0 || type.IsAbstract || found.Count == 0) continue;
            // Built without them, a request body does not send them (not even as null).
            var instance = Activator.CreateInstance(type)!;
            var written = JsonNode.Parse(JsonSerializer.Serialize(instance, type))!.AsObject();
            foreach (var json in readOnly)
            {
                if (written.ContainsKey(json)) failures.Add(name + "." + json + " is written when unset");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(found.Count >= 1, "no readOnly required property in a request type: the test sees nothing");
    }

    [Fact]
    public void A_variant_that_narrows_an_inherited_property_reads_it_with_the_narrower_type()
    {
        Assert.NotNull(fx.Assembly);
        var failures = new List<string>();
        var found = new List<string>();
        foreach (var (variant, (discriminator, _)) in _synth.VariantOf)
        {
            // Variants of inline discriminated unions (a property's oneOf) have no component union to compare with.
            var union = _synth.Schemas.FirstOrDefault(s => s.Value["discriminator"]?.Str("propertyName") == discriminator && IsVariant(s.Key, variant)).Key;
            if (union is null) continue;
            var (inherited, _) = _synth.Flatten(_synth.Schemas[union]);
            var own = OwnProperties(_synth.Schemas[variant], union);
            foreach (var (json, schema) in own)
            {
                if (json == discriminator) continue;
                var wide = inherited.FirstOrDefault(p => p.Name == json).Schema;
                if (wide is null || TargetOf(schema) is not { } narrow || TargetOf(wide) == narrow) continue;
                found.Add(variant + "." + json);
                var vt = fx.TypeOf(variant);
                var bt = fx.TypeOf(union);
                var mine = vt is null ? null : PropertyFor(vt, json, declaredOnly: true);
                var theirs = bt is null ? null : PropertyFor(bt, json);
                if (mine is null || theirs is null)
                {
                    failures.Add(variant + "." + json + ": no property of its own (" + vt + ", " + bt + ")");
                    continue;
                }
                var expected = fx.TypeOf(narrow);
                if (expected is not null && !Mentions(mine.PropertyType, expected)) failures.Add(variant + "." + json + ": typed " + mine.PropertyType + ", the spec says " + narrow);
                var value = JsonSerializer.Deserialize(_synth.Named(variant)!.ToJsonString(), bt!)!;
                if (value.GetType() != vt) failures.Add(variant + ": read as " + value.GetType().Name);
                else if (mine.GetValue(value) is null) failures.Add(variant + "." + json + ": lost on read");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains("TextSearchIndexResponse.latestDefinition", found);
        Assert.Contains("TextSearchIndexResponse.statusDetail", found);
    }

    private bool IsVariant(string union, string variant)
    {
        var u = _synth.Schemas[union];
        return (u["discriminator"]?["mapping"] is { IsMapping: true } m && m.Entries.Any(e => e.Value.Value == "#/components/schemas/" + variant))
            || ((u["oneOf"] ?? u["anyOf"]) is { IsSequence: true } l && l.Items.Any(i => SpecSynth.RefName(i) == variant));
    }

    /// <summary>The schema a property refers to (itself, or its array items): null for inline scalars.</summary>
    private static string? TargetOf(YNode schema)
        => SpecSynth.RefName(schema) ?? (schema["items"] is { } items ? SpecSynth.RefName(items) : null);

    private static bool Mentions(Type type, Type expected)
        => type == expected || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, expected)));

    /// <summary>The properties a variant declares itself (its allOf parts other than the union).</summary>
    private List<(string Name, YNode Schema)> OwnProperties(YNode variant, string union)
    {
        var list = new List<(string, YNode)>();
        var parts = variant["allOf"] is { IsSequence: true } all ? all.Items.ToList() : [];
        parts.Add(variant);
        foreach (var part in parts)
        {
            if (SpecSynth.RefName(part) == union) continue;
            var node = SpecSynth.RefName(part) is { } r ? _synth.Schemas[r] : part;
            if (node["properties"] is { IsMapping: true } p) list.AddRange(p.Entries.Select(e => (e.Key, e.Value)));
        }
        return list;
    }
}
