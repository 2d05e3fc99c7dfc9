using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// Reads the validation keywords a schema states (<see cref="ConstraintSpec"/>): on the schema itself, on the schema its
/// <c>$ref</c> leads to (a reference to a constrained string keeps its constraints where it is used) and on every part of
/// its <c>allOf</c>, merged to the tightest bound. Malformed values (a negative length, a bound that is not a number)
/// are not constraints and are ignored.
/// </summary>
internal sealed class ConstraintReader
{
    private const int MaxDepth = 8;
    private readonly SchemaResolver _resolver;
    private readonly PatternChecker _patterns;

    private readonly ValidationSchemaWriter _schemas;

    public ConstraintReader(SchemaResolver resolver, PatternChecker patterns)
    {
        _resolver = resolver;
        _patterns = patterns;
        _schemas = new ValidationSchemaWriter(resolver, patterns);
    }

    /// <summary>The constraints of <paramref name="schema"/> that apply to a value of <paramref name="type"/>, or null when it states none.</summary>
    public ConstraintSpec? Read(YNode? schema, TypeRefSpec type)
        => type.Kind == ValueKind.Json || (IsScalar(type) && StatesMore(schema, 0))
            ? (_schemas.Write(schema) is { } json ? new ConstraintSpec(Schema: json) : null)
            : ForKind(Read(schema, 0), type);

    private static bool IsScalar(TypeRefSpec type)
        => type.Kind is ValueKind.String or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double or ValueKind.Boolean;

    /// <summary>Whether a scalar's schema says more than its type's keywords carry: an <c>enum</c>, <c>const</c>, <c>not</c>
    /// or a union of values (on itself, its $ref target or an allOf part).</summary>
    private bool StatesMore(YNode? schema, int depth)
    {
        if (schema is null || !schema.IsMapping || depth > MaxDepth) return false;
        foreach (var node in SelfAndTarget(schema))
        {
            if (new[] { "enum", "const", "not", "oneOf", "anyOf" }.Any(k => node[k] is not null)) return true;
            if (node["allOf"] is { IsSequence: true } parts && parts.Items.Any(p => StatesMore(p, depth + 1))) return true;
        }
        return false;
    }

    /// <summary>The validation keywords of <paramref name="schema"/> as JSON (<c>$ref</c>s inlined): equal text, equal rules.</summary>
    public string? Text(YNode schema) => _schemas.Write(schema);

    /// <summary>The rules of a record's schema on the properties it does not declare (see <see cref="TypeSpec.ExtrasSchema"/>), or null.</summary>
    public string? Extras(YNode node, EquatableArray<PropertySpec> declared, IEnumerable<string> required)
    {
        var names = new HashSet<string>(declared.Select(p => p.JsonName), StringComparer.Ordinal);
        var undeclared = required.Where(r => !names.Contains(r)).Distinct().ToList();
        // additionalProperties applies to names no patternProperties matches: not checked beside them.
        var ap = node["patternProperties"] is null ? node["additionalProperties"] : null;
        var rule = ap is { IsScalar: true, Plain: true, Value: "false" } ? "false" : ap is { IsMapping: true } ? _schemas.Write(ap) : null;
        if (rule is null && undeclared.Count == 0) return null;
        var s = new StringBuilder("{");
        if (rule is not null) s.Append("\"additionalProperties\":").Append(rule);
        if (undeclared.Count > 0)
        {
            if (rule is not null) s.Append(',');
            s.Append("\"required\":[").Append(string.Join(",", undeclared.Select(ValidationSchemaWriter.Quote))).Append(']');
        }
        return s.Append('}').ToString();
    }

    /// <summary>Only the keywords that apply to a value of <paramref name="type"/> (any of them to a JSON value).</summary>
    internal static ConstraintSpec? ForKind(ConstraintSpec? c, TypeRefSpec type)
    {
        if (c is null) return null;
        var kept = type.Kind switch
        {
            ValueKind.String => new ConstraintSpec(MinLength: c.MinLength, MaxLength: c.MaxLength),
            ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double
                => new ConstraintSpec(c.Minimum, c.ExclusiveMinimum, c.Maximum, c.ExclusiveMaximum, c.MultipleOf),
            ValueKind.Array => new ConstraintSpec(MinItems: c.MinItems, MaxItems: c.MaxItems, UniqueItems: c.UniqueItems,
                Items: ForKind(c.Items, type.Element!), ItemPattern: type.Element!.Kind == ValueKind.String ? c.ItemPattern : null),
            ValueKind.Map => new ConstraintSpec(MinProperties: c.MinProperties, MaxProperties: c.MaxProperties,
                Items: ForKind(c.Items, type.Element!), ItemPattern: type.Element!.Kind == ValueKind.String ? c.ItemPattern : null),
            _ => Empty,
        };
        // Items of items (arrays of arrays) are not checked: one level.
        if (kept.Items is not null && type.Element!.Kind is not (ValueKind.String or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double))
        {
            kept = kept with { Items = null };
        }
        return kept == Empty ? null : kept;
    }

