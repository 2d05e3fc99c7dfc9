using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// Types every union. One with a declared discriminator gets its variants from the mapping and the members. One
/// without (oneOf / anyOf alone) is typed by what the schemas themselves say, by the first rule that applies:
/// <list type="number">
/// <item>every member a string (enum or not): one open enum holding every member's values;</item>
/// <item>object members that one property tells apart (string enums with values per member): a discriminated union on
/// that property, exactly as if the spec had declared the discriminator (2a); members of different JSON kinds, objects
/// told apart by a property only one requires: a choice (2b, 2c); beside members of other kinds, several objects that
/// nothing tells apart are tried in turn (2d); a member that is itself a choice reads the kinds no earlier member reads;</item>
/// <item>object members that nothing tells apart: one record with every member's properties (each optional), ATLAS021.</item>
/// </list>
/// An inline union of objects was lifted to a named schema by <see cref="SchemaClassifier"/>, so every rule applies to
/// it as to a component.
/// </summary>
internal sealed class UnionClassifier
{
    private readonly ModelContext _context;
    private readonly SchemaShapes _shapes;
    private readonly PropertyCollector _properties;

    public UnionClassifier(ModelContext context, SchemaShapes shapes, PropertyCollector properties)
    {
        _context = context;
        _shapes = shapes;
        _properties = properties;
    }

    private SchemaCatalog Schemas => _context.Schemas;

    /// <summary>After the first classification: unions without a discriminator get the first rule that applies.</summary>
    public void ClassifyUntypedUnions()
    {
        // Until nothing changes: a union whose member is another untyped union is typed once that member is.
        bool changed;
        do
        {
            changed = false;
            foreach (var name in Schemas.Names)
            {
                if (Schemas[name].Class == SchemaClass.Alias && SchemaShapes.IsUntypedUnion(Schemas[name].Node) && Classify(name)) changed = true;
            }
        }
        while (changed);
    }

    /// <summary>Types one union without a discriminator by the first rule that applies; false when none does (yet).</summary>
    private bool Classify(string name)
    {
        var node = Schemas[name].Node;
        {
            if (_shapes.EnumUnionValues(node) is not null)
            {
                Schemas[name].Class = SchemaClass.Enum;
                return true;
            }
            var members = SchemaShapes.NonNullMembers(node);
            var kinds = members.Select(KindOf).ToList();
            // A member that is itself a choice reads several kinds: it is one member here when no other member reads any of them.
            var several = members.Select(SeveralKinds).ToList();
            DropRepeatedScalarKinds(members, kinds, several);
            ShareKindsWithChoices(members, kinds, several);
            var objects = members.Where((m, i) => kinds[i] == JsonKind.Object).ToList();
            var records = ObjectComponents(objects);
            var allObjects = objects.Count == members.Count;
            var ownProperties = node["properties"] is not null;
            // 2a: objects told apart by a property's enum values (members that are records: each becomes a variant).
            if (allObjects && records is not null && records.All(m => Schemas[m].Class == SchemaClass.Record) && InferDiscriminator(records) is { } inferred)
            {
                Schemas[name].Inferred = inferred;
                Schemas[name].Class = SchemaClass.Union;
                return true;
            }
            // 2b / 2c: a required property only one object member has, and the JSON kind for the others.
            // Each non-object kind once, except numbers: an integer member and a (fractional) number member can be told apart.
            var scalarsApart = kinds.Where(k => k != JsonKind.Object).GroupBy(k => k).All(g => g.Count() == 1
                || (g.Key == JsonKind.Number && g.Count() == 2 && members.Where((m, i) => kinds[i] == JsonKind.Number).Count(_shapes.IsIntegerMember) == 1));
            // Several object members without one (2d, beside members of other kinds): each declares and requires
            // properties; an object is read as the first of them, in the order those rank them, that reads and validates.
            var deciding = objects.Count <= 1 ? new string?[objects.Count] : DecidingProperties(objects);
            var undecided = deciding.Count(d => d is null);
            var claimed = kinds.Where(k => k is not null).Select(k => k!.Value).ToList();
            var severalApart = several.Where(k => k is not null).SelectMany(k => k!).GroupBy(k => k).All(g => g.Count() == 1 && !claimed.Contains(g.Key));
            if (!ownProperties && kinds.Select((k, i) => k is not null || several[i] is not null).All(x => x) && scalarsApart && severalApart
                && !(allObjects && undecided > 1))
            {
                var list = new List<ChoiceMember>();
                var o = 0;
                for (var i = 0; i < members.Count; i++)
                {
                    var d = kinds[i] == JsonKind.Object ? deciding[o++] : null;
                    var (declared, required) = kinds[i] == JsonKind.Object && d is null && undecided > 1 ? Shape(members[i]) : (null, null);
                    list.Add(new ChoiceMember(members[i], kinds[i] is { } k ? new[] { k } : several[i]!, d, declared, required));
                }
                Schemas[name].Choice = list;
                Schemas[name].Class = SchemaClass.Choice;
                return true;
            }
            // 3: objects nothing tells apart (components or inline objects): one record with every member's properties.
            if (allObjects)
            {
                Schemas.MarkSuperset(node);
                Schemas[name].Class = SchemaClass.Record;
                var keyword = SchemaShapes.UnionKeyword(node);
                var names = records ?? members.Select(m => SchemaResolver.SchemaNameOf(m) ?? m.Str("title") ?? "an inline object").ToList();
                _context.Diagnostics.Hold(name, DiagnosticDescriptors.IndistinguishableUnion, node.KeyOf(keyword), keyword, name, string.Join(", ", names));
                return true;
            }
            return false;
        }
    }

