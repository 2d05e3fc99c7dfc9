using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Model;
using static Atlas.Codegen.Emit.KnownTypes;

namespace Atlas.Codegen.Emit;

/// <summary>
/// Emits the single-pass JSON members (<c>ReadValue</c>, <c>WriteValue</c>) of a generated type. Records read every
/// property straight from the <c>Utf8JsonReader</c>; a union finds the discriminator wherever it is (a forward scan
/// over a copy of the reader, nothing buffered), then reads the object once with the variant's own <c>ReadValue</c>;
/// an unknown value is read as the unknown variant, which keeps the object's raw JSON.
/// </summary>
internal static class JsonMembersEmitter
{

    /// <summary>
    /// Writes the JSON members into the generated type's own body: its static <c>ReadValue</c> and <c>WriteValue</c>
    /// (the type implements the runtime's <c>IAtlasJsonValue&lt;T&gt;</c>, and the one generic <c>AtlasJsonConverter&lt;T&gt;</c>
    /// calls them), and the name tables they use.
    /// </summary>
    internal static void WriteMembers(SourceWriter w, TypeSpec spec)
    {
        var full = "global::" + spec.Namespace + "." + spec.Name;
        switch (spec.Kind)
        {
            case TypeShape.Enum:
                EnumBody(w, spec, full);
                break;
            case TypeShape.Union:
                UnionBody(w, spec, full);
                break;
            case TypeShape.Choice:
                ChoiceBody(w, spec, full);
                break;
            default:
                RecordBody(w, spec, full);
                break;
        }
    }

    // ------------------------------------------------------------------ enums

    private static void EnumBody(SourceWriter w, TypeSpec spec, string full)
    {
        w.DocElement("summary", "Reads a value at the current token; unknown values are kept.");
        w.Line(KnownTypes.Hidden);
        using (w.Block("public static " + full + " ReadValue(ref " + Reader + " reader, " + Options + " options)"))
        {
            w.Line("if (reader.TokenType != " + TokenType + ".String) throw " + Helpers + ".Expected(" + TypeEmitter.Literal(spec.Name) + ", \"a string\", reader.TokenType);");
            // Known values without allocating (the shared instances); any other value is kept.
            w.Line("var known = " + ReservedNames.KnownNames + ".Find(ref reader);");
            w.Line("return known >= 0 ? " + full + ".KnownValues[known] : new " + full + "(reader.GetString()!);");
        }
        w.Line();
        w.DocElement("summary", "Writes the wire value.");
        w.Line(KnownTypes.Hidden);
        w.Line("public static void WriteValue(" + Writer + " writer, " + full + " value, " + Options + " options) => writer.WriteStringValue(value.Value);");
        // The wire values the spec declares, in the order of KnownValues.
        NamesField(w, ReservedNames.KnownNames, spec.EnumMembers.Select(m => m.Value));
    }

    // ------------------------------------------------------------------ records

    /// <summary>How an object reader treats the discriminator property.</summary>
    private enum DiscriminatorMode
    {
        // A plain record: no discriminator.
        None,
        // A variant with one value: the property is recognized and skipped (the type says it).
        Skip,
        // A variant several values map to, or the unknown variant: the value is read and kept.
        Keep,
    }

    private static void RecordBody(SourceWriter w, TypeSpec spec, string full)
    {
        // A variant's own property that redeclares an inherited one replaces it.
        var shadowed = new HashSet<string>(spec.Properties.Where(p => p.Shadows).Select(p => p.JsonName));
        var props = spec.BaseProperties.Where(p => !shadowed.Contains(p.JsonName)).Concat(spec.Properties).ToList();
        var d = spec.BaseName is not null ? spec.Discriminator : null;
        var multi = d is not null && spec.VariantValues.Count > 1;
        if (d is not null && !multi)
        {
            w.Line("private static readonly " + KnownTypes.EncodedText + " DiscriminatorText = " + KnownTypes.EncodedText + ".Encode(" + TypeEmitter.Literal(spec.VariantValue!) + ");");
            w.Line();
        }
        var mode = d is null ? DiscriminatorMode.None : multi ? DiscriminatorMode.Keep : DiscriminatorMode.Skip;
        w.DocElement("summary", "Reads an object at the current token (<c>StartObject</c>) in one pass; properties the spec does not declare are kept in <c>AdditionalProperties</c>.");
        w.Line(KnownTypes.Hidden);
        ReadObjectMethod(w, "public static " + (spec.BaseName is null ? "" : "new ") + full + " ReadValue(ref " + Reader + " reader, " + Options + " options)", spec.Name, props, d, mode,
            "return new " + full, multi ? TypeEmitter.MultiValueProperty + " = discriminator," : null,
            multi ? TypeEmitter.DiscriminatorLiteral(d!, spec.VariantValue!) : d is null ? null : TypeEmitter.Literal(spec.VariantValue!) + "u8",
            ReservedNames.PropertyNames);
        w.Line();
        WriteValueMethod(w, full, props, d, multi ? null : spec.VariantValue);
        ObjectNamesField(w, spec.Name, props, d, TypeEmitter.NotNull(spec));
    }

