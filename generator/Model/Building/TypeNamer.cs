using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// Names every generated type of a document: components and lifted unions by their schema names, inline records by
/// owner and property, inline enums by property (or owner and property when several value sets want one name). Hands
/// out a <see cref="TypeIdentity"/> for an inline enum at its first occurrence, so every reference to it is the same
/// object; <see cref="NameInlineEnums"/> names them all once every occurrence is known. Names are unique ignoring
/// case (they are file names too) and never those of the client's own types or of a generated type's fixed members.
/// </summary>
internal sealed class TypeNamer
{
    private readonly string _clientName;
    private readonly ModelDiagnostics _diagnostics;
    // Case-insensitive: hint names (file names) of Foo and FOO would collide, and so would they on disk.
    private readonly Dictionary<string, string> _taken = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, InlineEnum> _enumsByKey = new(StringComparer.Ordinal);
    private readonly List<InlineEnum> _enums = new();

    public TypeNamer(string clientName, ModelDiagnostics diagnostics)
    {
        _clientName = clientName;
        _diagnostics = diagnostics;
    }

    /// <summary>An inline enum: the name it wants, the type whose property declared it first, its values.</summary>
    public sealed class InlineEnum
    {
        public InlineEnum(string baseName, string owner, string[] values, string? description)
        {
            BaseName = baseName;
            Owner = owner;
            Values = values;
            Description = description;
        }

        public TypeIdentity Identity { get; } = new();
        public string BaseName { get; }
        public string Owner { get; }
        public string[] Values { get; }
        public string? Description { get; }
    }

    /// <summary>The C# name of a named schema (a component, or an inline union lifted to a name); <paramref name="at"/>
    /// gets the diagnostics of a rename.</summary>
    public string NameSchema(string origin, YNode? at, bool isEnum)
    {
        var clean = Naming.Clean(origin);
        // An open enum has members Value, IsKnown, ...: a type of that name gets "Enum" appended (CS0542 otherwise).
        if (isEnum && ReservedNames.EnumMembers.Contains(clean))
        {
            var renamed = clean + "Enum";
            if (at is not null) _diagnostics.Report(DiagnosticDescriptors.NameCollision, at, origin, clean, "a member of the generated enum struct", renamed);
            clean = renamed;
        }
        if (clean.Trim('_').Length == 0)
        {
            var fallback = "Schema" + Naming.Int(_taken.Count + 1);
            if (at is not null) _diagnostics.Report(DiagnosticDescriptors.InvalidIdentifier, at, origin, fallback);
            clean = fallback;
        }
        return Take(clean, origin, at);
    }

    /// <summary><paramref name="wanted"/>, or with the first free number appended (reported at <paramref name="at"/> when given).</summary>
    public string Take(string wanted, string origin, YNode? at)
    {
        var name = wanted;
        if (_taken.TryGetValue(name, out var owner) || IsReserved(name))
        {
            owner ??= ReservedNames.RecordMembers.Contains(name)
                ? "a member every generated record has"
                : "a type the generator emits itself (the client's types)";
            var i = 2;
            while (_taken.ContainsKey(wanted + Naming.Int(i)) || IsReserved(wanted + Naming.Int(i))) i++;
            name = wanted + Naming.Int(i);
            if (at is not null) _diagnostics.Report(DiagnosticDescriptors.NameCollision, at, origin, wanted, owner, name);
        }
        _taken[name] = origin;
        return name;
    }

    /// <summary>The client's own types (<c>{Base}Client</c>, <c>{Base}JsonContext</c>, ...) and the members every generated type has.</summary>
    private bool IsReserved(string name)
    {
        // A type may not be named like one of its own members (CS0542): the fixed members of records (enums: NameSchema).
        if (ReservedNames.RecordMembers.Contains(name)) return true;
        foreach (var suffix in ReservedNames.ClientTypeSuffixes)
        {
            if (string.Equals(name, _clientName + suffix, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The identity of the inline enum of <paramref name="values"/> declared by property <paramref name="propName"/> of
    /// <paramref name="owner"/>: one per distinct (name, values), shared by every reference.
    /// </summary>
    public TypeIdentity InlineEnumIdentity(string owner, string propName, string[] values, string? description)
    {
        // A property named only with underscores would name the enum '_', a discard in patterns.
        var baseName = propName.Trim('_').Length > 0 ? propName : owner + "Value";
        var key = baseName + "\u0000" + string.Join("\u0001", values);
        if (!_enumsByKey.TryGetValue(key, out var found))
        {
            found = new InlineEnum(baseName, owner, values, description);
            _enumsByKey[key] = found;
            _enums.Add(found);
        }
        return found.Identity;
    }

    /// <summary>
    /// Names every inline enum, now that all are known: identical value sets under one name share one type; when
    /// several value sets want the same name, each is prefixed with the type that first declared it (document order).
    /// </summary>
    public IReadOnlyList<InlineEnum> NameInlineEnums()
    {
        foreach (var group in _enums.GroupBy(e => e.BaseName))
        {
            var list = group.ToList();
            if (list.Count == 1 && !_taken.ContainsKey(group.Key) && !ReservedNames.EnumMembers.Contains(group.Key) && !IsReserved(group.Key))
            {
                list[0].Identity.Settle(Take(group.Key, "enum " + group.Key, null));
                continue;
            }
            foreach (var e in list) e.Identity.Settle(Take(e.Owner + e.BaseName, "enum " + e.Owner + "." + e.BaseName, null));
        }
        return _enums;
    }
}
