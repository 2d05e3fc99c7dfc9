using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// Questions about what a schema node says, answered from the node (and the schemas it refers to) alone: is it a
/// string, its enum values, its union members, whether a union is one of strings.
/// </summary>
internal sealed class SchemaShapes
{
    private readonly SchemaResolver _resolver;

    public SchemaShapes(SchemaResolver resolver) => _resolver = resolver;

    /// <summary>The schema's <c>oneOf</c>, else its <c>anyOf</c>.</summary>
    public static YNode? UnionList(YNode node) => node["oneOf"] ?? node["anyOf"];

    public static string UnionKeyword(YNode node) => node["oneOf"] is not null ? "oneOf" : "anyOf";

    /// <summary>The null schema: <c>{type: 'null'}</c> or <c>{nullable: true}</c> alone.</summary>
    public static bool IsNullSchema(YNode n) => n.Str("type") == "null" || (n.Entries.Count == 1 && n.Bool("nullable"));

    /// <summary>The members of a union that are not the null schema.</summary>
    public static List<YNode> NonNullMembers(YNode node)
        => UnionList(node) is { IsSequence: true } list ? list.Items.Where(i => !IsNullSchema(i)).ToList() : new List<YNode>();

    /// <summary>A union needing typing: oneOf/anyOf with two or more non-null members and no discriminator.</summary>
    public static bool IsUntypedUnion(YNode node)
        => node.IsMapping && node["discriminator"] is null && NonNullMembers(node).Count > 1;

    /// <summary>The schema's <c>type</c>; of a 3.1 type list, the one that is not <c>null</c> (none when it names
    /// several: any of them, checked by validation).</summary>
    public static string? FirstType(YNode t)
        => t.Str("type")
            ?? (t["type"] is { IsSequence: true } types && types.Items.Select(x => x.Value).Where(x => x != "null").Distinct().ToList() is { Count: 1 } one
                ? one[0]
                : null);

    /// <summary>A string schema: <c>type: string</c> (alone or in a type list), or an untyped enum of strings only.</summary>
    public static bool IsStringType(YNode node)
    {
        var type = node["type"];
        if (type is null)
        {
            // enum without type: string when every value is a string
            var values = node["enum"];
            return values is { IsSequence: true } && values.Items.All(v => v.IsScalar && (!v.Plain || !IsNonStringPlain(v.Value)));
        }
        if (type.IsScalar) return type.Value == "string";
        return type.IsSequence && type.Items.Any(t => t.Value == "string");
    }

    private static bool IsNonStringPlain(string? v)
        => v is null or "" or "~" or "null" or "true" or "false" || (v.Length > 0 && (char.IsDigit(v[0]) || v[0] == '-'));

    /// <summary>The schema's own enum values, in order without repeats (null values left out).</summary>
    public static IEnumerable<string> EnumValues(YNode node)
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

    /// <summary>Enum values of a schema, a union of string schemas included.</summary>
    public IEnumerable<string> AllEnumValues(YNode node)
        => UnionList(node) is not null && EnumUnionValues(node) is { } union ? union : EnumValues(node);