    /// <summary>The names an object reader recognizes: its properties, then the discriminator (if any).</summary>
    private static List<string> PropertyNames(List<PropertySpec> props, DiscriminatorSpec? d)
    {
        var names = props.Select(p => p.JsonName).ToList();
        if (d is not null) names.Add(d.JsonName);
        return names;
    }

    /// <summary>
    /// A method reading one object in a single forward pass: declared properties into locals, the discriminator as
    /// <paramref name="mode"/> says, anything else into the extension bag. The runtime's <c>AtlasObject</c> walks the
    /// properties (names, null values, extras, which were seen); the method only says how each declared value is read.
    /// A required property that is absent is an error with strict options and is otherwise listed in
    /// <c>MissingRequiredProperties</c> (writeOnly ones never count: a server does not send them).
    /// <paramref name="discriminatorValue"/>: in <see cref="DiscriminatorMode.Keep"/> the value assumed when the JSON has
    /// none, in <see cref="DiscriminatorMode.Skip"/> the variant's own value (UTF-8 literal) that the JSON's last
    /// occurrence must have.
    /// </summary>
    private static void ReadObjectMethod(SourceWriter w, string signature, string typeName, List<PropertySpec> props, DiscriminatorSpec? d,
        DiscriminatorMode mode, string constructHead, string? extraInit, string? discriminatorValue, string namesField, bool keepExtras = true,
        string? prologue = null)
    {
        using (w.Block(signature))
        {
            if (prologue is not null) w.Line(prologue);
            w.Line("var o = new " + KnownTypes.ObjectState + "(ref reader, " + namesField + (keepExtras ? "" : ", keepExtras: false")
                + (mode == DiscriminatorMode.Skip ? ", discriminator: " + props.Count : "") + ");");
            for (var i = 0; i < props.Count; i++) w.Line(LocalType(props[i].Type) + " p" + i + " = default;");
            if (mode == DiscriminatorMode.Keep)
            {
                w.Line(CSharp.Type(d!.Type) + " discriminator = " + (discriminatorValue ?? (d.Type.IsValueType ? "default" : "default!")) + ";");
            }
            var count = props.Count + (mode == DiscriminatorMode.None ? 0 : 1);
            if (count == 0)
            {
                w.Line("while (o.Next(ref reader) >= 0) { }");
            }
            else
            {
                w.Line("int i;");
                using (w.Block("while ((i = o.Next(ref reader)) >= 0)"))
                {
                    using (w.Block("switch (i)"))
                    {
                        for (var i = 0; i < count; i++)
                        {
                            if (i < props.Count)
                            {
                                w.Line("case " + i + ": p" + i + " = " + ReadExpr(props[i].Type) + "; break;");
                            }
                            else if (mode == DiscriminatorMode.Skip)
                            {
                                // The type says the value; another value last (a repeated name) makes the union read again.
                                w.Line("case " + i + ": o.Discriminator(ref reader, " + discriminatorValue + "); break;");
                            }
                            else
                            {
                                w.Line("case " + i + ":");
                                w.Indent();
                                w.Line("if (reader.TokenType != " + TokenType + ".String) throw " + Helpers + ".BadDiscriminator(" + TypeEmitter.Literal(typeName) + ", " + TypeEmitter.Literal(d!.JsonName) + ", reader.TokenType);");
                                w.Line("discriminator = " + (d.Type.Kind == ValueKind.Enum ? CSharp.JsonMembersOf(d.Type) + ".ReadValue(ref reader, options)" : Helpers + ".ReadString(ref reader, options)") + ";");
                                w.Line("break;");
                                w.Outdent();
                            }
                        }
                    }
                }
            }
            var assignments = new List<string>();
            if (extraInit is not null) assignments.Add(extraInit);
            for (var i = 0; i < props.Count; i++)
            {
                assignments.Add(props[i].Name + " = " + ValueOf(props[i], i) + ",");
                // Explicit-null properties: the initializer marks them assigned; the JSON says whether they were.
                if (props[i].TracksNull) assignments.Add(TypeEmitter.PresenceField(props[i]) + " = o.Has(" + i + "),");
            }
            if (keepExtras)
            {
                assignments.Add("AdditionalProperties = o.Extras,");
                if (props.Count > 0) assignments.Add(ReservedNames.NullProperties + " = o.Nulls(),");
            }
            assignments.Add("MissingRequiredProperties = o.Missing(options),");
            w.Line(constructHead);
            w.Line("{");
            w.Indent();
            foreach (var a in assignments) w.Line(a);
            w.Outdent();
            w.Line("};");
        }
    }

    /// <summary>Required when reading: listed as required and not writeOnly (a writeOnly property is required in requests only).</summary>
    private static bool RequiredOnRead(PropertySpec p) => p.Required && !p.WriteOnly;

