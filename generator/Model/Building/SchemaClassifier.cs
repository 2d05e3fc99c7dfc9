using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// The first steps: every component schema into the catalog, inline unions of objects lifted to names of their own,
/// and each named schema classified by its form (record, declared union, string enum, alias). Unions without a
/// discriminator are typed afterwards by <see cref="UnionClassifier"/>.
/// </summary>
internal sealed class SchemaClassifier
{
    private readonly ModelContext _context;
    private readonly SchemaShapes _shapes;

    public SchemaClassifier(ModelContext context, SchemaShapes shapes)
    {
        _context = context;
        _shapes = shapes;
    }

    private SchemaCatalog Schemas => _context.Schemas;

    /// <summary>Every entry of <c>components.schemas</c>, in document order.</summary>
    public void CollectComponents()
    {
        var root = _context.Root;
        var schemas = root["components"]?["schemas"];
        if (schemas is null) return;
        if (!schemas.IsMapping)
        {
            _context.Diagnostics.Report(DiagnosticDescriptors.InvalidSchema, root["components"]!.KeyOf("schemas"), "components.schemas is not a mapping",
                "nothing");
            return;
        }
        foreach (var e in schemas.Entries) Schemas.Add(e.Key, e.Value, e.KeyNode);
    }

    /// <summary>
    /// Inline unions of objects anywhere under a component (properties, items, additionalProperties, allOf) become
    /// named schemas <c>{Owner}{Property}</c> (<c>Item</c> / <c>Value</c> for array items and map values), before
    /// classification, so that they are classified, named and built like components.
    /// </summary>
    public void LiftInlineUnions()
    {
        var names = new HashSet<string>(Schemas.Names, StringComparer.OrdinalIgnoreCase);
        foreach (var name in Schemas.Names.ToArray())
        {
            var node = Schemas[name].Node;
            if (!node.IsMapping) continue;
            LiftUnder(node, Naming.Clean(name), names, 0, isRoot: true);
        }
        // Request and response bodies of operations: {Operation}Body, {Operation}Response.
        foreach (var operation in OpenApiPaths.Operations(_context.Root))
        {
            var op = operation.Method.Value;
            // Named as the operation's method will be (an operation without operationId by its method and path).
            var owner = Naming.Clean(op.Str(VendorExtensions.OperationIdOverride) ?? op.Str("operationId")
                ?? OpenApiPaths.FallbackOperationName(operation.Method.Key, operation.Path.Key));
            if (owner.Length == 0) continue;
            foreach (var list in new[] { operation.Path.Value["parameters"], op["parameters"] })
            {
                if (list is not { IsSequence: true }) continue;
                foreach (var p in list.Items)
                {
                    if (_context.Resolver.Follow(p) is { } parameter && parameter["schema"] is { } schema && parameter.Str("name") is { } name)
                    {
                        LiftUnder(schema, owner, names, 0, false, Naming.Clean(name), parameter.KeyOf("schema"));
                    }
                }
            }
            if (_context.Resolver.Follow(op["requestBody"])?["content"] is { IsMapping: true } body)
            {
                foreach (var c in body.Entries) if (c.Value["schema"] is { } s) LiftUnder(s, owner, names, 0, false, "Body", c.Value.KeyOf("schema"));
            }
            if (op["responses"] is not { IsMapping: true } responses) continue;
            foreach (var r in responses.Entries)
            {
                var isSuccess = OpenApiPaths.IsSuccess(r.Key);
                if (_context.Resolver.Follow(r.Value)?["content"] is not { IsMapping: true } content) continue;
                foreach (var c in content.Entries)
                {
                    if (c.Value["schema"] is { } s) LiftUnder(s, owner, names, 0, false, isSuccess ? "Response" : "Error", c.Value.KeyOf("schema"));
                }
            }
        }
    }