    /// <summary>
    /// A member that is itself a choice reads each of its kinds that no earlier member reads; a later member of a kind it
    /// reads is dropped (its values are that choice's), as is a choice member left with no kind of its own.
    /// </summary>
    private static void ShareKindsWithChoices(List<YNode> members, List<JsonKind?> kinds, List<JsonKind[]?> several)
    {
        if (several.All(k => k is null)) return;
        var claimed = new HashSet<JsonKind>();
        var byChoice = new HashSet<JsonKind>();
        for (var i = 0; i < members.Count; i++)
        {
            if (several[i] is { } mine)
            {
                var own = mine.Where(k => !claimed.Contains(k)).ToArray();
                if (own.Length > 0)
                {
                    several[i] = own;
                    claimed.UnionWith(own);
                    byChoice.UnionWith(own);
                    continue;
                }
            }
            else if (kinds[i] is { } kind && !byChoice.Contains(kind))
            {
                claimed.Add(kind);
                continue;
            }
            else if (kinds[i] is null) continue;
            members.RemoveAt(i);
            kinds.RemoveAt(i);
            several.RemoveAt(i);
            i--;
        }
    }

    /// <summary>The JSON kinds a member that is a choice reads (each of its members'); null for any other member.</summary>
    private JsonKind[]? SeveralKinds(YNode member)
    {
        _context.Resolver.FollowSchema(member, out var component);
        if (component is null || !Schemas.TryGet(component, out var cs) || cs.Class != SchemaClass.Choice || cs.Choice is null) return null;
        return cs.Choice.SelectMany(c => c.Kinds).Distinct().ToArray();
    }

    /// <summary>
    /// Members of one scalar kind that nothing in the JSON tells apart (a string and a nullable string, two numbers, two
    /// arrays): the first stands for them all, so the union is still a choice of kinds; a value only a later one would
    /// read (a plain string where the first wants a date) is kept raw in the choice's Other. An integer member and a
    /// fractional number member are told apart, so both stay.
    /// </summary>
    private void DropRepeatedScalarKinds(List<YNode> members, List<JsonKind?> kinds, List<JsonKind[]?> several)
    {
        for (var i = members.Count - 1; i > 0; i--)
        {
            if (kinds[i] is not { } kind || kind == JsonKind.Object) continue;
            var integer = kind == JsonKind.Number && _shapes.IsIntegerMember(members[i]);
            var earlier = Enumerable.Range(0, i).Any(j => kinds[j] == kind && (kind != JsonKind.Number || _shapes.IsIntegerMember(members[j]) == integer));
            if (!earlier) continue;
            members.RemoveAt(i);
            kinds.RemoveAt(i);
            several.RemoveAt(i);
        }
    }

    /// <summary>
    /// Each union's discriminator and variants: the declared mapping, then every member reference; a variant that is
    /// no object schema is dropped (ATLAS006). Each variant then derives from one union (the first that lists it).
    /// </summary>
    public void ResolveVariants()
    {
        foreach (var name in Schemas.Names)
        {
            if (Schemas[name].Class != SchemaClass.Union) continue;
            Schemas[name].Union = Variants(name);
        }

        // Each variant derives from one union.
        foreach (var name in Schemas.Names)
        {
            if (Schemas[name].Union is not { } info) continue;
            for (var i = info.Variants.Count - 1; i >= 0; i--)
            {
                var (value, variant) = (info.Variants[i].Key, info.Variants[i].Value);
                var at = Schemas[name].Node.KeyOf("discriminator");
                if (variant == name || Schemas[variant].Class != SchemaClass.Record)
                {
                    _context.Diagnostics.Hold(name, DiagnosticDescriptors.UnsupportedConstruct, at,
                        "Discriminator value '" + value + "' of '" + name + "' maps to '" + variant + "', which is not an object schema",
                        "the unknown variant for that value");
                    info.Variants.RemoveAt(i);
                }
            }
            foreach (var kv in info.Variants.ToArray())
            {
                // A schema that is a variant of several unions derives from the first; the others get a
                // synthesized twin ({Union}{Variant}) that derives from them (C# has single inheritance).
                if (Schemas[kv.Value].BaseOf is { } other && other != name) continue;
                Schemas[kv.Value].BaseOf = name;
            }
        }
    }