    /// <summary>
    /// Declares the table that maps a property name (or string value) at the reader to its index: by UTF-8 length, then
    /// bytes, without allocating for the usual unescaped text (<c>AtlasNames</c> of the runtime; one line per type
    /// instead of a generated switch, so that the user's build compiles less).
    /// </summary>
    private static void NamesField(SourceWriter w, string field, IEnumerable<string> names, string access = "private")
    {
        w.Line();
        w.Line(access + " static readonly " + KnownTypes.Names + " " + field + " = new " + KnownTypes.Names + "(" + string.Join(", ", names.Select(TypeEmitter.Literal)) + ");");
    }

    /// <summary>The property names of an object type, with its name (for errors) and its required properties (<c>~index</c>: null allowed).</summary>
    /// <param name="notNull">The properties this type declares that a null read must be reported for (<c>AtlasNames.NotNull</c>).</param>
    private static void ObjectNamesField(SourceWriter w, string typeName, List<PropertySpec> props, DiscriminatorSpec? d, List<PropertySpec> notNull)
    {
        var required = Enumerable.Range(0, props.Count).Where(i => RequiredOnRead(props[i])).Select(i => props[i].Nullable ? ~i : i).ToList();
        var names = PropertyNames(props, d).ToList();
        var noNull = notNull.Select(p => names.IndexOf(p.JsonName)).Where(i => i >= 0).ToList();
        w.Line();
        w.Line("private static readonly " + KnownTypes.Names + " " + ReservedNames.PropertyNames + " = " + KnownTypes.Names + ".Object(" + TypeEmitter.Literal(typeName) + ", "
            + (required.Count == 0 ? "null" : "new int[] { " + string.Join(", ", required) + " }")
            + (noNull.Count == 0 ? ", null" : ", new int[] { " + string.Join(", ", noNull) + " }")
            + string.Concat(PropertyNames(props, d).Select(n => ", " + TypeEmitter.Literal(n))) + ");");
    }

    private static string LocalType(TypeRefSpec t) => CSharp.Type(t) + "?";

    /// <summary>The value of a property's local: none when its last occurrence in the JSON was null (a repeated name: the last one wins).</summary>
    private static string ValueOf(PropertySpec p, int local)
    {
        var last = "o.Last(" + local + ", p" + local + ")";
        return p.Nullable ? last : p.Type.IsValueType ? last + ".GetValueOrDefault()" : last + "!";
    }

    private static void WriteValueMethod(SourceWriter w, string full, List<PropertySpec> props, DiscriminatorSpec? d, string? variantValue)
    {
        w.DocElement("summary", "Writes the object" + (d is null ? "" : ", discriminator first") + ", then the properties it was read with beyond the spec; absent optional properties and required ones the JSON it came from lacked are omitted.");
        w.Line(KnownTypes.Hidden);
        using (w.Block("public static void WriteValue(" + Writer + " writer, " + full + " value, " + Options + " options)"))
        {
            // The names encoded once, in the order of the names table (the discriminator last).
            if (props.Count > 0 || d is not null) w.Line("var names = " + ReservedNames.PropertyNames + ".Encoded;");
            w.Line("writer.WriteStartObject();");
            if (d is not null && variantValue is not null)
            {
                // Read with another value last, the variant keeps that one among its undeclared properties: written there.
                w.Line("if (!" + Helpers + ".HasExtra(value.AdditionalProperties, " + TypeEmitter.Literal(d.JsonName) + ")) writer.WriteString(names[" + props.Count
                    + "], DiscriminatorText); // " + TypeEmitter.Literal(variantValue));
            }
            else if (d is not null)
            {
                w.Line("writer.WriteString(names[" + props.Count + "], value." + TypeEmitter.MultiValueProperty + (d.Type.Kind == ValueKind.Enum ? ".Value" : "") + ");");
            }
            if (props.Any(p => p.Required)) w.Line("var missing = value.MissingRequiredProperties;");
            var mayBeNull = props.Where(p => !p.TracksNull && (p.Nullable || !p.Type.IsValueType)).ToList();
            if (mayBeNull.Count > 0)
            {
                w.Line("var nulls = value." + ReservedNames.NullProperties + ";");
                w.Line("var anyNull = nulls.Count != 0;");
            }
            for (var i = 0; i < props.Count; i++)
            {
                var p = props[i];
                var name = "names[" + i + "]";
                var wasRead = Helpers + ".WasRead(missing, " + name + ")";
                if (!p.Nullable && p.Type.IsValueType)
                {
                    // Never null: written unless it is a required property the JSON it was read from lacked.
                    w.Line((p.Required ? "if (" + wasRead + ") " : "") + PropertyCall(p, name, null));
                    continue;
                }
                // Null: written as null when the JSON it was read from had it null, when assigned so (explicit null), or
                // when required and not left out by that JSON (a readOnly one is the server's to set, a writeOnly one the
                // server never sends: neither is sent as null unless read so); else omitted.
                var readNull = "anyNull && " + Helpers + ".Contains(nulls, " + name + ".Value)";
                var writeNull = p.TracksNull ? "value." + TypeEmitter.PresenceField(p)
                    : p.Required && !p.ReadOnly && !p.WriteOnly ? wasRead + " || " + readNull
                    : readNull;
                w.Line(PropertyCall(p, name, writeNull));
            }
            w.Line(Helpers + ".WriteExtras(writer, value.AdditionalProperties);");
            w.Line("writer.WriteEndObject();");
        }
    }

