using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Infrastructure;

namespace Atlas.Codegen.Model.Building;

/// <summary>Which generated types carry validation code, decided once every type is built (a pure function of the types).</summary>
internal static class ValidationPlanner
{
    /// <summary>
    /// Decides which types carry validation code: a plain record or choice only when it has a constraint (a required
    /// property, a pattern) or holds a value whose type has one, found by a fixed point over the types (cycles included).
    /// Nested calls are then emitted only into types that validate.
    /// </summary>
    public static void Mark(List<TypeSpec> types)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < types.Count; i++) byName[types[i].Name] = i;
        var validates = new bool[types.Count];
        for (var i = 0; i < types.Count; i++) validates[i] = !Optional(types[i]) || OwnConstraints(types[i]);

        bool Target(TypeRefSpec t)
        {
            var target = t.Kind == ValueKind.Object ? t : t is { Kind: ValueKind.Array, Element.Kind: ValueKind.Object } ? t.Element : null;
            if (target is null) return false;
            // A type of another document (or not found): it has its own method, call it.
            return target.Name is null || !byName.TryGetValue(target.Name, out var k) || validates[k];
        }

        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < types.Count; i++)
            {
                if (validates[i]) continue;
                var t = types[i];
                if (t.Properties.Any(p => Target(p.Type)) || t.Alternatives.Any(a => Target(a.Type)))
                {
                    validates[i] = true;
                    changed = true;
                }
            }
        }

        EquatableArray<PropertySpec> MarkNested(EquatableArray<PropertySpec> props)
            => new(props.Select(p => p with { ValidatesNested = Target(p.Type) && !p.Loose }).ToArray());

        for (var i = 0; i < types.Count; i++)
        {
            var t = types[i];
            if (t.Kind == TypeShape.Enum) continue;
            types[i] = t with
            {
                Validates = validates[i],
                Properties = MarkNested(t.Properties),
                BaseProperties = MarkNested(t.BaseProperties),
                Alternatives = new EquatableArray<AlternativeSpec>(
                    t.Alternatives.Select(a => a with { ValidatesNested = Target(a.Type) }).ToArray()),
            };
        }
    }

    /// <summary>Types whose validation may be left out: plain records and choices (not union bases or variants, nor enums).</summary>
    private static bool Optional(TypeSpec t)
        => t.Kind == TypeShape.Enum || (t.Kind is TypeShape.Record or TypeShape.Choice && t.BaseName is null);

    private static bool OwnConstraints(TypeSpec t)
        => t.ExtrasSchema is not null || t.ExactlyOne || t.ReportsOther || t.Properties.Any(OwnConstraint);

    /// <summary>A property with something to check: required, a pattern or other constraints, no null allowed, an open enum.</summary>
    private static bool OwnConstraint(PropertySpec p)
        => (p.Required && !p.WriteOnly) || (p.InitRequired && !p.Nullable && !p.Type.IsValueType) || p.Pattern is not null || p.Constraints is not null
            || !p.AcceptsNull || ((p.Type.Kind == ValueKind.Enum || p.Type is { Kind: ValueKind.Array, Element.Kind: ValueKind.Enum }) && !p.Loose);
}
