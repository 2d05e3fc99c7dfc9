using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// The C# type of a schema where it is used (a property, a parameter, a body): a primitive, an array or map of one,
/// a named type, an inline enum (named by <see cref="TypeNamer"/> once all its occurrences are known), or an inline
/// record built here on first use; and the properties of a type, each typed, named and checked.
/// </summary>
internal sealed class TypeMapper
{
    private static readonly TypeRefSpec JsonType = new(ValueKind.Json);

    private readonly ModelContext _context;
    private readonly SchemaShapes _shapes;
    private readonly PropertyCollector _collector;
    // One schema node and usage, one inline record: a node reached twice (a union and its variant, a deep $ref) is built once.
    private readonly Dictionary<string, TypeRefSpec> _inlineRecords = new(StringComparer.Ordinal);

    public TypeMapper(ModelContext context, SchemaShapes shapes, PropertyCollector collector)
    {
        _context = context;
        _shapes = shapes;
        _collector = collector;
    }

    private SchemaCatalog Schemas => _context.Schemas;

    private ModelDiagnostics Diagnostics => _context.Diagnostics;

    public static TypeRefSpec Primitive(ValueKind kind) => new(kind);

    /// <summary>The type of a schema that is <c>JsonElement</c> (any JSON).</summary>
    public static TypeRefSpec Json => JsonType;

    /// <summary>The generated type of a named schema.</summary>
    public TypeRefSpec Named(string schema)
    {
        var isEnum = Schemas[schema].Class == SchemaClass.Enum;
        return new TypeRefSpec(isEnum ? ValueKind.Enum : ValueKind.Object, _context.Options.Namespace, Schemas[schema].TypeName!);
    }

    /// <summary>
    /// The type of <paramref name="schema"/> used as <paramref name="owner"/>'s <paramref name="propName"/> (inline types
    /// are named after them); <paramref name="nullable"/> tells whether the schema allows null.
    /// </summary>
    public TypeRefSpec TypeOf(YNode schema, string owner, string propName, int depth, SchemaUsage usage, out bool nullable)
    {
        nullable = false;
        return TypeOf(schema, owner, propName, depth, usage, ref nullable, new HashSet<string>(StringComparer.Ordinal));
    }