    /// <summary>One runtime call writing a property (omitted when null unless <paramref name="writeNull"/> says otherwise).</summary>
    private static string PropertyCall(PropertySpec p, string name, string? writeNull)
    {
        var t = p.Type;
        var value = "value." + p.Name;
        var tail = writeNull is null ? ");" : ", " + writeNull + ");";
        return t.Kind switch
        {
            ValueKind.Enum => Helpers + ".PropertyValue<" + CSharp.Type(t) + ">(writer, " + name + ", " + value + ", " + CSharp.JsonMembersOf(t) + ".WriteValue, options" + tail,
            ValueKind.Object => Helpers + ".PropertyObject<" + CSharp.Type(t) + ">(writer, " + name + ", " + value + ", " + CSharp.JsonMembersOf(t) + ".WriteValue, options" + tail,
            ValueKind.Array => Helpers + ".PropertyList<" + CSharp.Type(t.Element!) + ">(writer, " + name + ", " + value + ", " + ItemWriter(t.Element!) + ", options" + tail,
            ValueKind.Map => Helpers + ".PropertyMap<" + CSharp.Type(t.Element!) + ">(writer, " + name + ", " + value + ", " + ItemWriter(t.Element!) + ", options" + tail,
            _ => Helpers + "." + PropertyHelper(t) + "(writer, " + name + ", " + value + tail,
        };
    }

    /// <summary>The runtime helper writing a nullable primitive property (omitted when null), if the type is one.</summary>
    private static string PropertyHelper(TypeRefSpec t) => t.Kind switch
    {
        ValueKind.String => "PropertyString",
        ValueKind.Boolean => "PropertyBoolean",
        ValueKind.Int32 => "PropertyInt32",
        ValueKind.Int64 => "PropertyInt64",
        ValueKind.Double => "PropertyDouble",
        ValueKind.DateTimeOffset => "PropertyDateTimeOffset",
        _ => "PropertyJson",
    };

    // ------------------------------------------------------------------ choices

