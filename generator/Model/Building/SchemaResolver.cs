using System;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// The one place that follows <c>$ref</c>s of a document: local JSON pointers (<c>#/...</c>), the names of
/// <c>#/components/schemas</c> entries, and chains of references (at most <see cref="MaxChain"/> long).
/// </summary>
internal sealed class SchemaResolver
{
    public const string SchemaPrefix = "#/components/schemas/";

    /// <summary>The longest chain of references followed (a longer one is a cycle, in practice).</summary>
    public const int MaxChain = 32;

    private readonly YNode _root;
    private readonly ModelDiagnostics _diagnostics;
    private readonly System.Collections.Generic.HashSet<int> _checked = new();

    public SchemaResolver(YNode root, ModelDiagnostics diagnostics)
    {
        _root = root;
        _diagnostics = diagnostics;
    }

    /// <summary>The component name a reference to a whole named schema (<c>#/components/schemas/Name</c>) denotes; null
    /// for any other reference (deeper pointers such as <c>.../Name/allOf/0</c> are resolved as JSON
    /// pointers).</summary>
    public static string? SchemaName(string reference)
        => reference.StartsWith(SchemaPrefix, StringComparison.Ordinal) && reference.IndexOf('/', SchemaPrefix.Length) < 0
            ? Unescape(reference.Substring(SchemaPrefix.Length))
            : null;

    /// <summary>The component name <paramref name="node"/> refers to (<c>$ref: '#/components/schemas/Name'</c>), or null.</summary>
    public static string? SchemaNameOf(YNode node) => node.Str("$ref") is { } r ? SchemaName(r) : null;

    /// <summary>The node a local JSON pointer (<c>#/a/b/0</c>) designates; null when it is not local or leads nowhere.</summary>
    public YNode? Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) return null;
        var node = _root;
        foreach (var raw in reference.Substring(2).Split('/'))
        {
            var segment = Unescape(raw);
            if (node.IsMapping) node = node[segment]!;
            else if (node.IsSequence && int.TryParse(segment, out var i) && i >= 0 && i < node.Items.Count) node = node.Items[i];
            else return null;
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>
    /// Where a chain of references starting at <paramref name="node"/> ends: the node itself when it is no reference,
    /// null when a reference leads nowhere. Says nothing (the pass that owns the node reports, see <see cref="FollowReporting"/>).
    /// </summary>
    public YNode? Follow(YNode? node)
    {
        for (var guard = 0; node is not null && node.Str("$ref") is { } r && guard < MaxChain; guard++) node = Pointer(r);
        return node;
    }

    /// <summary>
    /// Like <see cref="Follow"/>, and says why a chain ends nowhere: ATLAS003 at the reference that leads nowhere, a
    /// cycle when the chain is longer than <see cref="MaxChain"/>.
    /// </summary>
    public YNode? FollowReporting(YNode? node)
    {
        var guard = 0;
        while (node is not null && node.Str("$ref") is { } r)
        {
            var target = Pointer(r);
            if (target is null)
            {
                _diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, node["$ref"]!, r, "nothing");
                return null;
            }
            if (++guard > MaxChain)
            {
                _diagnostics.Report(DiagnosticDescriptors.RefCycle, node["$ref"]!, r, "a chain of more than 32 references");
                return null;
            }
            node = target;
        }
        return node;
    }

    /// <summary>
    /// The schema a chain of references starting at <paramref name="node"/> ends at, stopping at the last node that
    /// resolves (never null), and the last component it went through (<paramref name="component"/>).
    /// </summary>
    public YNode FollowSchema(YNode node, out string? component)
    {
        component = null;
        for (var guard = 0; guard < MaxChain && node.Str("$ref") is { } r; guard++)
        {
            if (Pointer(r) is not { } target) return node;
            if (SchemaName(r) is { } name) component = name;
            node = target;
        }
        return node;
    }

    /// <summary>Reports every <c>$ref</c> under <paramref name="node"/> that does not resolve (without following references; each node once).</summary>
    public void ReportUnresolved(YNode? node)
    {
        if (node is null || !_checked.Add(node.Start)) return;
        var stack = new System.Collections.Generic.Stack<(YNode Node, bool Names)>();
        stack.Push((node, false));
        while (stack.Count > 0)
        {
            var (n, names) = stack.Pop();
            if (n.IsSequence)
            {
                foreach (var i in n.Items) stack.Push((i, false));
                continue;
            }
            if (!n.IsMapping) continue;
            foreach (var e in n.Entries)
            {
                // A vendor extension (x-…) is no OpenAPI object: a $ref inside it (x-codeSamples: {$ref: example.sh}) is
                // the vendor's, never resolved. In a map keyed by names (properties, headers, …) x- is just a name.
                if (!names && e.Key.StartsWith("x-", StringComparison.Ordinal)) continue;
                if (e.Key == "$ref" && e.Value.IsScalar)
                {
                    var r = e.Value.Value ?? "";
                    if (Pointer(r) is null)
                    {
                        var instead = r.StartsWith("#/", StringComparison.Ordinal)
                            ? "JsonElement (or nothing)"
                            : "JsonElement (only local references are resolved)";
                        _diagnostics.Report(DiagnosticDescriptors.UnresolvedRef, e.Value, r, instead);
                    }
                }
                else if (e.Key is not ("example" or "examples"))
                {
                    stack.Push((e.Value, !names && NameKeyed.Contains(e.Key)));
                }
            }
        }
    }

    /// <summary>The OpenAPI (and Swagger 2.0) fields whose mapping is keyed by names the document chooses.</summary>
    private static readonly System.Collections.Generic.HashSet<string> NameKeyed = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "schemas", "definitions", "parameters", "headers", "requestBodies", "securitySchemes",
        "securityDefinitions", "links", "pathItems", "encoding",
    };

    private static string Unescape(string segment)
    {
        if (segment.IndexOf('%') >= 0) segment = Uri.UnescapeDataString(segment);
        return segment.Replace("~1", "/").Replace("~0", "~");
    }
}