    private TypeRefSpec TypeOf(YNode schema, string owner, string propName, int depth, SchemaUsage usage, ref bool nullable, HashSet<string> aliases)
    {
        _context.Cancellation.ThrowIfCancellationRequested();
        if (!schema.IsMapping)
        {
            if (!(schema.IsScalar && schema.Value is "true" or "True" or "false" or "False")) // boolean schemas of OpenAPI 3.1
            {
                Diagnostics.Report(DiagnosticDescriptors.InvalidSchema, schema, "a schema must be a mapping", "JsonElement");
            }
            return JsonType;
        }
        if (depth > ModelContext.MaxInlineDepth)
        {
            Diagnostics.Report(DiagnosticDescriptors.TooDeeplyNested, schema, Naming.Int(ModelContext.MaxInlineDepth));
            return JsonType;
        }
        if (schema.Bool("nullable")) nullable = true;
        if (Schemas.LiftedAt(schema) is { } lifted && Schemas[lifted].IsType) return Named(lifted);
        if (schema.Str("$ref") is { } r) return ReferenceType(schema, r, owner, propName, depth, usage, ref nullable, aliases);

        var allOf = schema["allOf"];
        var oneOf = schema["oneOf"] ?? schema["anyOf"];
        // A union of constraints only (oneOf: [{required: [a]}, {required: [b]}] beside properties) says which
        // properties go together, not what the value is: the schema is typed by its other keywords.
        if (oneOf is not null && !SchemaShapes.IsConstraintUnion(schema))
        {
            // oneOf: [X, {type: 'null'}] / [X, {nullable: true}] is a nullable X; anything else has no typed form yet.
            var members = oneOf.IsSequence ? oneOf.Items.Where(i => !SchemaShapes.IsNullSchema(i)).ToList() : new List<YNode>();
            if (oneOf.IsSequence && members.Count < oneOf.Items.Count) nullable = true;
            if (members.Count == 1 && schema["properties"] is null) return TypeOf(members[0], owner, propName, depth + 1, usage, ref nullable, aliases);
            if (schema["discriminator"] is null && _shapes.EnumUnionValues(schema) is not null) return InlineEnum(schema, owner, propName);
            // A documented list of numbers or booleans (oneOf: [{title: PONG, const: 1}, …]): that type.
            if (SchemaShapes.ConstUnionType(schema) is { } constType) return PrimitiveOf(constType, schema.Str("format"));
            // A member that accepts any value ({}, true) makes the union accept any value: JsonElement is its type.
            if (members.Any(SchemaShapes.AcceptsAnything)) return JsonType;
            var which = schema["oneOf"] is not null ? "oneOf" : "anyOf";
            Diagnostics.Report(DiagnosticDescriptors.UnsupportedConstruct, schema.KeyOf(which),
                which + " without a discriminator" + (propName.Length > 0 ? " (" + owner + "." + propName + ")" : " (" + owner + ")"), "JsonElement");
            return JsonType;
        }
        if (allOf is { IsSequence: true } && schema["properties"] is null && SchemaShapes.MeaningfulParts(allOf) is { Count: 1 } meaningful)
        {
            // One part says what the value is; the others only annotate it (a description, nullable).
            if (allOf.Items.Any(p => p.Bool("nullable"))) nullable = true;
            return TypeOf(meaningful[0], owner, propName, depth + 1, usage, ref nullable, aliases);
        }
        if (schema["type"] is null && _shapes.IsValueAllOf(schema, out var kind))
        {
            // Parts that are values, not objects: the type of the part that says the kind (any JSON when none does).
            return kind is null ? JsonType : TypeOf(kind, owner, propName, depth + 1, usage, ref nullable, aliases);
        }

        var type = schema["type"];
        string? typeName = null;
        if (type is { IsScalar: true }) typeName = type.Value;
        else if (type is { IsSequence: true })
        {
            foreach (var t in type.Items)
            {
                if (t.Value == "null") nullable = true;
            }
            // Several kinds (type: [integer, string]): any value, its schema checked by validation.
            typeName = SchemaShapes.FirstType(schema);
            if (typeName is null && type.Items.Any(t => t.Value != "null")) return JsonType;
        }

        if (schema["properties"] is not null || (allOf is { IsSequence: true } && typeName is null or "object"))
        {
            return InlineRecord(schema, owner, propName, depth, usage);
        }
        if (schema["enum"] is { IsSequence: true } && (typeName == "string" || (typeName is null && SchemaShapes.IsStringType(schema))))
        {
            return InlineEnum(schema, owner, propName);
        }
        switch (typeName)
        {
            case "string":
                return schema.Str("format") == "date-time" ? Primitive(ValueKind.DateTimeOffset) : Primitive(ValueKind.String);
            case "integer":
                return schema.Str("format") == "int32" ? Primitive(ValueKind.Int32) : Primitive(ValueKind.Int64);
            case "number":
                return Primitive(ValueKind.Double);
            case "boolean":
                return Primitive(ValueKind.Boolean);
            case "null":
                // OpenAPI 3.1: a value that is always null.
                nullable = true;
                return JsonType;
            case "array":
                {
                    var items = Items(schema);
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
                    // items without a type: an array as the spec's author meant; not the tuple form (items: [a, b]), which
                    // constrains arrays only and lets any other value through.
                    if (typeName is null && schema["items"] is { IsMapping: true })
                    {
                        var element = Items(schema) is { } untypedItems ? TypeOf(untypedItems, owner, propName + "Item", depth + 1, usage, out _) : JsonType;
                        return new TypeRefSpec(ValueKind.Array, Element: element);
                    }
                    // No type at all: any value, null included.
                    if (typeName is null && type is null) nullable = true;
                    return JsonType;
                }
            default:
                Diagnostics.Report(DiagnosticDescriptors.InvalidSchema, type!, "unknown type '" + typeName + "'", "JsonElement");
                return JsonType;
        }
    }

    private static TypeRefSpec PrimitiveOf(string type, string? format) => type switch
    {
        "integer" => Primitive(format == "int32" ? ValueKind.Int32 : ValueKind.Int64),
        "number" => Primitive(ValueKind.Double),
        _ => Primitive(ValueKind.Boolean),
    };

    /// <summary>An array's item schema; of <c>items</c> as a list (JSON Schema draft 4 tuples), the one schema it lists, else
    /// null (any value).</summary>
    private static YNode? Items(YNode schema)
        => schema["items"] is { IsSequence: true } tuple ? (tuple.Items.Count == 1 ? tuple.Items[0] : null) : schema["items"];

