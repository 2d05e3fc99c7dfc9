using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// Writes the schema of a value kept as JSON (any value, a union no rule tells apart) as the compact JSON text the
/// runtime's <c>AtlasSchema</c> checks: the validation keywords only (annotations, examples and vendor extensions
/// dropped), every <c>$ref</c> inlined (a cycle, or nesting deeper than <see cref="MaxDepth"/>, becomes <c>true</c>:
/// not checked further), patterns already in .NET syntax (<see cref="EcmaPattern"/>; one ECMA-262 rejects is dropped,
/// reported by <see cref="PatternChecker"/>).
/// </summary>
internal sealed class ValidationSchemaWriter
{
    private const int MaxDepth = 12;
    private static readonly Regex JsonNumber = new(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private readonly SchemaResolver _resolver;
    private readonly PatternChecker _patterns;

    public ValidationSchemaWriter(SchemaResolver resolver, PatternChecker patterns)
    {
        _resolver = resolver;
        _patterns = patterns;
    }

    /// <summary>The schema's validation keywords as JSON, or null when it checks nothing (<c>{}</c>, <c>true</c>).</summary>
    public string? Write(YNode? schema)
    {
        if (schema is null) return null;
        var s = new StringBuilder();
        Schema(s, schema, 0);
        var text = s.ToString();
        return text is "{}" or "true" ? null : text;
    }

    private void Schema(StringBuilder s, YNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            s.Append("true");
            return;
        }
        if (node.IsScalar)
        {
            s.Append(node.Plain && node.Value == "false" ? "false" : "true");
            return;
        }
        if (!node.IsMapping)
        {
            s.Append("true");
            return;
        }
        if (node.Str("$ref") is not null)
        {
            var target = _resolver.Follow(node);
            var siblings = new StringBuilder();
            Keywords(siblings, node, depth);
            if (target is null || ReferenceEquals(target, node))
            {
                s.Append(siblings.Length == 0 ? "true" : "{" + siblings + "}");
                return;
            }
            if (siblings.Length == 0)
            {
                Schema(s, target, depth + 1);
                return;
            }
            s.Append("{\"allOf\":[");
            Schema(s, target, depth + 1);
            s.Append(",{").Append(siblings).Append("}]}");
            return;
        }
        s.Append('{');
        Keywords(s, node, depth);
        s.Append('}');
    }

    private void Keywords(StringBuilder s, YNode node, int depth)
    {
        var first = true;
        void Key(string name)
        {
            if (!first) s.Append(',');
            first = false;
            s.Append('"').Append(name).Append("\":");
        }
        foreach (var entry in node.Entries)
        {
            var v = entry.Value;
            switch (entry.Key)
            {
                case "type" when v.IsScalar || v.IsSequence:
                case "enum" when v.IsSequence:
                case "const":
                case "required" when v.IsSequence:
                    Key(entry.Key);
                    Value(s, v);
                    break;
                case "nullable" or "uniqueItems" or "exclusiveMinimum" or "exclusiveMaximum" when v.IsScalar && v.Plain && v.Value is "true" or "false":
                    Key(entry.Key);
                    s.Append(v.Value);
                    break;
                case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "multipleOf" or "minLength" or "maxLength"
                    or "minItems" or "maxItems" or "minProperties" or "maxProperties" when v.IsScalar && Number(v.Value) is { } number:
                    Key(entry.Key);
                    s.Append(number);
                    break;
                case "pattern" when v.Value is { } pattern && _patterns.Check(pattern, v):
                    Key(entry.Key);
                    String(s, EcmaPattern.ToDotNet(pattern, out _));
                    break;
                // additionalProperties applies to names no patternProperties matches: not checked beside them.
                case "additionalProperties" when node["patternProperties"] is not null:
                    break;
                case "items" or "additionalProperties" or "not" when v.IsMapping || v.IsScalar:
                    Key(entry.Key);
                    Schema(s, v, depth + 1);
                    break;
                case "properties" when v.IsMapping:
                    Key(entry.Key);
                    s.Append('{');
                    for (var i = 0; i < v.Entries.Count; i++)
                    {
                        if (i > 0) s.Append(',');
                        String(s, v.Entries[i].Key);
                        s.Append(':');
                        Schema(s, v.Entries[i].Value, depth + 1);
                    }
                    s.Append('}');
                    break;
                case "allOf" or "anyOf" or "oneOf" when v.IsSequence:
                    Key(entry.Key);
                    s.Append('[');
                    for (var i = 0; i < v.Items.Count; i++)
                    {
                        if (i > 0) s.Append(',');
                        Schema(s, v.Items[i], depth + 1);
                    }
                    s.Append(']');
                    break;
            }
        }
    }

    /// <summary>A YAML value as JSON (plain scalars typed as YAML 1.2's core schema reads them).</summary>
    private static void Value(StringBuilder s, YNode v)
    {
        if (v.IsMapping)
        {
            s.Append('{');
            for (var i = 0; i < v.Entries.Count; i++)
            {
                if (i > 0) s.Append(',');
                String(s, v.Entries[i].Key);
                s.Append(':');
                Value(s, v.Entries[i].Value);
            }
            s.Append('}');
        }
        else if (v.IsSequence)
        {
            s.Append('[');
            for (var i = 0; i < v.Items.Count; i++)
            {
                if (i > 0) s.Append(',');
                Value(s, v.Items[i]);
            }
            s.Append(']');
        }
        else if (v.IsNull) s.Append("null");
        else if (v.Plain && v.Value is "true" or "false") s.Append(v.Value);
        else if (v.Plain && Number(v.Value) is { } number) s.Append(number);
        else String(s, v.Value ?? "");
    }

    /// <summary>A number as JSON text (the spec's own text when it is already JSON), else null.</summary>
    private static string? Number(string? text)
    {
        if (text is null) return null;
        if (JsonNumber.IsMatch(text)) return text;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d) && !double.IsNaN(d)
            ? d.ToString("R", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>A JSON string literal.</summary>
    public static string Quote(string text)
    {
        var s = new StringBuilder();
        String(s, text);
        return s.ToString();
    }

    private static void String(StringBuilder s, string text)
    {
        s.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': s.Append("\\\""); break;
                case '\\': s.Append("\\\\"); break;
                default:
                    if (c < ' ' || char.IsSurrogate(c)) s.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else s.Append(c);
                    break;
            }
        }
        s.Append('"');
    }
}
