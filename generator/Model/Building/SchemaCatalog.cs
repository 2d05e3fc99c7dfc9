using System;
using System.Collections.Generic;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>How the selected operations use a schema: sent (request types drop readOnly properties), received
/// (responses drop writeOnly ones), or both.</summary>
[Flags]
internal enum SchemaUsage
{
    None = 0,
    Request = 1,
    Response = 2,
}

/// <summary>
/// What a named schema becomes. Four kinds are generated types (<see cref="Record"/>, <see cref="Union"/>,
/// <see cref="Enum"/>, <see cref="Choice"/>, each then a <see cref="TypeShape"/>); <see cref="Alias"/> takes the type of
/// what it refers to or describes, <see cref="Json"/> is <c>JsonElement</c>.
/// </summary>
internal enum SchemaClass
{
    Alias,
    Record,
    Union,
    Enum,
    Json,
    Choice,
}

/// <summary>
/// One named schema and what each step learns about it: classification, C# name (when emitted), union information,
/// the union it derives from, and how the selected operations use it.
/// </summary>
internal sealed class SchemaState
{
    public SchemaState(YNode node, YNode key)
    {
        Node = node;
        Key = key;
    }

    /// <summary>The schema.</summary>
    public YNode Node { get; }

    /// <summary>Where diagnostics about it point (its key in components.schemas, or the lifted property).</summary>
    public YNode Key { get; }

    public SchemaClass Class { get; set; }

    /// <summary>True when it becomes a generated type of its own.</summary>
    public bool IsType => Class is SchemaClass.Record or SchemaClass.Union or SchemaClass.Enum or SchemaClass.Choice;

    /// <summary>Its C# type name, once named (only emitted schemas are).</summary>
    public string? TypeName { get; set; }

    /// <summary>For a union: its discriminator and variants.</summary>
    public UnionInfo? Union { get; set; }

    /// <summary>For a variant: the union it derives from (the first, when several list it).</summary>
    public string? BaseOf { get; set; }

    /// <summary>How the selected operations use it (request, response); null when none reaches it.</summary>
    public SchemaUsage? Usage { get; set; }

    /// <summary>For a union without a declared discriminator: the property inferred from the members' enums, and value → member.</summary>
    public (string Property, List<KeyValuePair<string, string>> Mapping)? Inferred { get; set; }

    /// <summary>For a choice: each member with its JSON kind and deciding property; for object members that none tells
    /// apart (several), the properties each declares and requires (they are tried in the order these rank them).</summary>
    public List<ChoiceMember>? Choice { get; set; }
}

/// <summary>One member of a choice: the JSON kinds it reads (several for a member that is itself a choice), the property
/// that picks it among object members; for object members that none tells apart (several), the properties each
/// declares and requires.</summary>
internal sealed record ChoiceMember(YNode Member, JsonKind[] Kinds, string? Deciding, string[]? Declared, string[]? Required)
{
    public JsonKind Kind => Kinds[0];
}

/// <summary>A union's discriminator property and its variants (value → schema name).</summary>
internal sealed class UnionInfo
{
    public UnionInfo(string discriminator) => Discriminator = discriminator;

    public string Discriminator { get; }

    public List<KeyValuePair<string, string>> Variants { get; } = new();
}

/// <summary>
/// Every named schema of a document — the components, and the inline unions lifted to a name — in document order,
/// with what the builder's steps learn about each (<see cref="SchemaState"/>).
/// </summary>
internal sealed class SchemaCatalog
{
    private readonly Dictionary<string, SchemaState> _schemas = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();
    // Inline unions lifted to a name: node start → name; and the unions read as one record of every member's properties.
    private readonly Dictionary<int, string> _lifted = new();
    private readonly HashSet<int> _superset = new();

    /// <summary>The names, in document order (lifted unions after the components).</summary>
    public IReadOnlyList<string> Names => _order;

    public SchemaState this[string name] => _schemas[name];

    public bool Contains(string name) => _schemas.ContainsKey(name);

    public bool TryGet(string name, out SchemaState state) => _schemas.TryGetValue(name, out state!);

    /// <summary>The schema of a named schema, when there is one of that name.</summary>
    public bool TryNode(string name, out YNode node)
    {
        var found = _schemas.TryGetValue(name, out var state);
        node = found ? state!.Node : null!;
        return found;
    }

    public void Add(string name, YNode node, YNode key)
    {
        _schemas[name] = new SchemaState(node, key);
        _order.Add(name);
    }

    /// <summary>Names the inline union <paramref name="node"/>: from now on it is a named schema.</summary>
    public void Lift(YNode node, string name, YNode key)
    {
        _lifted[node.Start] = name;
        Add(name, node, key);
    }

    /// <summary>The name an inline union was lifted to, or null.</summary>
    public string? LiftedAt(YNode node) => _lifted.TryGetValue(node.Start, out var name) ? name : null;

    /// <summary>Marks a union whose members nothing tells apart: it is read as one record of every member's properties.</summary>
    public void MarkSuperset(YNode node) => _superset.Add(node.Start);

    public bool IsSuperset(YNode node) => _superset.Contains(node.Start);

    public SchemaUsage UsageOf(string name) => _schemas[name].Usage ?? SchemaUsage.None;
}
