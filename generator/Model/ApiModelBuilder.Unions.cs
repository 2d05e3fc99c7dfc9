using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Model.Building;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model;

// oneOf / anyOf without a discriminator, typed by what the schemas themselves say:
//  1. every member a string (enum or not): one open enum holding every member's values;
//  2. object members that one property tells apart (string enums with values per member): a discriminated union on
//     that property, exactly as if the spec had declared the discriminator;
//  3. object members that nothing tells apart: one record with every member's properties (each optional), ATLAS021.
// An inline union of objects (a property, an array's items, a map's values) is lifted to a named schema first, so
// every rule applies to it as to a component.
internal sealed partial class ApiModelBuilder
{
    /// <summary>Inline object unions lifted to named schemas: node start → synthetic schema name.</summary>
    private readonly Dictionary<int, string> _lifted = new();


    /// <summary>Start of every union node read as one record with every member's properties.</summary>
    private readonly HashSet<int> _superset = new();

    private static YNode? UnionList(YNode node) => node["oneOf"] ?? node["anyOf"];

    private static string UnionKeyword(YNode node) => node["oneOf"] is not null ? "oneOf" : "anyOf";

    /// <summary>The members of a union that are not the null schema (<c>{type: 'null'}</c> or <c>{nullable: true}</c>).</summary>
    private static List<YNode> NonNullMembers(YNode node)
        => UnionList(node) is { IsSequence: true } list ? list.Items.Where(i => !IsNullSchema(i)).ToList() : new List<YNode>();

    /// <summary>A union needing typing: oneOf/anyOf with two or more non-null members and no discriminator.</summary>
    private static bool IsUntypedUnion(YNode node)
        => node.IsMapping && node["discriminator"] is null && NonNullMembers(node).Count > 1;