    /// <summary>The type of a <c>$ref</c>: the named type, or the type of what an alias or a deeper pointer designates.</summary>
    private TypeRefSpec ReferenceType(YNode schema, string r, string owner, string propName, int depth, SchemaUsage usage, ref bool nullable,
        HashSet<string> aliases)
    {
        if (SchemaResolver.SchemaName(r) is { } name)
        {
            if (!Schemas.TryNode(name, out var target))
            {
                Diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, schema["$ref"]!, r, "JsonElement");
                return JsonType;
            }
            if (Schemas[name].IsType)
            {
                if (target.Bool("nullable")) nullable = true;
                return Named(name);
            }
            if (Schemas[name].Class == SchemaClass.Json) return JsonType;
            if (!aliases.Add(name))
            {
                Diagnostics.Report(DiagnosticDescriptors.RefCycle, schema["$ref"]!, name, string.Join(" -> ", aliases) + " -> " + name);
                return JsonType;
            }
            return TypeOf(target, Naming.Clean(name), "", depth + 1, usage, ref nullable, aliases);
        }
        var deep = _context.Resolver.Pointer(r);
        if (deep is null)
        {
            Diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, schema["$ref"]!, r, "JsonElement");
            return JsonType;
        }
        if (!aliases.Add(r))
        {
            Diagnostics.Report(DiagnosticDescriptors.RefCycle, schema["$ref"]!, r, string.Join(" -> ", aliases));
            return JsonType;
        }
        return TypeOf(deep, owner, propName, depth + 1, usage, ref nullable, aliases);
    }

    private TypeRefSpec InlineRecord(YNode schema, string owner, string propName, int depth, SchemaUsage usage)
    {
        var key = Naming.Int(schema.Start) + ":" + Naming.Int((int)usage);
        if (_inlineRecords.TryGetValue(key, out var known)) return known;
        var name = _context.Namer.Take(owner + (propName.Length > 0 ? propName : "Inline"), owner + "." + propName, schema);
        var reference = new TypeRefSpec(ValueKind.Object, _context.Options.Namespace, name);
        _inlineRecords[key] = reference;
        var raw = _collector.Collect(schema, null, null);
        var required = _collector.RequiredNames(schema);
        var props = Properties(name, raw, usage, required, depth: depth);
        _context.Types.Add(_context.NewType(TypeShape.Record, name, schema.Str("description")) with
        {
            Properties = props,
            ExtrasSchema = _context.Constraints.Extras(schema, props, required),
        });
        return reference;
    }

    private TypeRefSpec InlineEnum(YNode schema, string owner, string propName)
        => new(ValueKind.Enum, _context.Options.Namespace,
            _context.Namer.InlineEnumIdentity(owner, propName, _shapes.AllEnumValues(schema).ToArray(), schema.Str("description")));

    /// <summary>
    /// The properties of <paramref name="owner"/>, as used by <paramref name="usage"/> (request types drop readOnly
    /// ones, responses writeOnly ones; inline types under them inherit the usage). <paramref name="skipJson"/> is left
    /// out (a union's discriminator); <paramref name="reserved"/> names are taken (inherited members);
    /// <paramref name="shadow"/> maps a redeclared property to the inherited C# name it hides; a
    /// <paramref name="loosened"/> property is never C# <c>required</c>.
    /// </summary>
    public EquatableArray<PropertySpec> Properties(string owner, List<RawProperty> raw, SchemaUsage usage, HashSet<string> required,
        string? skipJson = null, string? discriminatorName = null, HashSet<string>? reserved = null, int depth = 0,
        Dictionary<string, string>? shadow = null, HashSet<string>? loosened = null)
    {
        var list = new List<PropertySpec>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reserved is not null) foreach (var r in reserved) names[r] = "an inherited member";
        if (discriminatorName is not null) names[discriminatorName] = "the discriminator";
        var index = 0;
        foreach (var p in raw)
        {
            _context.Cancellation.ThrowIfCancellationRequested();
            index++;
            if (p.JsonName == skipJson) continue;
            var schema = p.Schema;
            var target = _context.Resolver.Follow(schema);
            var readOnly = schema.Bool("readOnly") || (target?.Bool("readOnly") ?? false);
            var writeOnly = schema.Bool("writeOnly") || (target?.Bool("writeOnly") ?? false);
            if (usage == SchemaUsage.Request && readOnly) continue;
            if (usage == SchemaUsage.Response && writeOnly) continue;

            string? shadowName = null;
            if (shadow is not null && shadow.TryGetValue(p.JsonName, out var inherited)) shadowName = inherited;
            var clean = shadowName ?? PropertyName(p, owner, index);
            var name = clean;
            if (shadowName is null && names.TryGetValue(name, out var other))
            {
                var i = 2;
                while (names.ContainsKey(clean + Naming.Int(i))) i++;
                name = clean + Naming.Int(i);
                Diagnostics.Report(DiagnosticDescriptors.NameCollision, p.KeyNode, p.JsonName, clean, other, name);
            }
            names[name] = p.JsonName;

            var type = TypeOf(schema, owner, clean, depth + 1, usage, out var schemaNullable);
            var isRequired = required.Contains(p.JsonName);
            string? pattern = null;
            if (type.Kind == ValueKind.String)
            {
                pattern = schema.Str("pattern") ?? target?.Str("pattern");
                if (pattern is not null && !_context.Patterns.Check(pattern, (schema["pattern"] ?? target?["pattern"])!)) pattern = null;
            }
            var deprecated = schema.Bool("deprecated") || (target?.Bool("deprecated") ?? false);
            // C# `required` only where a caller must set it: not readOnly in a type sent in requests (the server sets it),
            // not deprecated (CS9042), not a property some variant redeclares (it could not be set through the variant).
            var initRequired = isRequired && !deprecated && !(readOnly && (usage & SchemaUsage.Request) != 0) && !(loosened?.Contains(p.JsonName) ?? false);
            list.Add(new PropertySpec(
                p.JsonName,
                shadowName ?? name,
                type,
                isRequired,
                initRequired,
                schemaNullable || !initRequired,
                schema.Str("description"),
                pattern,
                readOnly,
                writeOnly,
                deprecated,
                shadowName is not null,
                schemaNullable && !initRequired && !isRequired && (usage & SchemaUsage.Request) != 0,
                Constraints: p.Loose ? null : _context.Constraints.Read(schema, type),
                AcceptsNull: p.Loose || schemaNullable || !RejectsNull(schema, 0),
                Loose: p.Loose));
        }
        return new EquatableArray<PropertySpec>(list.ToArray());
    }

    /// <summary>Whether the schema refuses null, as JSON Schema reads it: a type, enum or const without null (on itself or
    /// its $ref target), an allOf part that refuses it, or a oneOf/anyOf whose every member does; not when it says
    /// <c>nullable</c> or names no kind at all.</summary>
    private bool RejectsNull(YNode schema, int depth)
    {
        if (depth > 8) return false;
        if (schema.IsScalar) return schema.Value == "false";
        if (!schema.IsMapping || schema.Bool("nullable")) return false;
        if (schema.Str("$ref") is not null)
        {
            var target = _context.Resolver.Follow(schema);
            return target is not null && !ReferenceEquals(target, schema) && RejectsNull(target, depth + 1);
        }
        if (schema["type"] is { } type) return !(type.Value == "null" || (type.IsSequence && type.Items.Any(t => t.Value == "null")));
        if (schema["enum"] is { IsSequence: true } values) return !values.Items.Any(v => v.IsNull);
        if (schema["const"] is { } constant) return !constant.IsNull;
        if (schema["allOf"] is { IsSequence: true } parts && parts.Items.Any(p => RejectsNull(p, depth + 1))) return true;
        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (schema[key] is { IsSequence: true, Items.Count: > 0 } members && members.Items.All(p => RejectsNull(p, depth + 1))) return true;
        }
        return false;
    }

    /// <summary>The C# name a property wants: its JSON name cleaned (ATLAS013 and a fallback when nothing is left), never
    /// the owner's name or a fixed member's.</summary>
    private string PropertyName(RawProperty p, string owner, int index)
    {
        var clean = Naming.Clean(p.JsonName);
        if (clean.Length == 0)
        {
            var fallback = "Property" + Naming.Int(index);
            Diagnostics.Report(DiagnosticDescriptors.InvalidIdentifier, p.KeyNode, p.JsonName, fallback);
            clean = fallback;
        }
        if (clean == owner || ReservedNames.RecordMembers.Contains(clean)) clean += "Value";
        return clean;
    }
}
