using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// The generated type of each named schema, once classified, selected and named: a record, a union with its variants
/// (a variant of several unions gets a twin per further union), a choice, an open enum.
/// </summary>
internal sealed class NamedTypeBuilder
{
    private readonly ModelContext _context;
    private readonly SchemaShapes _shapes;
    private readonly PropertyCollector _collector;
    private readonly TypeMapper _mapper;
    // Variant and union → the JSON names of the union's properties the variant redeclares with another schema.
    private readonly Dictionary<string, HashSet<string>> _shadowed = new(StringComparer.Ordinal);

    public NamedTypeBuilder(ModelContext context, SchemaShapes shapes, PropertyCollector collector, TypeMapper mapper)
    {
        _context = context;
        _shapes = shapes;
        _collector = collector;
        _mapper = mapper;
    }

    private SchemaCatalog Schemas => _context.Schemas;

    /// <summary>Adds the type (or types: a union's twins) of the named schema <paramref name="schema"/>.</summary>
    public void Build(string schema)
    {
        var state = Schemas[schema];
        switch (state.Class)
        {
            case SchemaClass.Enum:
                _context.Types.Add(Enum(state.TypeName!, _shapes.AllEnumValues(state.Node).ToArray(), state.Node.Str("description")));
                break;
            case SchemaClass.Union:
                BuildUnion(schema);
                break;
            case SchemaClass.Record:
                BuildRecord(schema);
                break;
            case SchemaClass.Choice:
                BuildChoice(schema);
                break;
        }
    }

    /// <summary>An open enum of <paramref name="values"/>, each member named after its value.</summary>
    public TypeSpec Enum(string name, string[] values, string? description)
    {
        var members = new List<EnumMemberSpec>();
        // Members of the generated struct that a value must not be named like.
        var taken = new HashSet<string>(ReservedNames.EnumMembers, StringComparer.Ordinal) { name };
        foreach (var v in values) members.Add(new EnumMemberSpec(MemberName(v, taken), v));
        return _context.NewType(TypeShape.Enum, name, description) with { EnumMembers = new EquatableArray<EnumMemberSpec>(members.ToArray()) };
    }

    private static string MemberName(string value, HashSet<string> taken)
    {
        var n = Naming.Pascal(value);
        if (n.Length == 0) n = "Value";
        var candidate = n;
        for (var i = 2; !taken.Add(candidate); i++) candidate = n + Naming.Int(i);
        return candidate;
    }

    private void BuildRecord(string schema)
    {
        if (Schemas[schema].BaseOf is { } baseSchema && Schemas[baseSchema].Class == SchemaClass.Union)
        {
            BuildVariant(schema, baseSchema);
            return;
        }
        var node = Schemas[schema].Node;
        var name = Schemas[schema].TypeName!;
        var required = _collector.RequiredNames(node);
        var props = _mapper.Properties(name, _collector.Collect(node, schema, null), Schemas.UsageOf(schema), required);
        _context.Types.Add(_context.NewType(TypeShape.Record, name, RecordDescription(node)) with
        {
            Properties = props,
            ExtrasSchema = _context.Constraints.Extras(node, props, required),
            Deprecated = node.Bool("deprecated"),
        });
    }

    private EquatableArray<PropertySpec> UnionProperties(string schema, DiscriminatorSpec disc)
    {
        var node = Schemas[schema].Node;
        var raw = _collector.Collect(node, schema, null);
        return _mapper.Properties(Schemas[schema].TypeName!, raw, Schemas.UsageOf(schema), _collector.RequiredNames(node), disc.JsonName, disc.PropertyName,
            loosened: ShadowedInUnion(schema, disc.JsonName));
    }