    /// <summary>
    /// Rule 1: the values of a union whose every member is a string (an enum, a plain string, or such a union
    /// itself), in member order without repeats; null when some member is not a string.
    /// </summary>
    private List<string>? EnumUnionValues(YNode node, int depth = 0)
    {
        if (depth > 16 || !node.IsMapping || node["properties"] is not null) return null;
        var members = NonNullMembers(node);
        if (members.Count == 0) return null;
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            var target = _resolver.FollowSchema(m, out _);
            if (!target.IsMapping) return null;
            if (UnionList(target) is not null)
            {
                if (target["discriminator"] is not null) return null;
                var inner = EnumUnionValues(target, depth + 1);
                if (inner is null) return null;
                foreach (var v in inner) if (seen.Add(v)) values.Add(v);
                continue;
            }
            var type = target.Str("type");
            var isString = type == "string" || (type is null && target["enum"] is { IsSequence: true } && IsStringType(target));
            if (!isString || target["properties"] is not null) return null;
            if (target.Str("format") is "date-time" or "date" or "binary" or "byte") return null;
            foreach (var v in EnumValues(target)) if (seen.Add(v)) values.Add(v);
        }
        return values.Count == 0 ? null : values;
    }

    /// <summary>Enum values of a schema, a union of string schemas included.</summary>
    private IEnumerable<string> AllEnumValues(YNode node)
        => UnionList(node) is not null && EnumUnionValues(node) is { } union ? union : EnumValues(node);

    /// <summary>
    /// Inline unions of objects anywhere under a component (properties, items, additionalProperties, allOf) become
    /// named schemas <c>{Owner}{Property}</c> (<c>Item</c> / <c>Value</c> for array items and map values), before
    /// classification, so that they are classified, named and built like components.
    /// </summary>
    private void LiftInlineUnions()
    {
        var names = new HashSet<string>(_schemaOrder, StringComparer.OrdinalIgnoreCase);
        foreach (var name in _schemaOrder.ToArray())
        {
            var node = _schemas[name].Node;
            if (!node.IsMapping) continue;
            LiftUnder(node, Naming.Clean(name), names, 0, isRoot: true);
        }
        // Request and response bodies of operations: {Operation}Body, {Operation}Response.
        if (_root["paths"] is not { IsMapping: true } paths) return;
        foreach (var path in paths.Entries)
        {
            if (!path.Value.IsMapping) continue;
            foreach (var m in path.Value.Entries)
            {
                if (!IsHttpMethod(m.Key) || !m.Value.IsMapping) continue;
                var id = m.Value.Str(VendorExtensions.OperationIdOverride) ?? m.Value.Str("operationId");
                var owner = id is null ? "" : Naming.Clean(id);
                if (owner.Length == 0) continue;
                if (_resolver.Follow(m.Value["requestBody"])?["content"] is { IsMapping: true } body)
                {
                    foreach (var c in body.Entries) if (c.Value["schema"] is { } s) LiftUnder(s, owner, names, 0, false, "Body", KeyAt(c.Value, "schema"));
                }
                if (m.Value["responses"] is not { IsMapping: true } responses) continue;
                foreach (var r in responses.Entries)
                {
                    var isSuccess = IsSuccess(r.Key);
                    if (_resolver.Follow(r.Value)?["content"] is not { IsMapping: true } content) continue;
                    foreach (var c in content.Entries)
                    {
                        if (c.Value["schema"] is { } s) LiftUnder(s, owner, names, 0, false, isSuccess ? "Response" : "Error", KeyAt(c.Value, "schema"));
                    }
                }
            }
        }
    }

    private void LiftUnder(YNode node, string owner, HashSet<string> names, int depth, bool isRoot = false, string propName = "", YNode? keyNode = null)
    {
        if (depth > MaxInlineDepth || !node.IsMapping || node["$ref"] is not null) return;
        if (!isRoot && UnionList(node) is not null && NonNullMembers(node).Count > 1 && EnumUnionValues(node) is null && !_lifted.ContainsKey(node.Start))
        {
            var wanted = owner + (propName.Length > 0 ? propName : "Inline");
            var name = wanted;
            for (var i = 2; !names.Add(name); i++) name = wanted + Naming.Int(i);
            _lifted[node.Start] = name;
            _schemas[name] = new SchemaState(node, keyNode ?? node);
            _schemaOrder.Add(name);
            owner = name;
            propName = "";
        }
        if (node["properties"] is { IsMapping: true } props)
        {
            foreach (var e in props.Entries) LiftUnder(e.Value, owner, names, depth + 1, false, propName + Naming.Clean(e.Key), KeyNode(e));
        }
        if (node["items"] is { IsMapping: true } items) LiftUnder(items, owner, names, depth + 1, false, propName + "Item", KeyAt(node, "items"));
        if (node["additionalProperties"] is { IsMapping: true } ap) LiftUnder(ap, owner, names, depth + 1, false, propName + "Value", KeyAt(node, "additionalProperties"));
        if (node["allOf"] is { IsSequence: true } all)
        {
            foreach (var part in all.Items) LiftUnder(part, owner, names, depth + 1, false, propName, keyNode);
        }
    }


    /// <summary>After the first classification: unions without a discriminator get the first rule that applies.</summary>
    private void ClassifyUntypedUnions()
    {
        foreach (var name in _schemaOrder)
        {
            var node = _schemas[name].Node;
            if (_schemas[name].Class != SchemaClass.Alias || !IsUntypedUnion(node)) continue;
            if (EnumUnionValues(node) is not null)
            {
                _schemas[name].Class = SchemaClass.Enum;
                continue;
            }
            var members = NonNullMembers(node);
            var kinds = members.Select(KindOf).ToList();
            var objects = members.Where((m, i) => kinds[i] == JsonKind.Object).ToList();
            var records = ObjectComponents(objects);
            var allObjects = objects.Count == members.Count;
            var ownProperties = node["properties"] is not null;
            // 2a: objects told apart by a property's enum values (members that are records: each becomes a variant).
            if (allObjects && records is not null && records.All(m => _schemas[m].Class == SchemaClass.Record) && InferDiscriminator(records) is { } inferred)
            {
                _schemas[name].Inferred = inferred;
                _schemas[name].Class = SchemaClass.Union;
                continue;
            }
            // 2b / 2c: a required property only one object member has, and the JSON kind for the others.
            // Each non-object kind once, except numbers: an integer member and a (fractional) number member can be told apart.
            var scalarsApart = kinds.Where(k => k != JsonKind.Object).GroupBy(k => k).All(g => g.Count() == 1
                || (g.Key == JsonKind.Number && g.Count() == 2 && members.Where((m, i) => kinds[i] == JsonKind.Number).Count(IsIntegerMember) == 1));
            if (!ownProperties && kinds.All(k => k is not null) && scalarsApart
                && (objects.Count <= 1 ? new string?[objects.Count] : DecidingProperties(objects)) is { } deciding)
            {
                var list = new List<(YNode, JsonKind, string?)>();
                var o = 0;
                for (var i = 0; i < members.Count; i++) list.Add((members[i], kinds[i]!.Value, kinds[i] == JsonKind.Object ? deciding[o++] : null));
                _schemas[name].Choice = list;
                _schemas[name].Class = SchemaClass.Choice;
                continue;
            }
            // 3: objects nothing tells apart: one record with every member's properties.
            if (allObjects && records is not null)
            {
                _superset.Add(node.Start);
                _schemas[name].Class = SchemaClass.Record;
                _diagnostics.Hold(name, DiagnosticDescriptors.IndistinguishableUnion, KeyAt(node, UnionKeyword(node)),
                    UnionKeyword(node), name, string.Join(", ", records));
            }
        }
    }

    /// <summary>The component names of object members that are all records or unions, distinct; null otherwise.</summary>
    private List<string>? ObjectComponents(List<YNode> objects)
    {
        var names = new List<string>();
        foreach (var m in objects)
        {
            if (SchemaResolver.SchemaNameOf(m) is null) return null;
            _resolver.FollowSchema(m, out var c);
            if (c is null || !_schemas.TryGetValue(c, out var cs) || cs.Class is not (SchemaClass.Record or SchemaClass.Union) || names.Contains(c)) return null;
            names.Add(c);
        }
        return names.Count < 2 ? null : names;
    }

    /// <summary>The kind of JSON value a member reads, or null when it has none (any value, an untyped union).</summary>
    private JsonKind? KindOf(YNode member)
    {
        var t = _resolver.FollowSchema(member, out var component);
        if (!t.IsMapping) return null;
        if (component is not null && _schemas.TryGetValue(component, out var cs) && cs.Class is var cls)
        {
            if (cls is SchemaClass.Record or SchemaClass.Union or SchemaClass.Choice) return cls == SchemaClass.Choice ? null : JsonKind.Object;
            if (cls == SchemaClass.Enum) return JsonKind.String;
        }
        if (UnionList(t) is not null) return EnumUnionValues(t) is not null ? JsonKind.String : null;
        return FirstType(t) switch
        {
            "string" => JsonKind.String,
            "integer" or "number" => JsonKind.Number,
            "boolean" => JsonKind.Boolean,
            "array" => JsonKind.Array,
            "object" => JsonKind.Object,
            null when t["properties"] is not null || t["allOf"] is not null => JsonKind.Object,
            null when t["enum"] is not null && IsStringType(t) => JsonKind.String,
            null when t["items"] is not null => JsonKind.Array,
            _ => null,
        };
    }

    private bool IsIntegerMember(YNode member)
        => FirstType(_resolver.FollowSchema(member, out _)) == "integer";

    /// <summary>The schema's <c>type</c>; of a 3.1 type list, the first that is not <c>null</c>.</summary>
    private static string? FirstType(YNode t)
        => t.Str("type") ?? (t["type"] is { IsSequence: true } types ? types.Items.Select(x => x.Value).FirstOrDefault(x => x != "null") : null);

    /// <summary>
    /// Rule 2b: for each object member, a property it requires and no other member declares (its presence picks the
    /// member); at most one member may have none (read when no deciding property is present). Null when that fails.
    /// </summary>
    private string?[]? DecidingProperties(List<YNode> objects)
    {
        var declared = objects.Select(m => new HashSet<string>(CollectProperties(_resolver.FollowSchema(m, out _), null, null).Select(p => p.JsonName), StringComparer.Ordinal)).ToList();
        var result = new string?[objects.Count];
        var fallbacks = 0;
        for (var i = 0; i < objects.Count; i++)
        {
            var target = _resolver.FollowSchema(objects[i], out _);
            var required = RequiredNames(target);
            var own = CollectProperties(target, null, null).Select(p => p.JsonName).FirstOrDefault(p => required.Contains(p) && !declared.Where((_, j) => j != i).Any(d => d.Contains(p)));
            if (own is null) fallbacks++;
            result[i] = own;
        }
        return fallbacks > 1 ? null : result;
    }

    /// <summary>A choice: one nullable property per member, named after the member's type or JSON kind.</summary>
    private void BuildChoice(string schema)
    {
        var node = _schemas[schema].Node;
        var name = _schemas[schema].TypeName!;
        var taken = new HashSet<string>(StringComparer.Ordinal) { name, ReservedNames.ChoiceOther };
        var alternatives = new List<AlternativeSpec>();
        foreach (var (member, kind, deciding) in _schemas[schema].Choice!)
        {
            _resolver.FollowSchema(member, out var component);
            var wanted = component is not null && _schemas[component].TypeName is { } tn ? tn
                : kind == JsonKind.Number && IsIntegerMember(member) ? "Integer" : kind.ToString();
            var alt = wanted;
            for (var i = 2; !taken.Add(alt); i++) alt = wanted + Naming.Int(i);
            var type = TypeOf(member, name, alt, 0, Usage.None, out _);
            alternatives.Add(new AlternativeSpec(alt, type, kind, deciding, Describe(_resolver.FollowSchema(member, out _))));
        }
        var how = string.Join("; ", alternatives.Select(a => a.Kind == JsonKind.Object
            ? (a.Deciding is null ? "any other object is " + a.Name : "an object with '" + a.Deciding + "' is " + a.Name)
            : "a JSON " + a.Kind.ToString().ToLowerInvariant() + " is " + a.Name));
        var note = "One of several kinds of value, told apart by the JSON itself: " + how + ". Exactly one property is set; a value of no member is kept in " + ReservedNames.ChoiceOther + ".";
        var own = node.Str("description");
        _types.Add(NewType(TypeShape.Choice, name, own is null ? note : own + "\n\n" + note) with
        {
            Alternatives = new Infrastructure.EquatableArray<AlternativeSpec>(alternatives.ToArray()),
            Deprecated = node.Bool("deprecated"),
        });
    }

    /// <summary>
    /// Rule 2: a property every member declares as a string enum, whose values tell the members apart: disjoint, or
    /// shared only with one catch-all member ("any other event": it lists more values than any other member), which
    /// then keeps only the values no other member lists. Every member must keep at least one value. Among candidate properties, the one with the fewest shared
    /// values wins (ties: the first declared by the first member).
    /// </summary>
    private (string Property, List<KeyValuePair<string, string>> Mapping)? InferDiscriminator(List<string> members)
    {
        var props = members.Select(m => CollectProperties(_schemas[m].Node, m, null)).ToList();
        (string Property, List<KeyValuePair<string, string>> Mapping)? best = null;
        var bestShared = int.MaxValue;
        foreach (var candidate in props[0])
        {
            var sets = new List<List<string>>();
            foreach (var memberProps in props)
            {
                var p = memberProps.FirstOrDefault(x => x.JsonName == candidate.JsonName);
                if (p is null) { sets.Clear(); break; }
                var target = _resolver.FollowSchema(p.Schema, out _);
                var values = target.IsMapping && (target["enum"] is not null ? IsStringType(target) : UnionList(target) is not null)
                    ? AllEnumValues(target).ToList()
                    : new List<string>();
                if (values.Count == 0) { sets.Clear(); break; }
                sets.Add(values);
            }
            if (sets.Count != members.Count) continue;
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

    /// <summary>Rule 3: the properties of every member of a superset union, after the schema's own (first declaration wins).</summary>
    private void CollectSupersetMembers(YNode node, List<RawProperty> result, HashSet<string> visiting, string? skipBase, int depth)
    {
        foreach (var m in NonNullMembers(node))
        {
            var part = new List<RawProperty>();
            Collect(m, part, visiting, skipBase, depth + 1);
            foreach (var p in part)
            {
                if (result.FindIndex(x => x.JsonName == p.JsonName) < 0) result.Add(p);
            }
        }
    }

    /// <summary>The union's description; for an inferred discriminator, what tells the members apart and how.</summary>
    private string? UnionDescription(string schema, YNode node)
    {
        var own = node.Str("description");
        if (_schemas[schema].Inferred is not { } inferred) return own;
        var note = "The spec declares no discriminator: the members are told apart by the value of '" + inferred.Property
            + "', whose enum values differ per member (a value that a catch-all member shares with another belongs to the other). Any other value, or no such property, is read as the unknown variant, raw JSON kept.";
        return own is null ? note : own + "\n\n" + note;
    }

    /// <summary>A record's description; for a union read as one record (rule 3), why and what it holds.</summary>
    private string? RecordDescription(YNode node)
    {
        var own = node.Str("description");
        if (!_superset.Contains(node.Start)) return own;
        var members = string.Join(", ", NonNullMembers(node).Select(m => SchemaResolver.SchemaNameOf(m) ?? "an inline schema"));
        var note = "One of " + members + ", which nothing in the JSON tells apart (ATLAS021): this record holds every member's properties, each optional (the first member declaring one gives its type); any other property is kept in AdditionalProperties.";
        return own is null ? note : own + "\n\n" + note;
    }
}