    private static void ChoiceBody(SourceWriter w, TypeSpec spec, string full)
    {
        var other = ReservedNames.ChoiceOther;
        w.DocElement("summary", "Reads the member the JSON token says (string, number, boolean, array, object; among objects, the one whose deciding property is present); any other value is kept raw in <c>" + other + "</c>.");
        w.Line(KnownTypes.Hidden);
        using (w.Block("public static " + full + " ReadValue(ref " + Reader + " reader, " + Options + " options)"))
        {
            using (w.Block("switch (reader.TokenType)"))
            {
                // A member that is itself a choice reads each of its kinds (no other member reads them).
                foreach (var (a, kind) in spec.Alternatives.SelectMany(a => a.AllKinds().Select(k => (a, k))).Where(p => p.k != JsonKind.Object))
                {
                    switch (kind)
                    {
                        case JsonKind.String:
                            w.Line("case " + TokenType + ".String:");
                            w.Indent();
                            if (a.Type.Kind == ValueKind.DateTimeOffset)
                            {
                                w.Line("if (reader.TryGetDateTimeOffset(out var date)) return new " + full + " { " + a.Name + " = date };");
                                w.Line("break;");
                            }
                            else w.Line("return new " + full + " { " + a.Name + " = " + ReadExpr(a.Type) + " };");
                            w.Outdent();
                            break;
                        case JsonKind.Number:
                            // Emitted once for every number member (below the switch over kinds).
                            break;
                        case JsonKind.Boolean:
                            w.Line("case " + TokenType + ".True:");
                            w.Line("case " + TokenType + ".False:");
                            w.Indent();
                            w.Line("return new " + full + " { " + a.Name + " = " + (a.Type.Kind == ValueKind.Boolean ? "reader.GetBoolean()" : ReadExpr(a.Type)) + " };");
                            w.Outdent();
                            break;
                        case JsonKind.Array:
                            w.Line("case " + TokenType + ".StartArray:");
                            w.Indent();
                            w.Line("return new " + full + " { " + a.Name + " = " + ReadExpr(a.Type) + " };");
                            w.Outdent();
                            break;
                    }
                }
                var numbers = spec.Alternatives.Where(a => a.AllKinds().Contains(JsonKind.Number))
                    .OrderBy(a => a.Type.Kind is ValueKind.Int32 or ValueKind.Int64 ? 0 : 1).ToList();
                if (numbers.Count > 0)
                {
                    // An integer member first: a fraction (or an integer too large) goes to the number member, if any.
                    w.Line("case " + TokenType + ".Number:");
                    w.Indent();
                    var n = 0;
                    foreach (var a in numbers)
                    {
                        var (tryGet, local) = a.Type.Kind switch { ValueKind.Int32 => ("TryGetInt32", "int"), ValueKind.Int64 => ("TryGetInt64", "long"), _ => ("TryGetDouble", "double") };
                        if (a.Type.Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double)
                        {
                            w.Line("if (reader." + tryGet + "(out " + local + " number" + n + ")) return new " + full + " { " + a.Name + " = number" + n + " };");
                        }
                        else
                        {
                            w.Line("return new " + full + " { " + a.Name + " = " + ReadExpr(a.Type) + " };");
                        }
                        n++;
                    }
                    if (numbers.All(a => a.Type.Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double)) w.Line("break;");
                    w.Outdent();
                }
                var objects = spec.Alternatives.Where(a => a.AllKinds().Contains(JsonKind.Object)).ToList();
                if (objects.Count > 0)
                {
                    w.Line("case " + TokenType + ".StartObject:");
                    w.Indent();
                    var fallback = objects.FirstOrDefault(a => a.Deciding is null && !a.IsTried);
                    var deciding = objects.Where(a => a.Deciding is not null).ToList();
                    if (spec.ExactlyOne) ExactlyOneOf(w, full, deciding);
                    else if (deciding.Count > 0)
                    {
                        // Several deciding properties present (anyOf): the first such member in document order, whatever the JSON order.
                        w.Line("var scan = reader; // a struct copy: find the deciding properties, nothing buffered");
                        w.Line("var found = -1;");
                        using (w.Block("while (found != 0 && scan.Read() && scan.TokenType == " + TokenType + ".PropertyName)"))
                        {
                            for (var k = 0; k < deciding.Count; k++)
                            {
                                w.Line("if ((found < 0 || found > " + k + ") && scan.ValueTextEquals(" + TypeEmitter.Literal(deciding[k].Deciding!) + "u8)) found = " + k + ";");
                            }
                            w.Line("scan.Read();");
                            w.Line("scan.Skip();");
                        }
                        using (w.Block("switch (found)"))
                        {
                            for (var k = 0; k < deciding.Count; k++)
                            {
                                w.Line("case " + k + ": return new " + full + " { " + deciding[k].Name + " = " + ReadExpr(deciding[k].Type) + " };");
                            }
                        }
                    }
                    if (objects.Any(a => a.IsTried)) TriedObjects(w, full, objects.Where(a => a.IsTried).ToList());
                    w.Line(fallback is null ? "break;" : "return new " + full + " { " + fallback.Name + " = " + ReadExpr(fallback.Type) + " };");
                    w.Outdent();
                }
            }
            w.Line("return new " + full + " { " + other + " = " + Helpers + ".ReadRaw(ref reader) };");
        }
        w.Line();
        w.DocElement("summary", "Writes the member that is set (the first, if several are), else the kept raw value, else null.");
        w.Line(KnownTypes.Hidden);
        using (w.Block("public static void WriteValue(" + Writer + " writer, " + full + " value, " + Options + " options)"))
        {
            foreach (var a in spec.Alternatives)
            {
                using (w.Block("if (value." + a.Name + " is { } " + Local(a) + ")"))
                {
                    w.Line(WriteStatement(a.Type, Local(a)));
                    w.Line("return;");
                }
            }
            using (w.Block("if (value." + other + " is { } raw)"))
            {
                w.Line(Helpers + ".WriteRaw(writer, raw);");
                w.Line("return;");
            }
            w.Line("writer.WriteNullValue();");
        }
        var tried = spec.Alternatives.Where(a => a.IsTried).ToList();
        if (tried.Count == 0) return;
        static string Names(IEnumerable<string> names) => "new string[] { " + string.Join(", ", names.Select(TypeEmitter.Literal)) + " }";
        w.Line();
        w.Line("private static readonly string[][] " + ReservedNames.TriedDeclared + " = { " + string.Join(", ", tried.Select(a => Names(a.Declared))) + " };");
        w.Line();
        w.Line("private static readonly string[][] " + ReservedNames.TriedRequired + " = { " + string.Join(", ", tried.Select(a => Names(a.Required))) + " };");
    }

