using System;
using System.Collections.Generic;
using Atlas.Codegen.Infrastructure;

namespace Atlas.Codegen.Parsing;

internal enum YKind : byte
{
    Scalar,
    Sequence,
    Mapping,
}

/// <summary>
/// One node of a parsed YAML/JSON document: no YamlDotNet object survives the parse step.
/// </summary>
/// <remarks>
/// Pipeline value: immutable with structural equality (positions included, so diagnostics never point at stale
/// lines). The lookup index and the hash are caches derived from the immutable content.
/// </remarks>
internal sealed class YNode : IEquatable<YNode>
{
    private Dictionary<string, YNode>? _index;
    private int _hash;

    public YNode(YKind kind, string? value, bool plain, EquatableArray<YNode> items, EquatableArray<YEntry> entries,
        int line, int column, int start, int end, int size)
    {
        Kind = kind;
        Value = value;
        Plain = plain;
        Items = items;
        Entries = entries;
        Line = line;
        Column = column;
        Start = start;
        End = end;
        Size = size;
    }

    public YKind Kind { get; }

    /// <summary>Scalar text (null for collections).</summary>
    public string? Value { get; }

    /// <summary>True for a plain (unquoted) scalar: only those can be null, booleans or numbers.</summary>
    public bool Plain { get; }

    public EquatableArray<YNode> Items { get; }

    public EquatableArray<YEntry> Entries { get; }

    /// <summary>0-based line and column of the node's first character.</summary>
    public int Line { get; }

    public int Column { get; }

    public int Start { get; }

    public int End { get; }

    /// <summary>Number of nodes in this subtree (aliases counted as expanded), used for the alias-bomb budget.</summary>
    public int Size { get; }

    public bool IsMapping => Kind == YKind.Mapping;

    public bool IsSequence => Kind == YKind.Sequence;

    public bool IsScalar => Kind == YKind.Scalar;

    public bool IsNull => Kind == YKind.Scalar && Plain && (Value is "" or "~" or "null" or "Null" or "NULL");

    public YNode? this[string key]
    {
        get
        {
            if (Kind != YKind.Mapping) return null;
            if (Entries.Count <= 8)
            {
                YNode? found = null;
                foreach (var e in Entries)
                {
                    if (e.Key == key) found = e.Value;
                }
                return found;
            }
            var index = _index;
            if (index is null)
            {
                index = new Dictionary<string, YNode>(Entries.Count, StringComparer.Ordinal);
                foreach (var e in Entries) index[e.Key] = e.Value;
                _index = index;
            }
            return index.TryGetValue(key, out var v) ? v : null;
        }
    }

    public string? Str(string key)
    {
        var n = this[key];
        return n is { IsScalar: true } && !n.IsNull ? n.Value : null;
    }

    /// <summary>The node standing for <paramref name="key"/>'s key in this mapping (or this node when there is no
    /// such key): a diagnostic about a construct points at its keyword.</summary>
    public YNode KeyOf(string key)
    {
        foreach (var e in Entries)
        {
            if (e.Key == key) return e.KeyNode;
        }
        return this;
    }

    public bool Bool(string key)
    {
        var n = this[key];
        return n is { IsScalar: true, Value: "true" or "True" or "TRUE" };
    }

    public bool Equals(YNode? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null) return false;
        return Kind == other.Kind && Size == other.Size && Line == other.Line && Column == other.Column
            && Start == other.Start && End == other.End && Plain == other.Plain
            && GetHashCode() == other.GetHashCode()
            && string.Equals(Value, other.Value, StringComparison.Ordinal)
            && Items.Equals(other.Items) && Entries.Equals(other.Entries);
    }

    public override bool Equals(object? obj) => Equals(obj as YNode);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var h = 17;
        h = unchecked(h * 31 + (int)Kind);
        h = unchecked(h * 31 + Line);
        h = unchecked(h * 31 + Column);
        h = unchecked(h * 31 + (Value is null ? 0 : StringHash(Value)));
        h = unchecked(h * 31 + Items.GetHashCode());
        h = unchecked(h * 31 + Entries.GetHashCode());
        if (h == 0) h = 1;
        _hash = h;
        return h;
    }

    // string.GetHashCode is randomised per process; a stable hash keeps runs comparable.
    private static int StringHash(string s)
    {
        var h = unchecked((int)2166136261);
        foreach (var c in s) h = unchecked((h ^ c) * 16777619);
        return h;
    }
}

/// <summary>One key/value pair of a mapping.</summary>
internal sealed record YEntry(string Key, int KeyLine, int KeyColumn, YNode Value)
{
    /// <summary>A scalar node standing for the key, so that a diagnostic about a name points at the name.</summary>
    public YNode KeyNode
        => new(YKind.Scalar, Key, true, EquatableArray<YNode>.Empty, EquatableArray<YEntry>.Empty, KeyLine, KeyColumn, Value.Start, Value.Start, 1);
}