    /// <summary>
    /// The values of a union whose every member is a string (an enum, a plain string, or such a union itself), in
    /// member order without repeats; null when some member is not a string.
    /// </summary>
    public List<string>? EnumUnionValues(YNode node, int depth = 0)
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
            var isString = type == "string" || (type is null && target["enum"] is { IsSequence: true } && IsStringType(target))
                || (type is null && StringConst(target) is not null && node.Str("type") is null or "string");
            if (!isString || target["properties"] is not null) return null;
            if (target.Str("format") is "date-time" or "date" or "binary" or "byte") return null;
            foreach (var v in EnumValues(target)) if (seen.Add(v)) values.Add(v);
            if (StringConst(target) is { } constant && seen.Add(constant)) values.Add(constant);
        }
        return values.Count == 0 ? null : values;
    }

    /// <summary>The value of a schema's <c>const</c> when it is a string (quoted, or plain but no number, boolean or null).</summary>
    public static string? StringConst(YNode schema)
        => schema["const"] is { IsScalar: true } c && !c.IsNull && c.Value is { } v && (!c.Plain || !IsNonStringPlain(v)) ? v : null;

    /// <summary>
    /// The JSON type of a union whose every member is a <c>const</c> (or an <c>enum</c>) of numbers or booleans, each
    /// with at most a title and description (a documented list of values, e.g. <c>oneOf: [{title: PONG, const: 1}, …]</c>):
    /// <c>integer</c>, <c>number</c> or <c>boolean</c>; null for any other union.
    /// </summary>
    public static string? ConstUnionType(YNode node)
    {
        var members = NonNullMembers(node);
        if (members.Count == 0) return null;
        string? kind = null;
        foreach (var m in members)
        {
            if (!m.IsMapping || m.Entries.Any(e => e.Key is not ("const" or "enum" or "title" or "description" or "type" or "format")
                && !e.Key.StartsWith("x-", StringComparison.Ordinal))) return null;
            var values = m["const"] is { } c ? new[] { c } : m["enum"] is { IsSequence: true } list ? list.Items.ToArray() : null;
            if (values is null || values.Length == 0) return null;
            foreach (var v in values)
            {
                var k = !v.IsScalar || !v.Plain || v.Value is null ? null
                    : v.Value is "true" or "false" ? "boolean"
                    : long.TryParse(v.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "integer"
                    : double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "number"
                    : null;
                if (k is null) return null;
                kind = kind is null || kind == k ? k : (kind, k) is ("integer", "number") or ("number", "integer") ? "number" : "mixed";
            }
        }
        var declared = node.Str("type");
        return kind is null or "mixed" || (declared is not null && declared != kind && !(declared == "number" && kind == "integer")) ? null : declared ?? kind;
    }

    /// <summary>
    /// The parts of an <c>allOf</c> that say something about the value: not those with nothing but annotations
    /// (<c>allOf: [$ref: X, {description: …}]</c> is X described, a common way to document a reference).
    /// </summary>
    public static List<YNode> MeaningfulParts(YNode allOf)
        => allOf.Items.Where(p => !(p.IsMapping && p.Entries.All(e => e.Key is "title" or "description" or "example" or "examples" or "default"
            or "deprecated" or "nullable" or "externalDocs" || e.Key.StartsWith("x-", StringComparison.Ordinal)))).ToList();

    /// <summary>A schema that accepts any value: <c>true</c>, or a mapping with nothing but annotations (<c>{}</c>, a title).</summary>
    public static bool AcceptsAnything(YNode schema)
        => (schema.IsScalar && schema.Value is "true" or "True")
            || (schema.IsMapping && schema.Entries.All(e => e.Key is "title" or "description" or "example" or "examples" or "default" or "deprecated"
                || e.Key.StartsWith("x-", StringComparison.Ordinal)));

    /// <summary>
    /// A union whose members only constrain an object the schema itself describes (each member holds nothing but
    /// <c>required</c>, <c>not</c>, property counts and annotations), beside the schema's own <c>properties</c>,
    /// <c>type</c> or <c>allOf</c>: it says which properties go together, not what the value is.
    /// </summary>
    public static bool IsConstraintUnion(YNode node)
    {
        if (UnionList(node) is not { IsSequence: true, Items.Count: > 0 } list) return false;
        if (node["properties"] is null && node["type"] is null && node["allOf"] is null) return false;
        return list.Items.All(m => m.IsMapping && m.Entries.All(e => e.Key is "required" or "not" or "minProperties" or "maxProperties" or "dependentRequired"
            or "title" or "description" || e.Key.StartsWith("x-", StringComparison.Ordinal)));
    }

    /// <summary>
    /// An <c>allOf</c> of parts that are values, not objects (<c>allOf: [$ref: a string schema, {description}]</c>,
    /// <c>allOf: [{maximum: 30}, {minimum: 20}]</c>): true, with the part its type comes from in <paramref name="kind"/>
    /// (a reference first, else an enum, else a <c>type</c>; null when no part says a kind: any value). False when some
    /// part (followed through references) describes an object: properties, <c>type: object</c>, a map, a union.
    /// </summary>
    public bool IsValueAllOf(YNode node, out YNode? kind)
    {
        kind = null;
        if (node["allOf"] is not { IsSequence: true, Items.Count: > 0 } all || node["properties"] is not null) return false;
        if (FirstType(node) == "object" || node["additionalProperties"] is { IsMapping: true } || node["discriminator"] is not null) return false;
        if (all.Items.Any(p => DescribesObject(p, 0))) return false;
        kind = all.Items.FirstOrDefault(p => p.Str("$ref") is not null)
            ?? all.Items.FirstOrDefault(p => p["enum"] is not null)
            ?? all.Items.FirstOrDefault(p => p["type"] is not null);
        return true;
    }

    private bool DescribesObject(YNode part, int depth)
    {
        if (depth > 16 || !part.IsMapping) return depth > 16;
        var target = _resolver.FollowSchema(part, out _);
        if (!target.IsMapping) return false;
        if (target.Str("$ref") is not null) return true; // unresolved: left as it was
        if (target["properties"] is not null || target["additionalProperties"] is { IsMapping: true } || target["discriminator"] is not null
            || UnionList(target) is not null || FirstType(target) == "object")
        {
            return true;
        }
        return target["allOf"] is { IsSequence: true } inner && inner.Items.Any(i => DescribesObject(i, depth + 1));
    }

    /// <summary>A member (followed through references) of <c>type: integer</c>.</summary>
    public bool IsIntegerMember(YNode member) => FirstType(_resolver.FollowSchema(member, out _)) == "integer";
}