    private void BuildUnion(string schema)
    {
        var node = Schemas[schema].Node;
        var name = Schemas[schema].TypeName!;
        var info = Schemas[schema].Union!;
        var disc = Discriminator(schema, info);
        var props = UnionProperties(schema, disc);
        var variants = new List<VariantSpec>();
        var twins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in info.Variants)
        {
            var typeName = Schemas[v.Value].TypeName!;
            if (Schemas[v.Value].BaseOf is { } primary && primary != schema)
            {
                if (!twins.TryGetValue(v.Value, out var twin))
                {
                    twin = _context.Namer.Take(name + typeName, "the variant " + v.Value + " of " + schema, null);
                    twins[v.Value] = twin;
                }
                typeName = twin;
            }
            // The union's converter delegates to the variant's own: it needs the type and value only (computing the
            // variant's properties here would materialize its inline types a second time).
            variants.Add(new VariantSpec(typeName, v.Key));
        }
        var unknown = _context.Namer.Take(ReservedNames.UnknownPrefix + name, "the unknown variant of " + schema, node);
        var rawJsonName = props.Any(p => p.Name == ReservedNames.RawJson) ? ReservedNames.RawJson + "Value" : ReservedNames.RawJson;
        _context.Types.Add(_context.NewType(TypeShape.Union, name, UnionDescription(schema, node)) with
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
        var node = Schemas[schema].Node;
        var name = twinName ?? Schemas[schema].TypeName!;
        var info = Schemas[baseSchema].Union!;
        var disc = Discriminator(baseSchema, info);
        var baseProps = UnionProperties(baseSchema, disc);
        var baseNames = new HashSet<string>(baseProps.Select(p => p.JsonName), StringComparer.Ordinal) { disc.JsonName };
        var own = VariantProperties(schema, baseSchema, baseNames, baseProps, disc);
        var values = info.Variants.Where(v => v.Value == schema).Select(v => v.Key).ToArray();

        var declares = _collector.Collect(node, schema, null).Any(p => p.JsonName == disc.JsonName)
            || (RefersTo(node, baseSchema) && _collector.Collect(Schemas[baseSchema].Node, baseSchema, null).Any(p => p.JsonName == disc.JsonName));
        if (!declares)
        {
            _context.Diagnostics.Report(DiagnosticDescriptors.DiscriminatorPropertyMissing, Schemas[schema].Key, schema, baseSchema, disc.JsonName);
        }

        _context.Types.Add(_context.NewType(TypeShape.Record, name, node.Str("description")) with
        {
            Properties = own,
            BaseName = Schemas[baseSchema].TypeName!,
            VariantValue = values[0],
            VariantValues = values.Length > 1 ? new EquatableArray<string>(values) : EquatableArray<string>.Empty,
            Discriminator = disc,
            BaseProperties = baseProps,
            Deprecated = node.Bool("deprecated"),
        });
    }

    private EquatableArray<PropertySpec> VariantProperties(string variant, string baseSchema, HashSet<string> baseNames,
        EquatableArray<PropertySpec> baseProps, DiscriminatorSpec disc)
    {
        // A property the variant redeclares with another type (a narrower schema) gets a slot of its own: same C# name, `new`.
        var shadowed = ShadowedBy(variant, baseSchema, disc.JsonName);
        var raw = _collector.Collect(Schemas[variant].Node, variant, baseSchema)
            .Where(p => !baseNames.Contains(p.JsonName) || shadowed.Contains(p.JsonName)).ToList();
        var reserved = new HashSet<string>(baseProps.Where(p => !shadowed.Contains(p.JsonName)).Select(p => p.Name), StringComparer.Ordinal)
        {
            disc.PropertyName,
        };
        reserved.UnionWith(ReservedNames.VariantMembers);
        var shadow = baseProps.Where(p => shadowed.Contains(p.JsonName)).ToDictionary(p => p.JsonName, p => p.Name, StringComparer.Ordinal);
        return _mapper.Properties(Schemas[variant].TypeName!, raw, Schemas.UsageOf(variant), _collector.RequiredNames(Schemas[variant].Node),
            reserved: reserved, shadow: shadow);
    }

    /// <summary>JSON names of the union's properties that <paramref name="variant"/> redeclares with a different schema.</summary>
    private HashSet<string> ShadowedBy(string variant, string baseSchema, string discriminator)
    {
        var key = variant + "\u0000" + baseSchema;
        if (_shadowed.TryGetValue(key, out var cached)) return cached;
        var set = new HashSet<string>(StringComparer.Ordinal);
        _shadowed[key] = set;
        var inherited = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var p in _collector.Collect(Schemas[baseSchema].Node, baseSchema, null)) inherited[p.JsonName] = p.Schema;
        foreach (var p in _collector.Collect(Schemas[variant].Node, variant, baseSchema))
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
        if (Schemas[baseSchema].Union is not { } info) return set;
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

    private static bool RefersTo(YNode node, string schema)
        => node["allOf"] is { IsSequence: true } all && all.Items.Any(i => i.Str("$ref") == SchemaResolver.SchemaPrefix + schema);