    /// <summary>
    /// oneOf with object members told apart by deciding properties: one present picks its member; several present, each
    /// of those members reads and validates the object in turn, and the count of those it matches is kept for
    /// validation (exactly one must); the value is the first that matched, else the first that read.
    /// </summary>
    private static void ExactlyOneOf(SourceWriter w, string full, List<AlternativeSpec> deciding)
    {
        w.Line("var scan = reader; // a struct copy: find the deciding properties, nothing buffered");
        w.Line("var present = 0;");
        using (w.Block("while (scan.Read() && scan.TokenType == " + TokenType + ".PropertyName)"))
        {
            for (var k = 0; k < deciding.Count; k++)
            {
                w.Line("if (scan.ValueTextEquals(" + TypeEmitter.Literal(deciding[k].Deciding!) + "u8)) present |= " + Naming.Int(1 << k) + ";");
            }
            w.Line("scan.Read();");
            w.Line("scan.Skip();");
        }
        using (w.Block("switch (present)"))
        {
            for (var k = 0; k < deciding.Count; k++)
            {
                w.Line("case " + Naming.Int(1 << k) + ": return new " + full + " { " + deciding[k].Name + " = " + ReadExpr(deciding[k].Type) + " };");
            }
        }
        using (w.Block("if ((present & (present - 1)) != 0)"))
        {
            w.Line("var from = reader;");
            w.Line(full + "? first = null;");
            w.Line("var after = reader;");
            w.Line("var matches = 0;");
            using (w.Block("for (var k = 0; k < " + Naming.Int(deciding.Count) + "; k++)"))
            {
                w.Line("if ((present & (1 << k)) == 0) continue;");
                ReadCandidate(w, full, deciding, "d", "from");
                w.Line("if (valid) matches++;");
                using (w.Block("if (first is null || (valid && matches == 1))"))
                {
                    w.Line("first = candidate;");
                    w.Line("after = reader;");
                }
                w.Line("reader = from;");
            }
            using (w.Block("if (first is not null)"))
            {
                w.Line("reader = after;");
                w.Line("return first with { " + ReservedNames.OneOfMatches + " = matches == 0 ? -1 : matches };");
            }
        }
    }

    /// <summary>
    /// Object members that nothing tells apart: tried in the order the runtime ranks them (required properties present,
    /// most declared ones present); the first that reads and validates wins, else the first that reads, else the value
    /// is kept raw. Each try reads from the same start (the reader is a struct; the whole value is buffered).
    /// </summary>
    private static void TriedObjects(SourceWriter w, string full, List<AlternativeSpec> tried)
    {
        w.Line("var start = reader;");
        w.Line(full + "? readable = null;");
        w.Line("var end = reader;");
        using (w.Block("foreach (var k in " + Helpers + ".RankObjects(reader, " + ReservedNames.TriedDeclared + ", " + ReservedNames.TriedRequired + "))"))
        {
            ReadCandidate(w, full, tried, "t", "start");
            w.Line("if (valid) return candidate;");
            using (w.Block("if (readable is null)"))
            {
                w.Line("readable = candidate;");
                w.Line("end = reader;");
            }
            w.Line("reader = start;");
        }
        using (w.Block("if (readable is not null)"))
        {
            w.Line("reader = end;");
            w.Line("return readable;");
        }
    }

    /// <summary>
    /// One try in a loop over candidate members (<c>k</c>): member k read from the current token into <c>candidate</c>,
    /// <c>valid</c> set when it validates; a value the member cannot read puts the reader back at <paramref name="start"/>
    /// and goes on with the next member.
    /// </summary>
    private static void ReadCandidate(SourceWriter w, string full, List<AlternativeSpec> members, string prefix, string start)
    {
        w.Line(full + " candidate;");
        w.Line("bool valid;");
        using (w.Block("try"))
        {
            using (w.Block("switch (k)"))
            {
                for (var k = 0; k < members.Count; k++)
                {
                    var a = members[k];
                    var t = prefix + Naming.Int(k);
                    w.Line("case " + Naming.Int(k) + ":");
                    w.Indent();
                    w.Line("var " + t + " = " + ReadExpr(a.Type) + ";");
                    w.Line("candidate = new " + full + " { " + a.Name + " = " + t + " };");
                    w.Line("valid = " + (a.Type.Kind == ValueKind.Object ? t + ".GetValidationErrors().Count == 0" : "true") + ";");
                    w.Line("break;");
                    w.Outdent();
                }
                w.Line("default: continue;");
            }
        }
        using (w.Block("catch (global::System.Exception e) when (" + Helpers + ".IsReadFailure(e))"))
        {
            w.Line("reader = " + start + ";");
            w.Line("continue;");
        }
    }

    private static string Local(AlternativeSpec a) => "v" + a.Name;

    // ------------------------------------------------------------------ unions