    private ConstraintSpec? Read(YNode? schema, int depth)
    {
        if (schema is null || !schema.IsMapping || depth > MaxDepth) return null;
        var layers = SelfAndTarget(schema).ToList();
        ConstraintSpec? result = null;
        foreach (var node in layers) result = Merge(result, Own(node, depth));
        foreach (var node in layers)
        {
            if (node["allOf"] is not { IsSequence: true } parts) continue;
            foreach (var part in parts.Items) result = Merge(result, Read(part, depth + 1));
        }
        return result;
    }

    /// <summary>Where a schema's keywords are: the schema itself and, when it is a reference, the schema it leads to.</summary>
    private IEnumerable<YNode> SelfAndTarget(YNode schema)
    {
        yield return schema;
        if (_resolver.Follow(schema) is { IsMapping: true } target && !ReferenceEquals(target, schema)) yield return target;
    }

    private ConstraintSpec? Own(YNode node, int depth)
    {
        var minimum = Number(node, "minimum");
        var maximum = Number(node, "maximum");
        string? exclusiveMinimum = null, exclusiveMaximum = null;
        // OpenAPI 3.0 (draft 4): a boolean that makes minimum/maximum exclusive; 3.1: a number of its own.
        if (node["exclusiveMinimum"] is { IsScalar: true } xmin)
        {
            if (xmin.Value == "true" && minimum is not null) (exclusiveMinimum, minimum) = (minimum, null);
            else exclusiveMinimum = Number(node, "exclusiveMinimum");
        }
        if (node["exclusiveMaximum"] is { IsScalar: true } xmax)
        {
            if (xmax.Value == "true" && maximum is not null) (exclusiveMaximum, maximum) = (maximum, null);
            else exclusiveMaximum = Number(node, "exclusiveMaximum");
        }
        var multipleOf = Number(node, "multipleOf");
        if (multipleOf is not null && double.Parse(multipleOf, CultureInfo.InvariantCulture) <= 0) multipleOf = null;

        ConstraintSpec? items = null;
        string? itemPattern = null;
        var itemSchema = node["items"] is { IsMapping: true } i ? i : node["additionalProperties"] is { IsMapping: true } a ? a : null;
        if (itemSchema is not null)
        {
            items = Read(itemSchema, depth + 1);
            var patternNode = itemSchema["pattern"] ?? _resolver.Follow(itemSchema)?["pattern"];
            if (patternNode?.Value is { } pattern && _patterns.Check(pattern, patternNode)) itemPattern = pattern;
        }
        var spec = new ConstraintSpec(
            minimum, exclusiveMinimum, maximum, exclusiveMaximum, multipleOf,
            Count(node, "minLength"), Count(node, "maxLength"),
            Count(node, "minItems"), Count(node, "maxItems"), node.Bool("uniqueItems"),
            Count(node, "minProperties"), Count(node, "maxProperties"),
            items, itemPattern);
        return spec == Empty ? null : spec;
    }

    private static readonly ConstraintSpec Empty = new();

    /// <summary>Both sets of constraints at once: the greater minimum, the smaller maximum, and so on.</summary>
    internal static ConstraintSpec? Merge(ConstraintSpec? a, ConstraintSpec? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        return new ConstraintSpec(
            Pick(a.Minimum, b.Minimum, +1), Pick(a.ExclusiveMinimum, b.ExclusiveMinimum, +1),
            Pick(a.Maximum, b.Maximum, -1), Pick(a.ExclusiveMaximum, b.ExclusiveMaximum, -1),
            a.MultipleOf ?? b.MultipleOf,
            Pick(a.MinLength, b.MinLength, +1), Pick(a.MaxLength, b.MaxLength, -1),
            Pick(a.MinItems, b.MinItems, +1), Pick(a.MaxItems, b.MaxItems, -1),
            a.UniqueItems || b.UniqueItems,
            Pick(a.MinProperties, b.MinProperties, +1), Pick(a.MaxProperties, b.MaxProperties, -1),
            Merge(a.Items, b.Items), a.ItemPattern ?? b.ItemPattern);
    }

    private static string? Pick(string? a, string? b, int sign)
    {
        if (a is null || b is null) return a ?? b;
        var x = double.Parse(a, CultureInfo.InvariantCulture);
        var y = double.Parse(b, CultureInfo.InvariantCulture);
        return Math.Sign(x.CompareTo(y)) == sign ? a : b;
    }

    private static int? Pick(int? a, int? b, int sign)
        => a is null || b is null ? a ?? b : sign > 0 ? Math.Max(a.Value, b.Value) : Math.Min(a.Value, b.Value);

    /// <summary>A finite number as round-trip text (a valid C# <c>double</c> literal with a <c>D</c> suffix), else null.</summary>
    private static string? Number(YNode node, string key)
    {
        var text = node[key] is { IsScalar: true } n ? n.Value : null;
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value)) return null;
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A non-negative integer (<c>2.0</c> included, as JSON Schema allows).</summary>
    private static int? Count(YNode node, string key)
    {
        var text = node[key] is { IsScalar: true } n ? n.Value : null;
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        if (value < 0 || value != Math.Floor(value)) return null;
        return value > int.MaxValue ? int.MaxValue : (int)value;
    }
}
