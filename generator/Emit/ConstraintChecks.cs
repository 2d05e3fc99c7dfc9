using System.Collections.Generic;
using System.Text;
using Atlas.Codegen.Model;

namespace Atlas.Codegen.Emit;

/// <summary>
/// The calls that check a value's <see cref="ConstraintSpec"/>: one runtime <c>AtlasCheck</c> call per group of
/// keywords (bounds, lengths, counts, uniqueness, items), the bounds as named arguments. Shared by the records'
/// <c>ValidateInto</c> and the client's argument checks.
/// </summary>
internal static class ConstraintChecks
{
    private const string Check = KnownTypes.Check + ".";

    /// <summary>
    /// The calls for <paramref name="value"/> (an expression of the non-nullable <paramref name="type"/>) whose errors go to
    /// <paramref name="errors"/> (a <c>List&lt;string&gt;?</c>; with <paramref name="assign"/>, each call's result is
    /// assigned back to it so the list is created on the first violation only).
    /// </summary>
    /// <param name="itemPattern">The static <c>Regex</c> holding <see cref="ConstraintSpec.ItemPattern"/>, when there is one.</param>
    /// <param name="schema">The static <c>AtlasSchema</c> holding <see cref="ConstraintSpec.Schema"/>, when there is one.</param>
    public static List<string> Calls(ConstraintSpec c, TypeRefSpec type, string errors, bool assign, string path, string name, string value,
        string? itemPattern, string? schema = null)
    {
        var calls = new List<string>();
        if (c.Schema is not null)
        {
            // The whole schema (a JSON value, or a scalar with an enum, const or not beside its type): the runtime's AtlasSchema.
            if (schema is not null) calls.Add((assign ? errors + " = " : "") + schema + ".Check(" + errors + ", " + path + ", " + name + ", " + value + ");");
            return calls;
        }
        var head = (assign ? errors + " = " : "") + Check;
        var args = "(" + errors + ", " + path + ", " + name + ", " + value;
        switch (type.Kind)
        {
            case ValueKind.String when c.HasLength:
                calls.Add(head + "Length" + args + Lengths(c) + ");");
                break;
            case ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double when c.HasNumber:
                calls.Add(head + "Number" + args + Bounds(c) + ");");
                break;
            case ValueKind.Array or ValueKind.Map:
                var array = type.Kind == ValueKind.Array;
                var (min, max) = array ? (c.MinItems, c.MaxItems) : (c.MinProperties, c.MaxProperties);
                if (min is not null || max is not null)
                {
                    var what = array ? "" : ", \"properties\"";
                    calls.Add(head + "Count(" + errors + ", " + path + ", " + name + ", " + value + ".Count, " + Int(min) + ", " + Int(max) + what + ");");
                }
                if (array && c.UniqueItems) calls.Add(head + "Unique" + args + ");");
                var items = array ? value : value + ".Values";
                if (c.Items is { } i && type.Element!.Kind == ValueKind.String && i.HasLength || itemPattern is not null)
                {
                    var lengths = c.Items is { } l ? Lengths(l) : "";
                    var pattern = itemPattern is null ? "" : ", pattern: " + itemPattern;
                    calls.Add(head + "Each(" + errors + ", " + path + ", " + name + ", " + items + lengths + pattern + ");");
                }
                else if (c.Items is { HasNumber: true } n)
                {
                    calls.Add(head + "Each(" + errors + ", " + path + ", " + name + ", " + items + Bounds(n) + ");");
                }
                break;
        }
        return calls;
    }

    private static string Bounds(ConstraintSpec c)
    {
        var s = new StringBuilder();
        Named(s, "minimum", c.Minimum);
        Named(s, "exclusiveMinimum", c.ExclusiveMinimum);
        Named(s, "maximum", c.Maximum);
        Named(s, "exclusiveMaximum", c.ExclusiveMaximum);
        Named(s, "multipleOf", c.MultipleOf);
        return s.ToString();
    }

    private static string Lengths(ConstraintSpec c)
        => (c.MinLength is { } min ? ", minLength: " + Int(min) : "") + (c.MaxLength is { } max ? ", maxLength: " + Int(max) : "");

    private static void Named(StringBuilder s, string name, string? number)
    {
        if (number is not null) s.Append(", ").Append(name).Append(": ").Append(number).Append('D');
    }

    private static string Int(int? value) => value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
}
