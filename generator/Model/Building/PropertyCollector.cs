using System;
using System.Collections.Generic;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>A property as a schema declares it, before it is typed and named.</summary>
internal sealed class RawProperty
{
    public RawProperty(string jsonName, YNode schema, YNode keyNode)
    {
        JsonName = jsonName;
        Schema = schema;
        KeyNode = keyNode;
    }

    public string JsonName { get; }

    public YNode Schema { get; set; }

    /// <summary>Several members of a superset union declare it with different schemas: any of them may hold, so the
    /// value's own constraints are not checked (see <see cref="PropertySpec.Loose"/>).</summary>
    public bool Loose { get; set; }

    public YNode KeyNode { get; set; }
}

/// <summary>
/// The properties and required names a schema carries: its own, those of its <c>allOf</c> parts (flattened), and for a
/// union read as one record (rule 3 of <see cref="UnionClassifier"/>) those of every member.
/// </summary>
internal sealed class PropertyCollector
{
    private readonly ModelContext _context;

    public PropertyCollector(ModelContext context) => _context = context;

    /// <summary>
    /// The properties a schema carries: its own, those of allOf parts (flattened), never those of
    /// <paramref name="skipBase"/> (inherited instead). Later declarations of a name replace earlier ones in place.
    /// </summary>
    public List<RawProperty> Collect(YNode node, string? self, string? skipBase)
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
        var diagnostics = _context.Diagnostics;
        if (depth > ModelContext.MaxInlineDepth)
        {
            diagnostics.Report(DiagnosticDescriptors.TooDeeplyNested, node, Naming.Int(ModelContext.MaxInlineDepth));
            return;
        }
        var r = node.Str("$ref");
        if (r is not null)
        {
            if (SchemaResolver.SchemaName(r) is { } name)
            {
                if (name == skipBase) return;
                if (!_context.Schemas.TryNode(name, out var target))
                {
                    diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, node["$ref"]!, r, "no properties from it");
                    return;
                }
                if (!visiting.Add(name))
                {
                    diagnostics.Report(DiagnosticDescriptors.RefCycle, node["$ref"]!, name, "allOf");
                    return;
                }
                Collect(target, result, visiting, skipBase, depth + 1);
                visiting.Remove(name);
            }
            else if (_context.Resolver.Pointer(r) is { } deep)
            {
                Collect(deep, result, visiting, skipBase, depth + 1);
            }
            else
            {
                diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, node["$ref"]!, r, "no properties from it");
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
                var keyNode = e.KeyNode;
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
            diagnostics.Report(DiagnosticDescriptors.InvalidSchema, node.KeyOf("properties"), "'properties' is not a mapping", "no properties");
        }
        if (_context.Schemas.IsSuperset(node)) CollectSupersetMembers(node, result, visiting, skipBase, depth);
    }

    /// <summary>
    /// Rule 3: the properties of every member of a superset union, after the schema's own (first declaration wins); a
    /// property the members declare with values of different kinds (a string in one, a number in another) holds any
    /// value (<c>JsonElement</c>), so that each member's JSON reads.
    /// </summary>
    private void CollectSupersetMembers(YNode node, List<RawProperty> result, HashSet<string> visiting, string? skipBase, int depth)
    {
        var own = result.Count;
        foreach (var m in SchemaShapes.NonNullMembers(node))
        {
            var part = new List<RawProperty>();
            Collect(m, part, visiting, skipBase, depth + 1);
            foreach (var p in part)
            {
                var at = result.FindIndex(x => x.JsonName == p.JsonName);
                if (at < 0) result.Add(p);
                else if (at >= own && KindOf(result[at].Schema) != KindOf(p.Schema)) result[at].Schema = AnyValue(result[at].Schema);
                else if (at >= own && _context.Constraints.Text(result[at].Schema) != _context.Constraints.Text(p.Schema)) result[at].Loose = true;
            }
        }
    }

    /// <summary>The JSON kind a schema's values have (followed through references), or null when it does not say.</summary>
    private string? KindOf(YNode schema)
    {
        var target = _context.Resolver.FollowSchema(schema, out _);
        if (!target.IsMapping) return null;
        if (SchemaShapes.FirstType(target) is { } type) return type;
        if (target["properties"] is not null || target["allOf"] is not null) return "object";
        return target["enum"] is not null && SchemaShapes.IsStringType(target) ? "string" : null;
    }

    /// <summary>A schema accepting any value, located where <paramref name="at"/> is (for diagnostics only).</summary>
    private static YNode AnyValue(YNode at)
        => new(YKind.Mapping, null, false, EquatableArray<YNode>.Empty, EquatableArray<YEntry>.Empty, at.Line, at.Column, -1, -1, 1);

    /// <summary>Every name listed as required by the schema or any of its allOf parts.</summary>
    public HashSet<string> RequiredNames(YNode node, int depth = 0)
    {
        var set = RequiredSet(node);
        if (depth > 16) return set;
        if (node["allOf"] is { IsSequence: true } all)
        {
            foreach (var part in all.Items)
            {
                var target = part;
                if (SchemaResolver.SchemaNameOf(part) is { } named && _context.Schemas.TryNode(named, out var t))
                {
                    target = t;
                }
                set.UnionWith(RequiredNames(target, depth + 1));
            }
        }
        return set;
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
}