    private void LiftUnder(YNode node, string owner, HashSet<string> names, int depth, bool isRoot = false, string propName = "", YNode? keyNode = null)
    {
        if (depth > ModelContext.MaxInlineDepth || !node.IsMapping || node["$ref"] is not null) return;
        if (!isRoot && SchemaShapes.UnionList(node) is not null && !SchemaShapes.IsConstraintUnion(node) && SchemaShapes.NonNullMembers(node).Count > 1
            && _shapes.EnumUnionValues(node) is null && Schemas.LiftedAt(node) is null)
        {
            var wanted = owner + (propName.Length > 0 ? propName : "Inline");
            var name = wanted;
            for (var i = 2; !names.Add(name); i++) name = wanted + Naming.Int(i);
            Schemas.Lift(node, name, keyNode ?? node);
            owner = name;
            propName = "";
        }
        if (node["properties"] is { IsMapping: true } props)
        {
            foreach (var e in props.Entries) LiftUnder(e.Value, owner, names, depth + 1, false, propName + Naming.Clean(e.Key), e.KeyNode);
        }
        if (node["items"] is { IsMapping: true } items) LiftUnder(items, owner, names, depth + 1, false, propName + "Item", node.KeyOf("items"));
        if (node["additionalProperties"] is { IsMapping: true } ap)
        {
            LiftUnder(ap, owner, names, depth + 1, false, propName + "Value", node.KeyOf("additionalProperties"));
        }
        if (node["allOf"] is { IsSequence: true } all)
        {
            foreach (var part in all.Items) LiftUnder(part, owner, names, depth + 1, false, propName, keyNode);
        }
        // Inside a union's members too (anyOf: [{type: array, items: {anyOf: …}}, {type: 'null'}]): named after the member's kind.
        if (SchemaShapes.UnionList(node) is { IsSequence: true } members)
        {
            foreach (var member in members.Items)
            {
                if (member.IsMapping && member["$ref"] is null && !SchemaShapes.IsNullSchema(member))
                {
                    LiftUnder(member, owner, names, depth + 1, false, propName, keyNode);
                }
            }
        }
    }

    /// <summary>Each named schema by its form; a union without a discriminator stays an alias here.</summary>
    public void Classify()
    {
        foreach (var name in Schemas.Names)
        {
            Schemas[name].Class = Classify(Schemas[name].Node);
        }
    }

    private SchemaClass Classify(YNode node)
    {
        if (!node.IsMapping) return SchemaClass.Json;
        if (node["$ref"] is not null) return SchemaClass.Alias;
        var hasOneOf = (node["oneOf"] is not null || node["anyOf"] is not null) && !SchemaShapes.IsConstraintUnion(node);
        var disc = node["discriminator"];
        if (disc is not null && (hasOneOf || disc["mapping"] is { IsMapping: true, Entries.Count: > 0 }))
        {
            return SchemaClass.Union;
        }
        if (hasOneOf) return SchemaClass.Alias; // typed by UnionClassifier, or resolved (with a warning) where it is used
        if (node["enum"] is not null && SchemaShapes.IsStringType(node)) return SchemaClass.Enum;
        if (node["properties"] is not null) return SchemaClass.Record;
        var allOf = node["allOf"];
        if (allOf is { IsSequence: true })
        {
            // allOf: [ $ref X ] alone (or beside parts with nothing but annotations) is an alias of X (a common way to
            // attach a description).
            var meaningful = SchemaShapes.MeaningfulParts(allOf);
            if (meaningful.Count == 1 && meaningful[0].Str("$ref") is { } only)
            {
                // allOf: [$ref Union] alone is a variant without own properties; any other single reference is an alias.
                var target = SchemaResolver.SchemaName(only) is { } named && Schemas.TryNode(named, out var t) ? t : null;
                return target?["discriminator"] is not null ? SchemaClass.Record : SchemaClass.Alias;
            }
            // An allOf of values (a string schema and its description, constraints only) is that value, not a record.
            return _shapes.IsValueAllOf(node, out _) ? SchemaClass.Alias : SchemaClass.Record;
        }
        return SchemaClass.Alias;
    }
}