    /// <summary>The discriminator and variants of one union; null when it has no property name (it is then a record).</summary>
    private UnionInfo? Variants(string name)
    {
        var node = Schemas[name].Node;
        var diagnostics = _context.Diagnostics;
        if (Schemas[name].Inferred is { } inferred)
        {
            var byInference = new UnionInfo(inferred.Property);
            byInference.Variants.AddRange(inferred.Mapping);
            return byInference;
        }
        var disc = node["discriminator"]!;
        var prop = disc.Str("propertyName");
        if (prop is null)
        {
            diagnostics.Hold(name, DiagnosticDescriptors.InvalidSchema, node.KeyOf("discriminator"), "discriminator of '" + name + "' has no propertyName",
                "a record without polymorphism");
            Schemas[name].Class = SchemaClass.Record;
            return null;
        }
        var info = new UnionInfo(prop);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var mapping = disc["mapping"];
        if (mapping is { IsMapping: true })
        {
            foreach (var e in mapping.Entries)
            {
                var target = e.Value.Value ?? "";
                var schema = SchemaResolver.SchemaName(target) ?? target;
                if (!Schemas.Contains(schema))
                {
                    diagnostics.Hold(name, DiagnosticDescriptors.DiscriminatorMappingMissing, e.Value, e.Key, name, target);
                    continue;
                }
                info.Variants.Add(new KeyValuePair<string, string>(e.Key, schema));
                seen.Add(schema);
            }
        }
        foreach (var list in new[] { node["oneOf"], node["anyOf"] })
        {
            if (list is not { IsSequence: true }) continue;
            foreach (var item in list.Items)
            {
                var r = item.Str("$ref");
                if (r is null || SchemaResolver.SchemaName(r) is not { } schema) continue;
                if (!Schemas.Contains(schema))
                {
                    diagnostics.Hold(name, DiagnosticDescriptors.UnresolvedRef, item["$ref"]!, r, "no variant");
                    continue;
                }
                if (seen.Add(schema)) info.Variants.Add(new KeyValuePair<string, string>(schema, schema));
            }
        }
        return info;
    }

    /// <summary>The component names of object members that are all records or unions, distinct; null otherwise.</summary>
    private List<string>? ObjectComponents(List<YNode> objects)
    {
        var names = new List<string>();
        foreach (var m in objects)
        {
            if (SchemaResolver.SchemaNameOf(m) is null) return null;
            _context.Resolver.FollowSchema(m, out var c);
            if (c is null || !Schemas.TryGet(c, out var cs) || cs.Class is not (SchemaClass.Record or SchemaClass.Union) || names.Contains(c)) return null;
            names.Add(c);
        }
        return names.Count < 2 ? null : names;
    }

    /// <summary>The kind of JSON value a member reads, or null when it has none (any value, an untyped union).</summary>
    private JsonKind? KindOf(YNode member)
    {
        var t = _context.Resolver.FollowSchema(member, out var component);
        if (!t.IsMapping) return null;
        if (component is not null && Schemas.TryGet(component, out var cs) && cs.Class is var cls)
        {
            if (cls is SchemaClass.Record or SchemaClass.Union or SchemaClass.Choice) return cls == SchemaClass.Choice ? null : JsonKind.Object;
            if (cls == SchemaClass.Enum) return JsonKind.String;
        }
        if (SchemaShapes.UnionList(t) is not null) return _shapes.EnumUnionValues(t) is not null ? JsonKind.String : null;
        return SchemaShapes.FirstType(t) switch
        {
            "string" => JsonKind.String,
            "integer" or "number" => JsonKind.Number,
            "boolean" => JsonKind.Boolean,
            "array" => JsonKind.Array,
            "object" => JsonKind.Object,
            null when t["properties"] is not null || t["allOf"] is not null => JsonKind.Object,
            null when t["enum"] is not null && SchemaShapes.IsStringType(t) => JsonKind.String,
            null when t["items"] is not null => JsonKind.Array,
            _ => null,
        };
    }