    private static void UnionBody(SourceWriter w, TypeSpec spec, string full)
    {
        var d = spec.Discriminator!;
        var shared = spec.Properties.ToList();
        // Several discriminator values may map to one schema: one case per variant type, the value kept on the instance.
        var variants = spec.Variants.GroupBy(v => v.TypeName).Select(g => g.First()).ToList();
        var unknownFull = "global::" + spec.Namespace + "." + spec.UnknownName;

        w.DocElement("summary", "Reads an object at the current token: finds the discriminator wherever it is (a forward scan over a copy of the reader, nothing buffered), then reads the object once with the variant's converter; an unknown value gives <see cref=\"" + spec.UnknownName + "\"/>.");
        w.Line(KnownTypes.Hidden);
        using (w.Block("public static " + full + " ReadValue(ref " + Reader + " reader, " + Options + " options)"))
        {
            w.Line("if (reader.TokenType != " + TokenType + ".StartObject) throw " + Helpers + ".Expected(" + TypeEmitter.Literal(spec.Name) + ", \"an object\", reader.TokenType);");
            // The first occurrence decides; a variant that meets another value of the discriminator later (a repeated
            // name) stops, and the object is read again by the last occurrence's variant, as System.Text.Json's last wins.
            w.Line("var start = reader;");
            using (w.Block("for (var lastWins = false; ; lastWins = true)"))
            {
                w.Line("var variant = " + Helpers + ".FindVariant(reader, " + TypeEmitter.Literal(d.JsonName) + "u8, " + ReservedNames.DiscriminatorValues
                    + ", lastWins, out var kind); // -2: no discriminator, -1: an unknown value, n: the n-th value");
                using (w.Block("if (kind != " + TokenType + ".String)"))
                {
                    w.Line("if (!lastWins) continue;");
                    w.Line("throw " + Helpers + ".BadDiscriminator(" + TypeEmitter.Literal(spec.Name) + ", " + TypeEmitter.Literal(d.JsonName) + ", kind);");
                }
                w.Line(full + " value;");
                UnionDispatch(w, spec, d);
                // A variant read with another value of the discriminator last keeps it among its undeclared properties;
                // an unknown value read with a known one last: the object is another variant's, read again.
                w.Line("if (lastWins || !(value is " + unknownFull + " unknown ? " + ReservedNames.DiscriminatorValues + ".Contains(unknown."
                    + DiscriminatorText(d) + ") : " + Helpers + ".HasExtra(value.AdditionalProperties, " + TypeEmitter.Literal(d.JsonName) + "))) return value;");
                w.Line("reader = start;");
            }
        }
        w.Line();
        w.DocElement("summary", "Reads an object whose discriminator value is unknown: the shared properties, and the whole object as raw JSON.");
        ReadObjectMethod(w, "private static " + unknownFull + " ReadUnknown(ref " + Reader + " reader, " + Options + " options)", spec.Name, shared, d, DiscriminatorMode.Keep,
            "return new " + unknownFull + "(discriminator, " + Helpers + ".ReadRaw(ref start))", null, null,
            ReservedNames.PropertyNames, keepExtras: false,
            prologue: "var start = reader; // the raw JSON is kept from here");
        UnionWriteValue(w, spec, full, variants, unknownFull);
    }

    /// <summary>The union's read by the variant the scan found (<c>variant</c>) into <c>value</c>.</summary>
    private static void UnionDispatch(SourceWriter w, TypeSpec spec, DiscriminatorSpec d)
    {
        using (w.Block("switch (variant)"))
        {
            w.Line("case -2:");
            w.Indent();
            // Without the discriminator the object is kept as the unknown variant (raw JSON), as a required property left
            // out is reported rather than fatal; strict options refuse it unless the discriminator is only inferred.
            if (!d.Inferred)
            {
                w.Line("if (" + Helpers + ".IsStrict(options)) throw " + Helpers + ".MissingDiscriminator(" + TypeEmitter.Literal(spec.Name) + ", "
                    + TypeEmitter.Literal(d.JsonName) + ");");
            }
            w.Line("value = ReadUnknown(ref reader, options);");
            w.Line("break;");
            w.Outdent();
            for (var k = 0; k < spec.Variants.Count; k++)
            {
                var vfull = "global::" + spec.Namespace + "." + spec.Variants[k].TypeName;
                w.Line("case " + k + ":");
                w.Indent();
                w.Line("value = " + vfull + ".ReadValue(ref reader, options);");
                w.Line("break;");
                w.Outdent();
            }
            w.Line("default:");
            w.Indent();
            w.Line("value = ReadUnknown(ref reader, options);");
            w.Line("break;");
            w.Outdent();
        }
    }

    /// <summary>The member of the unknown variant holding the discriminator value, as a string.</summary>
    private static string DiscriminatorText(DiscriminatorSpec d) => d.PropertyName + (d.Type.Kind == ValueKind.Enum ? ".Value" : "");