    /// <summary>The union's discriminator: its property (declared by the union, else by the first variant declaring it), a string.</summary>
    private DiscriminatorSpec Discriminator(string schema, UnionInfo info)
    {
        var name = Schemas[schema].TypeName!;
        var raw = _collector.Collect(Schemas[schema].Node, schema, null).FirstOrDefault(p => p.JsonName == info.Discriminator);
        if (raw is null)
        {
            // Declared only by the variants: take the first declaration.
            foreach (var v in info.Variants)
            {
                raw = _collector.Collect(Schemas[v.Value].Node, v.Value, schema).FirstOrDefault(p => p.JsonName == info.Discriminator);
                if (raw is not null) break;
            }
        }
        var type = raw is null
            ? TypeMapper.Primitive(ValueKind.String)
            : _mapper.TypeOf(raw.Schema, name, Naming.Clean(info.Discriminator), 0, SchemaUsage.None, out _);
        if (type.Kind is not (ValueKind.String or ValueKind.Enum))
        {
            if (raw is not null)
            {
                _context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedConstruct, raw.Schema, "A discriminator property that is not a string",
                    "a string discriminator");
            }
            type = TypeMapper.Primitive(ValueKind.String);
        }
        var property = Naming.Clean(info.Discriminator);
        // The variants declare the property too: none may be named like it (CS0542).
        if (property.Length == 0 || property == name || ReservedNames.RecordMembers.Contains(property)
            || info.Variants.Any(v => Schemas[v.Value].TypeName == property))
        {
            property += "Value";
        }
        return new DiscriminatorSpec(info.Discriminator, property, type, raw?.Schema.Str("description"), Inferred: Schemas[schema].Inferred is not null);
    }

    /// <summary>A choice: one nullable property per member, named after the member's type or JSON kind.</summary>
    private void BuildChoice(string schema)
    {
        var node = Schemas[schema].Node;
        var name = Schemas[schema].TypeName!;
        var taken = new HashSet<string>(StringComparer.Ordinal)
        {
            name, ReservedNames.ChoiceOther, ReservedNames.TriedDeclared, ReservedNames.TriedRequired, ReservedNames.OneOfMatches,
        };
        var alternatives = new List<AlternativeSpec>();
        foreach (var (member, kinds, deciding, declared, required) in Schemas[schema].Choice!)
        {
            var kind = kinds[0];
            var target = _context.Resolver.FollowSchema(member, out var component);
            var wanted = component is not null && Schemas[component].TypeName is { } tn ? tn
                : kind == JsonKind.Number && _shapes.IsIntegerMember(member) ? "Integer" : kind.ToString();
            var alt = wanted;
            for (var i = 2; !taken.Add(alt); i++) alt = wanted + Naming.Int(i);
            var type = _mapper.TypeOf(member, name, alt, 0, SchemaUsage.None, out _);
            alternatives.Add(new AlternativeSpec(alt, type, kind, deciding, target.Str("description"))
            {
                Declared = declared is null ? EquatableArray<string>.Empty : new EquatableArray<string>(declared),
                Required = required is null ? EquatableArray<string>.Empty : new EquatableArray<string>(required),
                IsTried = declared is not null,
                SeveralKinds = kinds.Length > 1 ? kinds.Aggregate(0, (mask, k) => mask | (1 << (int)k)) : 0,
            });
        }
        var tried = alternatives.Where(a => a.IsTried).Select(a => a.Name).ToList();
        var how = string.Join("; ", alternatives.Where(a => !a.IsTried).Select(a => a.Kind == JsonKind.Object && a.SeveralKinds == 0
            ? (a.Deciding is null ? "any other object is " + a.Name : "an object with '" + a.Deciding + "' is " + a.Name)
            : "a JSON " + string.Join(" or ", a.AllKinds().Select(k => k.ToString().ToLowerInvariant())) + " is " + a.Name)
            .Concat(tried.Count == 0 ? Enumerable.Empty<string>() : new[] { "any other object is the first of " + string.Join(", ", tried)
                + " that it reads and validates as, tried first where its required properties are present and it has most of their properties" }));
        var note = "One of several kinds of value, told apart by the JSON itself: " + how + ". Exactly one property is set; a value of no member is kept in "
            + ReservedNames.ChoiceOther + ".";
        var own = node.Str("description");
        var exactlyOne = node["oneOf"] is not null && alternatives.Count(a => a.Deciding is not null) is > 1 and <= 31;
        _context.Types.Add(_context.NewType(TypeShape.Choice, name, own is null ? note : own + "\n\n" + note) with
        {
            Alternatives = new EquatableArray<AlternativeSpec>(alternatives.ToArray()),
            ExactlyOne = exactlyOne,
            ReportsOther = exactlyOne && SchemaShapes.NonNullMembers(node).Count == alternatives.Count
                && alternatives.All(a => a.Type.Kind is not (ValueKind.DateTimeOffset or ValueKind.Int32 or ValueKind.Json)),
            Deprecated = node.Bool("deprecated"),
        });
    }

    /// <summary>The union's description; for an inferred discriminator, what tells the members apart and how.</summary>
    private string? UnionDescription(string schema, YNode node)
    {
        var own = node.Str("description");
        if (Schemas[schema].Inferred is not { } inferred) return own;
        var note = "The spec declares no discriminator: the members are told apart by the value of '" + inferred.Property
            + "', whose enum values differ per member (a value that a catch-all member shares with another belongs to the other). Any other value, "
            + "or no such property, is read as the unknown variant, raw JSON kept.";
        return own is null ? note : own + "\n\n" + note;
    }

    /// <summary>A record's description; for a union read as one record (rule 3), why and what it holds.</summary>
    private string? RecordDescription(YNode node)
    {
        var own = node.Str("description");
        if (!Schemas.IsSuperset(node)) return own;
        var members = string.Join(", ", SchemaShapes.NonNullMembers(node).Select(m => SchemaResolver.SchemaNameOf(m) ?? "an inline schema"));
        var note = "One of " + members + ", which nothing in the JSON tells apart (ATLAS021): this record holds every member's properties, each optional "
            + "(the first member declaring one gives its type); any other property is kept in AdditionalProperties.";
        return own is null ? note : own + "\n\n" + note;
    }
}
