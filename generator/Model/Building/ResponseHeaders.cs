using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// The response headers the selected operations declare (<c>responses.*.headers</c>, references followed): one typed
/// accessor each on the client's raw response, named after the header, its type from the header's schema (a header
/// declared with different types is text). <c>Content-Type</c> is left out (OpenAPI ignores its definition).
/// </summary>
internal static class ResponseHeaders
{
    /// <summary>The raw response's own members: an accessor named like one gets <c>Header</c> appended.</summary>
    private static readonly HashSet<string> Taken = new(StringComparer.Ordinal)
    {
        "StatusCode", "Headers", "RequestId", "GetHeader", "Value", "ToString", "Equals", "GetHashCode", "GetType",
    };

    public static List<ResponseHeaderSpec> Collect(ModelContext context, IEnumerable<SelectedOperation> operations)
    {
        var byName = new Dictionary<string, (string Wire, ValueKind Kind, string? Description)>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var op in operations)
        {
            if (op.Node["responses"] is not { IsMapping: true } responses) continue;
            foreach (var r in responses.Entries)
            {
                if (context.Resolver.Follow(r.Value)?["headers"] is not { IsMapping: true } headers) continue;
                foreach (var h in headers.Entries)
                {
                    if (string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)) continue;
                    var header = context.Resolver.Follow(h.Value);
                    var schema = header?["schema"] is { } s ? context.Resolver.FollowSchema(s, out _) : null;
                    var kind = KindOf(schema);
                    if (byName.TryGetValue(h.Key, out var known))
                    {
                        if (known.Kind != kind) byName[h.Key] = (known.Wire, ValueKind.String, known.Description);
                        continue;
                    }
                    byName[h.Key] = (h.Key, kind, header?.Str("description"));
                    order.Add(h.Key);
                }
            }
        }
        var names = new HashSet<string>(Taken, StringComparer.Ordinal);
        var result = new List<ResponseHeaderSpec>();
        foreach (var key in order)
        {
            var (wire, kind, description) = byName[key];
            var wanted = Naming.Clean(Naming.Pascal(wire));
            if (wanted.Length == 0) continue;
            if (names.Contains(wanted)) wanted += "Header";
            var name = wanted;
            for (var i = 2; !names.Add(name); i++) name = wanted + Naming.Int(i);
            result.Add(new ResponseHeaderSpec(wire, name, kind, description));
        }
        return result;
    }

    private static ValueKind KindOf(YNode? schema) => schema?.Str("type") switch
    {
        "integer" => schema.Str("format") == "int32" ? ValueKind.Int32 : ValueKind.Int64,
        "number" => ValueKind.Double,
        "boolean" => ValueKind.Boolean,
        "string" when schema.Str("format") == "date-time" => ValueKind.DateTimeOffset,
        _ => ValueKind.String,
    };
}