    private static void UnionWriteValue(SourceWriter w, TypeSpec spec, string full, List<VariantSpec> variants, string unknownFull)
    {
        w.Line();
        w.DocElement("summary", "Writes the variant with its own converter (discriminator first); an unknown variant writes its raw JSON back byte for byte.");
        w.Line(KnownTypes.Hidden);
        using (w.Block("public static void WriteValue(" + Writer + " writer, " + full + " value, " + Options + " options)"))
        {
            using (w.Block("switch (value)"))
            {
                foreach (var v in variants)
                {
                    var vfull = "global::" + spec.Namespace + "." + v.TypeName;
                    w.Line("case " + vfull + " x:");
                    w.Indent();
                    w.Line(vfull + ".WriteValue(writer, x, options);");
                    w.Line("break;");
                    w.Outdent();
                }
                w.Line("case " + unknownFull + " unknown:");
                w.Indent();
                w.Line(Helpers + ".WriteRaw(writer, unknown." + spec.RawJsonName + ");");
                w.Line("break;");
                w.Outdent();
                w.Line("default:");
                w.Indent();
                w.Line("throw new global::System.Text.Json.JsonException(" + TypeEmitter.Literal(spec.Name + ": cannot serialize a variant this converter does not know: ") + " + value.GetType().FullName);");
                w.Outdent();
            }
        }
        w.Line();
        ObjectNamesField(w, spec.Name, spec.Properties.ToList(), spec.Discriminator, TypeEmitter.NotNull(spec));
        NamesField(w, ReservedNames.DiscriminatorValues, spec.Variants.Select(v => v.Value));
    }

    // ------------------------------------------------------------------ values

    /// <summary>An expression reading a non-null value of type <paramref name="t"/> at the current token.</summary>
    private static string ReadExpr(TypeRefSpec t) => t.Kind switch
    {
        ValueKind.String => "reader.GetString()",
        ValueKind.Boolean => "reader.GetBoolean()",
        ValueKind.Int32 => Helpers + ".ReadInt32(ref reader, options)",
        ValueKind.Int64 => Helpers + ".ReadInt64(ref reader, options)",
        ValueKind.Double => "reader.GetDouble()",
        ValueKind.DateTimeOffset => Helpers + ".ReadDateTimeOffset(ref reader, options)",
        ValueKind.Enum or ValueKind.Object => CSharp.JsonMembersOf(t) + ".ReadValue(ref reader, options)",
        ValueKind.Array => Helpers + ".ReadList<" + CSharp.Type(t.Element!) + ">(ref reader, options, " + ItemReader(t.Element!) + ")",
        ValueKind.Map => Helpers + ".ReadMap<" + CSharp.Type(t.Element!) + ">(ref reader, options, " + ItemReader(t.Element!) + ")",
        _ => Helpers + ".ReadRaw(ref reader)",
    };

    internal static string ItemReader(TypeRefSpec t) => t.Kind switch
    {
        ValueKind.String => Helpers + ".ReadString",
        ValueKind.Boolean => Helpers + ".ReadBoolean",
        ValueKind.Int32 => Helpers + ".ReadInt32",
        ValueKind.Int64 => Helpers + ".ReadInt64",
        ValueKind.Double => Helpers + ".ReadDouble",
        ValueKind.DateTimeOffset => Helpers + ".ReadDateTimeOffset",
        ValueKind.Enum or ValueKind.Object => CSharp.JsonMembersOf(t) + ".ReadValue",
        ValueKind.Array or ValueKind.Map => "static (ref " + Reader + " r, " + Options + " o) => " + ReadExpr(t).Replace("(ref reader, options,", "(ref r, o,"),
        _ => Helpers + ".ReadJson",
    };

    internal static string WriteStatement(TypeRefSpec t, string v) => t.Kind switch
    {
        ValueKind.String => "writer.WriteStringValue(" + v + ");",
        ValueKind.DateTimeOffset => Helpers + ".WriteDateTimeOffset(writer, " + v + ", options);",
        ValueKind.Boolean => "writer.WriteBooleanValue(" + v + ");",
        ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double => "writer.WriteNumberValue(" + v + ");",
        ValueKind.Enum or ValueKind.Object => CSharp.JsonMembersOf(t) + ".WriteValue(writer, " + v + ", options);",
        ValueKind.Array => Helpers + ".WriteList<" + CSharp.Type(t.Element!) + ">(writer, " + v + ", options, " + ItemWriter(t.Element!) + ");",
        ValueKind.Map => Helpers + ".WriteMap<" + CSharp.Type(t.Element!) + ">(writer, " + v + ", options, " + ItemWriter(t.Element!) + ");",
        _ => Helpers + ".WriteRaw(writer, " + v + ");",
    };

    internal static string ItemWriter(TypeRefSpec t) => t.Kind switch
    {
        ValueKind.String => Helpers + ".WriteString",
        ValueKind.Boolean => Helpers + ".WriteBoolean",
        ValueKind.Int32 => Helpers + ".WriteInt32",
        ValueKind.Int64 => Helpers + ".WriteInt64",
        ValueKind.Double => Helpers + ".WriteDouble",
        ValueKind.DateTimeOffset => Helpers + ".WriteDateTimeOffset",
        ValueKind.Enum or ValueKind.Object => CSharp.JsonMembersOf(t) + ".WriteValue",
        ValueKind.Array or ValueKind.Map => "static (" + Writer + " w, " + CSharp.Type(t) + " x, " + Options + " o) => " + WriteStatement(t, "x").Replace("(writer, x, options,", "(w, x, o,").TrimEnd(';'),
        _ => Helpers + ".WriteJson",
    };
}
