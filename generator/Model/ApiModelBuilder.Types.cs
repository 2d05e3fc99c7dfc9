using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Model.Building;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model;

internal sealed partial class ApiModelBuilder
{
    private static HashSet<string> ReservedMemberNames => ReservedNames.RecordMembers;


    private sealed class RawProperty
    {
        public RawProperty(string jsonName, YNode schema, YNode keyNode) { JsonName = jsonName; Schema = schema; KeyNode = keyNode; }
        public string JsonName { get; }
        public YNode Schema { get; set; }
        public YNode KeyNode { get; set; }
    }


    // ---------------------------------------------------------------- enums

    private TypeSpec BuildEnum(string name, YNode node, string? description)
        => BuildEnumFromValues(name, AllEnumValues(node).ToArray(), description);

    private static string MemberName(string value, HashSet<string> taken)
    {
        var n = Naming.Pascal(value);
        if (n.Length == 0) n = "Value";
        var candidate = n;
        for (var i = 2; !taken.Add(candidate); i++) candidate = n + Naming.Int(i);
        return candidate;
    }

    private static IEnumerable<string> EnumValues(YNode node)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (node["enum"] is { IsSequence: true } list)
        {
            foreach (var v in list.Items)
            {
                if (v.IsScalar && !v.IsNull && v.Value is not null && seen.Add(v.Value)) yield return v.Value;
            }
        }
    }

    private TypeSpec NewType(TypeShape kind, string name, string? description)
        => new() { Kind = kind, Namespace = _ns, Name = name, Accessibility = _access, Description = description };

    // ---------------------------------------------------------------- records and unions

    private void BuildNamedRecord(string schema)
    {
        if (_schemas[schema].BaseOf is { } baseSchema && _schemas[baseSchema].Class == SchemaClass.Union)
        {
            BuildVariant(schema, baseSchema);
            return;
        }
        var node = _schemas[schema].Node;
        var name = _schemas[schema].TypeName!;
        var props = Properties(name, CollectProperties(node, schema, null), UsageOf(schema), null, null, RequiredNames(node));
        _types.Add(NewType(TypeShape.Record, name, RecordDescription(node)) with
        {
            Properties = props,
            Deprecated = node.Bool("deprecated"),
        });
    }

    private void BuildUnion(string schema)
    {
        var node = _schemas[schema].Node;
        var name = _schemas[schema].TypeName!;
        var info = _schemas[schema].Union!;
        var disc = Discriminator(schema, info);
        var raw = CollectProperties(node, schema, null);
        var props = Properties(name, raw, UsageOf(schema), disc.JsonName, disc.PropertyName, RequiredNames(node), null, 0, null, ShadowedInUnion(schema, disc.JsonName));
        var baseNames = new HashSet<string>(props.Select(p => p.JsonName), StringComparer.Ordinal) { disc.JsonName };
        var variants = new List<VariantSpec>();
        var twins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in info.Variants)
        {
            var typeName = _schemas[v.Value].TypeName!;
            if (_schemas[v.Value].BaseOf is { } primary && primary != schema)
            {
                if (!twins.TryGetValue(v.Value, out var twin))
                {
                    twin = _namer.Take(name + typeName, "the variant " + v.Value + " of " + schema, null);
                    twins[v.Value] = twin;
                }
                typeName = twin;
            }
            // The union's converter delegates to the variant's own: it needs the type and value only (computing the
            // variant's properties here would materialize its inline types a second time).
            variants.Add(new VariantSpec(typeName, v.Key));
        }
        var unknown = _namer.Take(ReservedNames.UnknownPrefix + name, "the unknown variant of " + schema, node);
        var rawJsonName = props.Any(p => p.Name == ReservedNames.RawJson) ? ReservedNames.RawJson + "Value" : ReservedNames.RawJson;
        _types.Add(NewType(TypeShape.Union, name, UnionDescription(schema, node)) with
        {
            Properties = props,
            Discriminator = disc,
            Variants = new EquatableArray<VariantSpec>(variants.ToArray()),
            UnknownName = unknown,
            RawJsonName = rawJsonName,
            Deprecated = node.Bool("deprecated"),
        });
        foreach (var twin in twins) BuildVariant(twin.Key, schema, twin.Value);
    }

    private void BuildVariant(string schema, string baseSchema, string? twinName = null)
    {
        var node = _schemas[schema].Node;
        var name = twinName ?? _schemas[schema].TypeName!;
        var info = _schemas[baseSchema].Union!;
        var disc = Discriminator(baseSchema, info);
        var baseProps = Properties(_schemas[baseSchema].TypeName!, CollectProperties(_schemas[baseSchema].Node, baseSchema, null), UsageOf(baseSchema), disc.JsonName, disc.PropertyName, RequiredNames(_schemas[baseSchema].Node),
            null, 0, null, ShadowedInUnion(baseSchema, disc.JsonName));
        var baseNames = new HashSet<string>(baseProps.Select(p => p.JsonName), StringComparer.Ordinal) { disc.JsonName };
        var own = VariantProperties(schema, baseSchema, baseNames, baseProps, disc);
        var values = info.Variants.Where(v => v.Value == schema).Select(v => v.Key).ToArray();
        var value = values[0];

        var declares = CollectProperties(node, schema, null).Any(p => p.JsonName == disc.JsonName)
            || (RefersTo(node, baseSchema) && CollectProperties(_schemas[baseSchema].Node, baseSchema, null).Any(p => p.JsonName == disc.JsonName));
        if (!declares)
        {
            _diagnostics.Report(DiagnosticDescriptors.DiscriminatorPropertyMissing, _schemas[schema].Key, schema, baseSchema, disc.JsonName);
        }

        _types.Add(NewType(TypeShape.Record, name, node.Str("description")) with
        {
            Properties = own,
            BaseName = _schemas[baseSchema].TypeName!,
            VariantValue = value,
            VariantValues = values.Length > 1 ? new EquatableArray<string>(values) : EquatableArray<string>.Empty,
            Discriminator = disc,
            BaseProperties = baseProps,
            Deprecated = node.Bool("deprecated"),
        });
    }

    private EquatableArray<PropertySpec> VariantProperties(string variant, string baseSchema, HashSet<string> baseNames, EquatableArray<PropertySpec> baseProps, DiscriminatorSpec disc)
    {
        // A property the variant redeclares with another type (a narrower schema) gets a slot of its own: same C# name, `new`.
        var shadowed = ShadowedBy(variant, baseSchema, disc.JsonName);
        var raw = CollectProperties(_schemas[variant].Node, variant, baseSchema).Where(p => !baseNames.Contains(p.JsonName) || shadowed.Contains(p.JsonName)).ToList();
        var reserved = new HashSet<string>(baseProps.Where(p => !shadowed.Contains(p.JsonName)).Select(p => p.Name), StringComparer.Ordinal) { disc.PropertyName };
        reserved.UnionWith(ReservedNames.VariantMembers);
        var shadow = baseProps.Where(p => shadowed.Contains(p.JsonName)).ToDictionary(p => p.JsonName, p => p.Name, StringComparer.Ordinal);
        return Properties(_schemas[variant].TypeName!, raw, UsageOf(variant), null, null, RequiredNames(_schemas[variant].Node), reserved, 0, shadow);
    }

    private readonly Dictionary<string, HashSet<string>> _shadowed = new(StringComparer.Ordinal);

    /// <summary>JSON names of the union's properties that <paramref name="variant"/> redeclares with a different schema.</summary>
    private HashSet<string> ShadowedBy(string variant, string baseSchema, string discriminator)
    {
        var key = variant + "\u0000" + baseSchema;
        if (_shadowed.TryGetValue(key, out var cached)) return cached;
        var set = new HashSet<string>(StringComparer.Ordinal);
        _shadowed[key] = set;
        var inherited = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var p in CollectProperties(_schemas[baseSchema].Node, baseSchema, null)) inherited[p.JsonName] = p.Schema;
        foreach (var p in CollectProperties(_schemas[variant].Node, variant, baseSchema))
        {
            if (p.JsonName == discriminator || !inherited.TryGetValue(p.JsonName, out var wide)) continue;
            if (SchemaKey(p.Schema, 0) != SchemaKey(wide, 0)) set.Add(p.JsonName);
        }
        return set;
    }

    /// <summary>The JSON names some variant of the union redeclares: the union's property is then not C# <c>required</c>.</summary>
    private HashSet<string> ShadowedInUnion(string baseSchema, string discriminator)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (_schemas[baseSchema].Union is not { } info) return set;
        foreach (var v in info.Variants) set.UnionWith(ShadowedBy(v.Value, baseSchema, discriminator));
        return set;
    }

    /// <summary>What a property schema denotes, for comparing a redeclaration with the inherited one (annotations ignored).</summary>
    private static string SchemaKey(YNode schema, int depth)
    {
        if (!schema.IsMapping || depth > 8) return "node@" + Naming.Int(schema.Start);
        if (schema.Str("$ref") is { } r) return "ref:" + r;
        if (schema["allOf"] is { IsSequence: true, Items.Count: 1 } one && schema["properties"] is null) return SchemaKey(one.Items[0], depth + 1);
        var type = schema.Str("type");
        if (schema["properties"] is null && schema["enum"] is null && schema["allOf"] is null && schema["oneOf"] is null && schema["anyOf"] is null)
        {
            if (type == "array" && schema["items"] is { } items) return "array:" + SchemaKey(items, depth + 1);
            if (type is not null && type != "object" && type != "array") return "type:" + type + ":" + (schema.Str("format") ?? "");
        }
        return "node@" + Naming.Int(schema.Start);
    }

    private bool RefersTo(YNode node, string schema)
    {
        if (node["allOf"] is not { IsSequence: true } all) return false;
        return all.Items.Any(i => i.Str("$ref") == SchemaResolver.SchemaPrefix + schema);
    }

    private DiscriminatorSpec NewDiscriminator(string jsonName, TypeRefSpec type, string? description, string ownerName)
    {
        var prop = Naming.Clean(jsonName);
        if (prop.Length == 0 || prop == ownerName || ReservedMemberNames.Contains(prop)) prop += "Value";
        return new DiscriminatorSpec(jsonName, prop, type, description);
    }

    private DiscriminatorSpec Discriminator(string schema, UnionInfo info)
    {
        var name = _schemas[schema].TypeName!;
        var raw = CollectProperties(_schemas[schema].Node, schema, null).FirstOrDefault(p => p.JsonName == info.Discriminator);
        if (raw is null)
        {
            // Declared only by the variants: take the first declaration.
            foreach (var v in info.Variants)
            {
                raw = CollectProperties(_schemas[v.Value].Node, v.Value, schema).FirstOrDefault(p => p.JsonName == info.Discriminator);
                if (raw is not null) break;
            }
        }
        var type = raw is null ? Primitive(ValueKind.String) : TypeOf(raw.Schema, name, Naming.Clean(info.Discriminator), 0, Usage.None, out _);
        if (type.Kind is not (ValueKind.String or ValueKind.Enum))
        {
            if (raw is not null) _diagnostics.Report(DiagnosticDescriptors.UnsupportedConstruct, raw.Schema, "A discriminator property that is not a string", "a string discriminator");
            type = Primitive(ValueKind.String);
        }
        var inferred = _schemas[schema].Inferred is not null;
        return NewDiscriminator(info.Discriminator, type, raw is null ? null : Describe(raw.Schema), name) with { Inferred = inferred };
    }

    private Usage UsageOf(string schema) => _schemas[schema].Usage ?? Usage.None;

    /// <summary>
    /// The properties a schema carries: its own, those of allOf parts (flattened), never those of
    /// <paramref name="skipBase"/> (inherited instead). Later declarations of a name replace earlier ones in place.
    /// </summary>
    private List<RawProperty> CollectProperties(YNode node, string? self, string? skipBase)
    {
        var result = new List<RawProperty>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        if (self is not null) visiting.Add(self);
        Collect(node, result, visiting, skipBase, 0);
        return result;
    }

    private void Collect(YNode node, List<RawProperty> result, HashSet<string> visiting, string? skipBase, int depth)
    {
        if (!node.IsMapping) return;
        if (depth > MaxInlineDepth)
        {
            _diagnostics.Report(DiagnosticDescriptors.TooDeeplyNested, node, Naming.Int(MaxInlineDepth));
            return;
        }
        var r = node.Str("$ref");
        if (r is not null)
        {
            if (SchemaResolver.SchemaName(r) is { } name)
            {
                if (name == skipBase) return;
                if (!TryNode(name, out var target))
                {
                    _diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, node["$ref"]!, r, "no properties from it");
                    return;
                }
                if (!visiting.Add(name))
                {
                    _diagnostics.Report(DiagnosticDescriptors.RefCycle, node["$ref"]!, name, "allOf");
                    return;
                }
                Collect(target, result, visiting, skipBase, depth + 1);
                visiting.Remove(name);
            }
            else if (_resolver.Pointer(r) is { } deep)
            {
                Collect(deep, result, visiting, skipBase, depth + 1);
            }
            else
            {
                _diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, node["$ref"]!, r, "no properties from it");
            }
            return;
        }
        if (node["allOf"] is { IsSequence: true } all)
        {
            foreach (var part in all.Items) Collect(part, result, visiting, skipBase, depth + 1);
        }
        if (node["properties"] is { IsMapping: true } props)
        {
            foreach (var e in props.Entries)
            {
                var existing = result.FindIndex(p => p.JsonName == e.Key);
                var keyNode = KeyNode(e);
                if (existing >= 0)
                {
                    result[existing].Schema = e.Value;
                    result[existing].KeyNode = keyNode;
                }
                else
                {
                    result.Add(new RawProperty(e.Key, e.Value, keyNode));
                }
            }
        }
        else if (node["properties"] is { } bad && !bad.IsNull)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidSchema, KeyAt(node, "properties"), "'properties' is not a mapping", "no properties");
        }
        if (_superset.Contains(node.Start)) CollectSupersetMembers(node, result, visiting, skipBase, depth);
    }

    private static HashSet<string> RequiredSet(YNode node)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (node["required"] is { IsSequence: true } req)
        {
            foreach (var r in req.Items) if (r.Value is not null) set.Add(r.Value);
        }
        return set;
    }

    /// <summary>Every name listed as required by the schema or any of its allOf parts.</summary>
    private HashSet<string> RequiredNames(YNode node, int depth = 0)
    {
        var set = RequiredSet(node);
        if (depth > 16) return set;
        if (node["allOf"] is { IsSequence: true } all)
        {
            foreach (var part in all.Items)
            {
                var target = part;
                if (SchemaResolver.SchemaNameOf(part) is { } named && TryNode(named, out var t))
                {
                    target = t;
                }
                set.UnionWith(RequiredNames(target, depth + 1));
            }
        }
        return set;
    }

    /// <summary>The properties of a type, as used by <paramref name="usage"/> (request types drop readOnly ones,
    /// responses writeOnly ones; inline types under them inherit the usage).</summary>
    private EquatableArray<PropertySpec> Properties(string owner, List<RawProperty> raw, Usage usage, string? skipJson, string? discriminatorName,
        HashSet<string> required, HashSet<string>? reserved = null, int depth = 0, Dictionary<string, string>? shadow = null, HashSet<string>? loosened = null)
        => PropertiesCore(owner, raw, usage, skipJson, discriminatorName, required, reserved, depth, shadow, loosened);

    private EquatableArray<PropertySpec> PropertiesCore(string owner, List<RawProperty> raw, Usage usage, string? skipJson, string? discriminatorName,
        HashSet<string> required, HashSet<string>? reserved, int depth, Dictionary<string, string>? shadow, HashSet<string>? loosened)
    {
        var list = new List<PropertySpec>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reserved is not null) foreach (var r in reserved) names[r] = "an inherited member";
        if (discriminatorName is not null) names[discriminatorName] = "the discriminator";
        var index = 0;
        foreach (var p in raw)
        {
            _ct.ThrowIfCancellationRequested();
            index++;
            if (p.JsonName == skipJson) continue;
            var schema = p.Schema;
            var target = _resolver.Follow(schema);
            var readOnly = schema.Bool("readOnly") || (target?.Bool("readOnly") ?? false);
            var writeOnly = schema.Bool("writeOnly") || (target?.Bool("writeOnly") ?? false);
            if (usage == Usage.Request && readOnly) continue;
            if (usage == Usage.Response && writeOnly) continue;

            string? shadowName = null;
            if (shadow is not null && shadow.TryGetValue(p.JsonName, out var inherited)) shadowName = inherited;
            var clean = Naming.Clean(p.JsonName);
            if (shadowName is not null)
            {
                clean = shadowName;
            }
            else if (clean.Length == 0)
            {
                var fallback = "Property" + Naming.Int(index);
                _diagnostics.Report(DiagnosticDescriptors.InvalidIdentifier, p.KeyNode, p.JsonName, fallback);
                clean = fallback;
            }
            if (shadowName is null && (clean == owner || ReservedMemberNames.Contains(clean))) clean += "Value";
            var name = clean;
            if (shadowName is null && names.TryGetValue(name, out var other))
            {
                var i = 2;
                while (names.ContainsKey(clean + Naming.Int(i))) i++;
                name = clean + Naming.Int(i);
                _diagnostics.Report(DiagnosticDescriptors.NameCollision, p.KeyNode, p.JsonName, clean, other, name);
            }
            names[name] = p.JsonName;

            var type = TypeOf(schema, owner, clean, depth + 1, usage, out var schemaNullable);
            var isRequired = required.Contains(p.JsonName);
            string? pattern = null;
            if (type.Kind == ValueKind.String)
            {
                pattern = schema.Str("pattern") ?? target?.Str("pattern");
                if (pattern is not null) _patterns.Check(pattern, (schema["pattern"] ?? target?["pattern"])!);
            }
            var deprecated = schema.Bool("deprecated") || (target?.Bool("deprecated") ?? false);
            // C# `required` only where a caller must set it: not readOnly in a type sent in requests (the server sets it),
            // not deprecated (CS9042), not a property some variant redeclares (it could not be set through the variant).
            var initRequired = isRequired && !deprecated && !(readOnly && (usage & Usage.Request) != 0) && !(loosened?.Contains(p.JsonName) ?? false);
            list.Add(new PropertySpec(
                p.JsonName,
                shadowName ?? name,
                type,
                isRequired,
                initRequired,
                schemaNullable || !initRequired,
                Describe(schema),
                pattern,
                readOnly,
                writeOnly,
                deprecated,
                shadowName is not null,
                schemaNullable && !initRequired && !isRequired && (usage & Usage.Request) != 0));
        }
        return new EquatableArray<PropertySpec>(list.ToArray());
    }

    private static string? Describe(YNode schema) => schema.Str("description");

    // ---------------------------------------------------------------- type references

    private static TypeRefSpec Primitive(ValueKind kind) => new(kind);

    private static readonly TypeRefSpec JsonType = new(ValueKind.Json);

    private TypeRefSpec Named(string schema)
    {
        var t = _schemas[schema].TypeName!;
        var isEnum = _schemas[schema].Class == SchemaClass.Enum;
        return new TypeRefSpec(isEnum ? ValueKind.Enum : ValueKind.Object, _ns, t);
    }

    private TypeRefSpec TypeOf(YNode schema, string owner, string propName, int depth, Usage usage, out bool nullable)
    {
        nullable = false;
        return TypeOf(schema, owner, propName, depth, usage, ref nullable, new HashSet<string>(StringComparer.Ordinal));
    }

    private TypeRefSpec TypeOf(YNode schema, string owner, string propName, int depth, Usage usage, ref bool nullable, HashSet<string> aliases)
    {
        _ct.ThrowIfCancellationRequested();
        if (!schema.IsMapping)
        {
            if (!(schema.IsScalar && schema.Value is "true" or "True")) // `true` is the any-schema of OpenAPI 3.1
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidSchema, schema, "a schema must be a mapping", "JsonElement");
            }
            return JsonType;
        }
        if (depth > MaxInlineDepth)
        {
            _diagnostics.Report(DiagnosticDescriptors.TooDeeplyNested, schema, Naming.Int(MaxInlineDepth));
            return JsonType;
        }
        if (schema.Bool("nullable")) nullable = true;
        if (_lifted.TryGetValue(schema.Start, out var lifted) && _schemas[lifted].Class is SchemaClass.Record or SchemaClass.Union or SchemaClass.Enum or SchemaClass.Choice)
        {
            return Named(lifted);
        }
        var r = schema.Str("$ref");
        if (r is not null)
        {
            if (SchemaResolver.SchemaName(r) is { } name)
            {
                if (!TryNode(name, out var target))
                {
                    _diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, schema["$ref"]!, r, "JsonElement");
                    return JsonType;
                }
                switch (_schemas[name].Class)
                {
                    case SchemaClass.Record or SchemaClass.Union or SchemaClass.Enum or SchemaClass.Choice:
                        if (target.Bool("nullable")) nullable = true;
                        return Named(name);
                    case SchemaClass.Json:
                        return JsonType;
                }
                if (!aliases.Add(name))
                {
                    _diagnostics.Report(DiagnosticDescriptors.RefCycle, schema["$ref"]!, name, string.Join(" -> ", aliases) + " -> " + name);
                    return JsonType;
                }
                return TypeOf(target, Naming.Clean(name), "", depth + 1, usage, ref nullable, aliases);
            }
            var deep = _resolver.Pointer(r);
            if (deep is null)
            {
                _diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, schema["$ref"]!, r, "JsonElement");
                return JsonType;
            }
            if (!aliases.Add(r))
            {
                _diagnostics.Report(DiagnosticDescriptors.RefCycle, schema["$ref"]!, r, string.Join(" -> ", aliases));
                return JsonType;
            }
            return TypeOf(deep, owner, propName, depth + 1, usage, ref nullable, aliases);
        }

        var allOf = schema["allOf"];
        var oneOf = schema["oneOf"] ?? schema["anyOf"];
        if (oneOf is not null)
        {
            // oneOf: [X, {type: 'null'}] / [X, {nullable: true}] is a nullable X; anything else has no typed form yet.
            var members = oneOf.IsSequence ? oneOf.Items.Where(i => !IsNullSchema(i)).ToList() : new List<YNode>();
            if (oneOf.IsSequence && members.Count < oneOf.Items.Count) nullable = true;
            if (members.Count == 1 && schema["properties"] is null) return TypeOf(members[0], owner, propName, depth + 1, usage, ref nullable, aliases);
            if (schema["discriminator"] is null && EnumUnionValues(schema) is not null) return InlineEnum(schema, owner, propName);
            var which = schema["oneOf"] is not null ? "oneOf" : "anyOf";
            _diagnostics.Report(DiagnosticDescriptors.UnsupportedConstruct, KeyAt(schema, which), which + " without a discriminator" + (propName.Length > 0 ? " (" + owner + "." + propName + ")" : " (" + owner + ")"), "JsonElement");
            return JsonType;
        }
        if (allOf is { IsSequence: true } && schema["properties"] is null && allOf.Items.Count == 1)
        {
            return TypeOf(allOf.Items[0], owner, propName, depth + 1, usage, ref nullable, aliases);
        }

        var type = schema["type"];
        string? typeName = null;
        if (type is { IsScalar: true }) typeName = type.Value;
        else if (type is { IsSequence: true })
        {
            foreach (var t in type.Items)
            {
                if (t.Value == "null") nullable = true;
                else typeName ??= t.Value;
            }
        }

        if (schema["properties"] is not null || (allOf is { IsSequence: true } && typeName is null or "object"))
        {
            return InlineRecord(schema, owner, propName, depth, usage);
        }
        if (schema["enum"] is { IsSequence: true } && (typeName == "string" || (typeName is null && IsStringType(schema))))
        {
            return InlineEnum(schema, owner, propName);
        }
        switch (typeName)
        {
            case "string":
                return schema.Str("format") switch
                {
                    "date-time" => Primitive(ValueKind.DateTimeOffset),
                    _ => Primitive(ValueKind.String),
                };
            case "integer":
                return schema.Str("format") == "int32"
                    ? Primitive(ValueKind.Int32)
                    : Primitive(ValueKind.Int64);
            case "number":
                return Primitive(ValueKind.Double);
            case "boolean":
                return Primitive(ValueKind.Boolean);
            case "array":
                {
                    var items = schema["items"];
                    var element = items is null ? JsonType : TypeOf(items, owner, propName + "Item", depth + 1, usage, out _);
                    return new TypeRefSpec(ValueKind.Array, Element: element);
                }
            case "object" or null:
                {
                    var ap = schema["additionalProperties"];
                    if (ap is { IsMapping: true } && ap.Entries.Count > 0)
                    {
                        var element = TypeOf(ap, owner, propName + "Value", depth + 1, usage, out _);
                        return new TypeRefSpec(ValueKind.Map, Element: element);
                    }
                    if (typeName is null && schema["items"] is { } untypedItems)
                    {
                        var element = TypeOf(untypedItems, owner, propName + "Item", depth + 1, usage, out _);
                        return new TypeRefSpec(ValueKind.Array, Element: element);
                    }
                    return JsonType;
                }
            default:
                _diagnostics.Report(DiagnosticDescriptors.InvalidSchema, type!, "unknown type '" + typeName + "'", "JsonElement");
                return JsonType;
        }
    }

    private static bool IsNullSchema(YNode n) => n.Str("type") == "null" || (n.Entries.Count == 1 && n.Bool("nullable"));

    private readonly Dictionary<string, TypeRefSpec> _inlineRecords = new(StringComparer.Ordinal);

    private TypeRefSpec InlineRecord(YNode schema, string owner, string propName, int depth, Usage usage)
    {
        // One schema node, one type: a node reached twice (a union and its variant, a deep $ref) is materialized once.
        var key = Naming.Int(schema.Start) + ":" + Naming.Int((int)usage);
        if (_inlineRecords.TryGetValue(key, out var known)) return known;
        var name = _namer.Take(owner + (propName.Length > 0 ? propName : "Inline"), owner + "." + propName, schema);
        var reference = new TypeRefSpec(ValueKind.Object, _ns, name);
        _inlineRecords[key] = reference;
        var raw = CollectProperties(schema, null, null);
        var props = Properties(name, raw, usage, null, null, RequiredNames(schema), null, depth);
        _types.Add(NewType(TypeShape.Record, name, schema.Str("description")) with { Properties = props });
        return reference;
    }

    private TypeRefSpec InlineEnum(YNode schema, string owner, string propName)
        => new(ValueKind.Enum, _ns, _namer.InlineEnumIdentity(owner, propName, AllEnumValues(schema).ToArray(), schema.Str("description")));

    private TypeSpec BuildEnumFromValues(string name, string[] values, string? description)
    {
        var members = new List<EnumMemberSpec>();
        // Members of the generated struct that a value must not be named like.
        var taken = new HashSet<string>(ReservedNames.EnumMembers, StringComparer.Ordinal) { name };
        foreach (var v in values) members.Add(new EnumMemberSpec(MemberName(v, taken), v));
        return NewType(TypeShape.Enum, name, description) with { EnumMembers = new EquatableArray<EnumMemberSpec>(members.ToArray()) };
    }
}