    /// <summary>
    /// Rule 2b: for each object member, a property it requires and no other member declares (its presence picks the
    /// member); null for a member that has none.
    /// </summary>
    private (string[] Declared, string[] Required) Shape(YNode member)
    {
        var target = _context.Resolver.FollowSchema(member, out _);
        var required = _properties.RequiredNames(target);
        return (_properties.Collect(target, null, null).Select(p => p.JsonName).Distinct(StringComparer.Ordinal).ToArray(),
            required.OrderBy(r => r, StringComparer.Ordinal).ToArray());
    }

    private string?[] DecidingProperties(List<YNode> objects)
    {
        var resolver = _context.Resolver;
        var declared = objects.Select(m => new HashSet<string>(_properties.Collect(resolver.FollowSchema(m, out _), null, null).Select(p => p.JsonName),
            StringComparer.Ordinal)).ToList();
        var result = new string?[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            var target = resolver.FollowSchema(objects[i], out _);
            var required = _properties.RequiredNames(target);
            var own = _properties.Collect(target, null, null).Select(p => p.JsonName)
                .FirstOrDefault(p => required.Contains(p) && !declared.Where((_, j) => j != i).Any(d => d.Contains(p)));
            result[i] = own;
        }
        return result;
    }

    /// <summary>
    /// Rule 2a: a property every member declares as a string enum, whose values tell the members apart: disjoint, or
    /// shared only with one catch-all member ("any other event": it lists more values than any other member), which
    /// then keeps only the values no other member lists. Every member must keep at least one value. Among candidate
    /// properties, the one with the fewest shared values wins (ties: the first declared by the first member).
    /// </summary>
    private (string Property, List<KeyValuePair<string, string>> Mapping)? InferDiscriminator(List<string> members)
    {
        var props = members.Select(m => _properties.Collect(Schemas[m].Node, m, null)).ToList();
        (string Property, List<KeyValuePair<string, string>> Mapping)? best = null;
        var bestShared = int.MaxValue;
        foreach (var candidate in props[0])
        {
            var sets = ValueSets(candidate.JsonName, props);
            if (sets is null) continue;
            // Value → the members listing it. Shared values are allowed only with one catch-all member: every shared
            // value is listed by exactly two members, one of them always the same; it goes to the other one.
            var owners = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var order = new List<string>();
            for (var i = 0; i < sets.Count; i++)
            {
                foreach (var v in sets[i])
                {
                    if (!owners.TryGetValue(v, out var list)) { owners[v] = list = new List<int>(); order.Add(v); }
                    if (!list.Contains(i)) list.Add(i);
                }
            }
            var sharedValues = owners.Where(o => o.Value.Count > 1).ToList();
            var shared = sharedValues.Count;
            var catchAll = -1;
            var valid = sharedValues.All(o => o.Value.Count == 2);
            if (valid && shared > 0)
            {
                var common = sharedValues.Select(o => (IEnumerable<int>)o.Value).Aggregate((x, y) => x.Intersect(y)).ToList();
                // The catch-all lists every shared value and more values than any other member.
                catchAll = common.Count == 0 ? -1 : common.OrderByDescending(i => sets[i].Count).ThenBy(i => i).First();
                if (catchAll < 0 || Enumerable.Range(0, sets.Count).Any(i => i != catchAll && sets[i].Count >= sets[catchAll].Count)) valid = false;
            }
            if (!valid) continue;
            var assigned = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var o in owners) assigned[o.Key] = o.Value.Count == 1 ? o.Value[0] : o.Value.First(i => i != catchAll);
            var kept = new int[sets.Count];
            foreach (var o in assigned.Values) kept[o]++;
            if (kept.Any(k => k == 0) || shared >= bestShared) continue;
            bestShared = shared;
            var mapping = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < sets.Count; i++)
            {
                foreach (var v in order) if (assigned[v] == i) mapping.Add(new KeyValuePair<string, string>(v, members[i]));
            }
            best = (candidate.JsonName, mapping);
            if (shared == 0) break;
        }
        return best;
    }

    /// <summary>Per member, the string enum values of its property <paramref name="jsonName"/>; null when some member
    /// lacks it or it lists none.</summary>
    private List<List<string>>? ValueSets(string jsonName, List<List<RawProperty>> props)
    {
        var sets = new List<List<string>>();
        foreach (var memberProps in props)
        {
            var p = memberProps.FirstOrDefault(x => x.JsonName == jsonName);
            if (p is null) return null;
            var target = _context.Resolver.FollowSchema(p.Schema, out _);
            var values = target.IsMapping && (target["enum"] is not null ? SchemaShapes.IsStringType(target) : SchemaShapes.UnionList(target) is not null)
                ? _shapes.AllEnumValues(target).ToList()
                : new List<string>();
            if (values.Count == 0) return null;
            sets.Add(values);
        }
        return sets;
    }
}
