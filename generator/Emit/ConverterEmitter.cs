using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Model;

namespace Atlas.Codegen.Emit;

/// <summary>
/// Emits the single-pass <c>JsonConverter&lt;T&gt;</c> of a generated type. Records read every property straight from
/// the <c>Utf8JsonReader</c>; unions read shared and variant properties in the same pass wherever the discriminator
/// is, and only go back over the object (from a copy of the reader, no buffering) for an unknown discriminator
/// value or when two variants give the same property different types and that property came before the
/// discriminator.
/// </summary>
internal static class ConverterEmitter
{
    private const string R = KnownTypes.Reader;
    private const string W = KnownTypes.Writer;
    private const string O = KnownTypes.Options;
    private const string T = KnownTypes.TokenType;
    private const string H = KnownTypes.Helpers;

    internal static string Render(TypeSpec spec)
    {
        var w = new SourceWriter();
        w.FileHeader();
        using (w.Block("namespace " + spec.Namespace))
        {
            var full = "global::" + spec.Namespace + "." + spec.Name;
            w.DocElement("summary", "Single-pass System.Text.Json converter for <see cref=\"" + spec.Name + "\"/>, generated from the OpenAPI document (no reflection).");
            w.Line(KnownTypes.GeneratedCode);
            using (w.Block(spec.Accessibility + " sealed class " + spec.Name + "JsonConverter : " + KnownTypes.JsonConverterOf + "<" + full + ">"))
            {
                w.DocElement("summary", "A shared instance.");
                w.Line("public static readonly " + spec.Name + "JsonConverter Instance = new " + spec.Name + "JsonConverter();");
                w.Line();
                w.Line("/// <inheritdoc/>");
                w.Line("public override " + full + " Read(ref " + R + " reader, " + KnownTypes.Type + " typeToConvert, " + O + " options) => ReadValue(ref reader, options);");
                w.Line();
                w.Line("/// <inheritdoc/>");
                w.Line("public override void Write(" + W + " writer, " + full + " value, " + O + " options) => WriteValue(writer, value, options);");
                w.Line();
                switch (spec.Kind)
                {
                    case TypeKind.Enum:
                        EnumBody(w, spec, full);
                        break;
                    case TypeKind.Union:
                        UnionBody(w, spec, full);
                        break;
                    default:
                        RecordBody(w, spec, full);
                        break;
                }
            }
        }
        return w.ToString();
    }

    // ------------------------------------------------------------------ enums

    private static void EnumBody(SourceWriter w, TypeSpec spec, string full)
    {
        w.DocElement("summary", "Reads a value at the current token; unknown values are kept.");
        using (w.Block("public static " + full + " ReadValue(ref " + R + " reader, " + O + " options)"))
        {
            w.Line("if (reader.TokenType != " + T + ".String) throw " + H + ".Expected(" + TypeEmitter.Literal(spec.Name) + ", \"a string\", reader.TokenType);");
            if (spec.EnumMembers.Count > 0)
            {
                // Known values without allocating: length, then bytes; escaped text takes the general path.
                using (w.Block("if (!reader.ValueIsEscaped && !reader.HasValueSequence)"))
                {
                    w.Line("var text = reader.ValueSpan;");
                    MatchByLength(w, spec.EnumMembers.Select(m => (m.Value, full + "." + m.Name)).ToList(), "text", "new " + full + "(reader.GetString()!)");
                }
                foreach (var m in spec.EnumMembers)
                {
                    w.Line("if (reader.ValueTextEquals(" + TypeEmitter.Literal(m.Value) + "u8)) return " + full + "." + m.Name + ";");
                }
            }
            w.Line("return new " + full + "(reader.GetString()!);");
        }
        w.Line();
        w.DocElement("summary", "Writes the wire value.");
        w.Line("public static void WriteValue(" + W + " writer, " + full + " value, " + O + " options) => writer.WriteStringValue(value.Value);");
    }

    // ------------------------------------------------------------------ records

    private static void RecordBody(SourceWriter w, TypeSpec spec, string full)
    {
        var props = spec.BaseProperties.Concat(spec.Properties).ToList();
        var d = spec.BaseName is not null ? spec.Discriminator : null;
        EncodedNames(w, props, d);
        if (d is not null && spec.VariantValues.Count <= 1)
        {
            w.Line("private static readonly " + KnownTypes.EncodedText + " DiscriminatorText = " + KnownTypes.EncodedText + ".Encode(" + TypeEmitter.Literal(spec.VariantValue!) + ");");
            w.Line();
        }

        w.DocElement("summary", "Reads an object at the current token (<c>StartObject</c>); unknown properties are skipped.");
        using (w.Block("public static " + full + " ReadValue(ref " + R + " reader, " + O + " options)"))
        {
            w.Line("if (reader.TokenType != " + T + ".StartObject) throw " + H + ".Expected(" + TypeEmitter.Literal(spec.Name) + ", \"an object\", reader.TokenType);");
            for (var i = 0; i < props.Count; i++) DeclareLocal(w, props[i], i);
            var multi = d is not null && spec.VariantValues.Count > 1;
            if (multi) w.Line(d!.Type.TypeName + " discriminator = " + TypeEmitter.DiscriminatorLiteral(d, spec.VariantValue!) + ";");
            var names = props.Select(p => p.JsonName).ToList();
            if (multi) names.Add(d!.JsonName);
            using (w.Block("while (reader.Read() && reader.TokenType != " + T + ".EndObject)"))
            {
                Dispatch(w, names.Count, index =>
                {
                    w.Line("reader.Read();");
                    if (index < props.Count)
                    {
                        ReadInto(w, props[index].Type, index, props[index].Required);
                        return;
                    }
                    w.Line("if (reader.TokenType != " + T + ".String) throw " + H + ".BadDiscriminator(" + TypeEmitter.Literal(spec.Name) + ", " + TypeEmitter.Literal(d!.JsonName) + ", reader.TokenType);");
                    w.Line("discriminator = " + (d.Type.Kind == ValueKind.Enum ? d.Type.Converter + ".ReadValue(ref reader, options)" : "reader.GetString()!") + ";");
                });
            }
            for (var i = 0; i < props.Count; i++) RequiredCheck(w, spec.Name, props[i], i);
            Construct(w, "return new " + full, props, Enumerable.Range(0, props.Count).ToList(), ";", multi ? TypeEmitter.MultiValueProperty + " = discriminator," : null);
        }
        w.Line();
        WriteValueMethod(w, full, props, d, spec.VariantValues.Count > 1 ? null : spec.VariantValue);
        w.Line();
        IndexMethod(w, props.Select(p => p.JsonName).Concat(d is not null && spec.VariantValues.Count > 1 ? new[] { d.JsonName } : new string[0]).ToList());
    }

    /// <summary><c>switch (PropertyIndex(ref reader))</c> over <paramref name="count"/> names; anything else is skipped.</summary>
    private static void Dispatch(SourceWriter w, int count, System.Action<int> body)
    {
        if (count == 0)
        {
            w.Line("reader.Read();");
            w.Line("reader.Skip();");
            return;
        }
        using (w.Block("switch (PropertyIndex(ref reader))"))
        {
            for (var i = 0; i < count; i++)
            {
                w.Line("case " + i + ":");
                w.Indent();
                body(i);
                w.Line("break;");
                w.Outdent();
            }
            w.Line("default:");
            w.Indent();
            w.Line("reader.Read();");
            w.Line("reader.Skip();");
            w.Line("break;");
            w.Outdent();
        }
    }

    /// <summary>
    /// Maps the property name at the reader to its index: a switch on the length, then one byte comparison, for the
    /// usual unescaped names; <c>ValueTextEquals</c> for escaped or segmented ones.
    /// </summary>
    private static void IndexMethod(SourceWriter w, List<string> names)
    {
        if (names.Count == 0) return;
        using (w.Block("private static int PropertyIndex(ref " + R + " reader)"))
        {
            using (w.Block("if (!reader.ValueIsEscaped && !reader.HasValueSequence)"))
            {
                w.Line("var name = reader.ValueSpan;");
                MatchByLength(w, names.Select((n, i) => (n, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(), "name", "-1");
            }
            for (var i = 0; i < names.Count; i++)
            {
                w.Line("if (reader.ValueTextEquals(" + TypeEmitter.Literal(names[i]) + "u8)) return " + i + ";");
            }
            w.Line("return -1;");
        }
    }

    /// <summary>Writes <c>switch (span.Length) { case n: if (span.SequenceEqual("..."u8)) return result; ... }</c>, then <c>return fallback;</c>.</summary>
    internal static void MatchByLength(SourceWriter w, List<(string Text, string Result)> cases, string span, string fallback)
    {
        using (w.Block("switch (" + span + ".Length)"))
        {
            foreach (var group in cases.GroupBy(c => System.Text.Encoding.UTF8.GetByteCount(c.Text)).OrderBy(g => g.Key))
            {
                w.Line("case " + group.Key + ":");
                w.Indent();
                foreach (var c in group)
                {
                    w.Line("if (global::System.MemoryExtensions.SequenceEqual(" + span + ", " + TypeEmitter.Literal(c.Text) + "u8)) return " + c.Result + ";");
                }
                w.Line("break;");
                w.Outdent();
            }
        }
        w.Line("return " + fallback + ";");
    }

    private static void EncodedNames(SourceWriter w, IEnumerable<PropertySpec> props, DiscriminatorSpec? d)
    {
        var seen = new HashSet<string>();
        var any = d is not null;
        if (d is not null)
        {
            w.Line("private static readonly " + KnownTypes.EncodedText + " DiscriminatorName = " + KnownTypes.EncodedText + ".Encode(" + TypeEmitter.Literal(d.JsonName) + ");");
        }
        foreach (var p in props)
        {
            if (!seen.Add(p.JsonName)) continue;
            w.Line("private static readonly " + KnownTypes.EncodedText + " " + EncodedName(p) + " = " + KnownTypes.EncodedText + ".Encode(" + TypeEmitter.Literal(p.JsonName) + ");");
            any = true;
        }
        if (any) w.Line();
    }

    private static string EncodedName(PropertySpec p) => "Name" + p.Name.TrimStart('@');

    private static string LocalType(TypeRefSpec t) => t.TypeName + "?";

    private static void DeclareLocal(SourceWriter w, PropertySpec p, int i)
    {
        w.Line(LocalType(p.Type) + " p" + i + " = default;");
        if (p.Required) w.Line("var h" + i + " = false;");
    }

    private static void ReadInto(SourceWriter w, TypeRefSpec t, int i, bool required)
    {
        w.Line("p" + i + " = reader.TokenType == " + T + ".Null ? (" + LocalType(t) + ")null : " + ReadExpr(t) + ";");
        if (required) w.Line("h" + i + " = true;");
    }

    private static void RequiredCheck(SourceWriter w, string typeName, PropertySpec p, int i)
    {
        if (!p.Required) return;
        w.Line("if (!h" + i + ") throw " + H + ".MissingRequired(" + TypeEmitter.Literal(typeName) + ", " + TypeEmitter.Literal(p.JsonName) + ");");
        if (!p.Nullable)
        {
            w.Line("if (p" + i + " is null) throw " + H + ".NullRequired(" + TypeEmitter.Literal(typeName) + ", " + TypeEmitter.Literal(p.JsonName) + ");");
        }
    }

    private static string ValueOf(PropertySpec p, int local)
        => !p.Nullable && p.Type.IsValueType ? "p" + local + ".GetValueOrDefault()" : "p" + local;

    private static void Construct(SourceWriter w, string head, List<PropertySpec> props, List<int> locals, string tail, string? extra = null)
    {
        if (props.Count == 0 && extra is null)
        {
            w.Line(head + (head.EndsWith(")") ? "" : "()") + tail);
            return;
        }
        w.Line(head);
        w.Line("{");
        w.Indent();
        if (extra is not null) w.Line(extra);
        for (var i = 0; i < props.Count; i++) w.Line(props[i].Name + " = " + ValueOf(props[i], locals[i]) + ",");
        w.Outdent();
        w.Line("}" + tail);
    }

    private static void WriteValueMethod(SourceWriter w, string full, List<PropertySpec> props, DiscriminatorSpec? d, string? variantValue)
    {
        w.DocElement("summary", "Writes the object" + (d is null ? "" : ", discriminator first") + "; absent optional properties are omitted.");
        using (w.Block("public static void WriteValue(" + W + " writer, " + full + " value, " + O + " options)"))
        {
            w.Line("writer.WriteStartObject();");
            if (d is not null && variantValue is not null)
            {
                w.Line("writer.WriteString(DiscriminatorName, DiscriminatorText); // " + variantValue);
            }
            else if (d is not null)
            {
                w.Line("writer.WriteString(DiscriminatorName, value." + TypeEmitter.MultiValueProperty + (d.Type.Kind == ValueKind.Enum ? ".Value" : "") + ");");
            }
            var i = 0;
            foreach (var p in props)
            {
                var v = "v" + i++;
                if (!p.Nullable)
                {
                    w.Line("writer.WritePropertyName(" + EncodedName(p) + ");");
                    w.Line(WriteStatement(p.Type, "value." + p.Name));
                    continue;
                }
                using (w.Block("if (value." + p.Name + " is { } " + v + ")"))
                {
                    w.Line("writer.WritePropertyName(" + EncodedName(p) + ");");
                    w.Line(WriteStatement(p.Type, v));
                }
                if (p.Required)
                {
                    using (w.Block("else"))
                    {
                        w.Line("writer.WriteNull(" + EncodedName(p) + ");");
                    }
                }
            }
            w.Line("writer.WriteEndObject();");
        }
    }

    // ------------------------------------------------------------------ unions

    private sealed class Slot
    {
        public Slot(int index, PropertySpec property) { Index = index; Property = property; }
        public int Index { get; }
        public PropertySpec Property { get; }
    }

    private static void UnionBody(SourceWriter w, TypeSpec spec, string full)
    {
        var d = spec.Discriminator!;
        var shared = spec.Properties.ToList();
        // One local per (JSON name, type): variants that agree on a property share its local.
        var slots = new List<Slot>();
        var slotOf = new Dictionary<string, int>();
        int SlotFor(PropertySpec p)
        {
            var key = p.JsonName + "\u0000" + p.Type.TypeName;
            if (!slotOf.TryGetValue(key, out var s))
            {
                s = slots.Count;
                slots.Add(new Slot(s, p));
                slotOf[key] = s;
            }
            else if (p.Required && !slots[s].Property.Required)
            {
                // a presence flag is needed when any variant requires the property
                slots[s] = new Slot(s, slots[s].Property with { Required = true });
            }
            return s;
        }
        var sharedSlots = shared.Select(SlotFor).ToList();
        // Several discriminator values may map to one schema: one case per variant type, the value kept on the instance.
        var variants = spec.Variants.GroupBy(v => v.TypeName).Select(g => g.First()).ToList();
        var multiValued = new HashSet<string>(spec.Variants.GroupBy(v => v.TypeName).Where(g => g.Count() > 1).Select(g => g.Key));
        var variantSlots = variants.Select(v => v.Properties.Select(SlotFor).ToList()).ToList();
        var byJson = new Dictionary<string, List<int>>();
        var jsonOrder = new List<string>();
        foreach (var s in slots)
        {
            if (!byJson.TryGetValue(s.Property.JsonName, out var l))
            {
                byJson[s.Property.JsonName] = l = new List<int>();
                jsonOrder.Add(s.Property.JsonName);
            }
            l.Add(s.Index);
        }
        // A property whose type differs between variants and comes before the discriminator: text-backed types
        // (strings, open enums) are kept as text and converted once the variant is known; others re-read the object.
        var conflicting = jsonOrder.Where(j => byJson[j].Count > 1).ToList();
        var textual = new Dictionary<string, int>();
        foreach (var json in conflicting)
        {
            if (byJson[json].All(s => slots[s].Property.Type.Kind is ValueKind.String or ValueKind.Enum && !slots[s].Property.Required)) textual[json] = textual.Count;
        }
        var conflicts = conflicting.Count > textual.Count;
        var names = new List<string> { d.JsonName };
        names.AddRange(jsonOrder);

        w.DocElement("summary", "Reads an object at the current token in one pass, wherever the discriminator is; an unknown discriminator value gives <see cref=\"" + spec.UnknownName + "\"/>.");
        using (w.Block("public static " + full + " ReadValue(ref " + R + " reader, " + O + " options)"))
        {
            w.Line("if (reader.TokenType != " + T + ".StartObject) throw " + H + ".Expected(" + TypeEmitter.Literal(spec.Name) + ", \"an object\", reader.TokenType);");
            w.Line("var start = reader; // a struct copy: used only to re-read an unknown variant" + (conflicts ? " or a conflicting property" : ""));
            w.Line("var variant = 0; // 0: no discriminator yet, -1: unknown value, n: the n-th variant");
            w.Line(d.Type.TypeName + " discriminator = default;");
            if (conflicts) w.Line("var reread = false;");
            foreach (var s in slots) DeclareLocal(w, s.Property, s.Index);
            using (w.Block("while (reader.Read() && reader.TokenType != " + T + ".EndObject)"))
            {
                Dispatch(w, names.Count, index =>
                {
                    w.Line("reader.Read();");
                    if (index == 0)
                    {
                        w.Line("if (reader.TokenType != " + T + ".String) throw " + H + ".BadDiscriminator(" + TypeEmitter.Literal(spec.Name) + ", " + TypeEmitter.Literal(d.JsonName) + ", reader.TokenType);");
                        using (w.Block("switch (DiscriminatorIndex(ref reader))"))
                        {
                            for (var k = 0; k < spec.Variants.Count; k++)
                            {
                                var value = spec.Variants[k];
                                var vi = variants.FindIndex(x => x.TypeName == value.TypeName) + 1;
                                var keep = multiValued.Contains(value.TypeName) ? " discriminator = " + TypeEmitter.DiscriminatorLiteral(d, value.Value) + ";" : "";
                                w.Line("case " + k + ": variant = " + vi + ";" + keep + " break;");
                            }
                            w.Line("default: variant = -1; discriminator = " + (d.Type.Kind == ValueKind.Enum ? d.Type.Converter + ".ReadValue(ref reader, options)" : "reader.GetString()!") + "; break;");
                        }
                        return;
                    }
                    var json = names[index];
                    var candidates = byJson[json];
                    if (candidates.Count == 1)
                    {
                        ReadInto(w, slots[candidates[0]].Property.Type, candidates[0], slots[candidates[0]].Property.Required);
                        return;
                    }
                    using (w.Block("switch (variant)"))
                    {
                        for (var v = 0; v < variants.Count; v++)
                        {
                            var mine = -1;
                            foreach (var s in variantSlots[v])
                            {
                                if (slots[s].Property.JsonName == json && candidates.Contains(s)) mine = s;
                            }
                            if (mine < 0) continue;
                            w.Line("case " + (v + 1) + ":");
                            w.Indent();
                            ReadInto(w, slots[mine].Property.Type, mine, slots[mine].Property.Required);
                            w.Line("break;");
                            w.Outdent();
                        }
                        w.Line("case 0:");
                        w.Indent();
                        if (textual.ContainsKey(json))
                        {
                            // Text-backed in every variant: read the token once per candidate type (known enum values
                            // allocate nothing); the variant picks its own once the discriminator is known.
                            foreach (var s in candidates) ReadInto(w, slots[s].Property.Type, s, false);
                        }
                        else
                        {
                            w.Line("reread = true; // the discriminator comes later and the variants disagree on this property's type");
                            w.Line("reader.Skip();");
                        }
                        w.Line("break;");
                        w.Outdent();
                        w.Line("default:");
                        w.Indent();
                        w.Line("reader.Skip();");
                        w.Line("break;");
                        w.Outdent();
                    }
                });
            }
            using (w.Block("switch (variant)"))
            {
                w.Line("case 0:");
                w.Indent();
                w.Line("throw " + H + ".MissingDiscriminator(" + TypeEmitter.Literal(spec.Name) + ", " + TypeEmitter.Literal(d.JsonName) + ");");
                w.Outdent();
                for (var v = 0; v < variants.Count; v++)
                {
                    var variant = variants[v];
                    var vfull = "global::" + spec.Namespace + "." + variant.TypeName;
                    w.Line("case " + (v + 1) + ":");
                    using (w.Block(""))
                    {
                        if (conflicts) w.Line("if (reread) return " + vfull + "JsonConverter.ReadValue(ref start, options);");
                        var props = shared.Concat(variant.Properties).ToList();
                        var locals = sharedSlots.Concat(variantSlots[v]).ToList();
                        for (var i = 0; i < props.Count; i++) RequiredCheck(w, variant.TypeName, props[i], locals[i]);
                        Construct(w, "return new " + vfull, props, locals, ";", multiValued.Contains(variant.TypeName) ? TypeEmitter.MultiValueProperty + " = discriminator," : null);
                    }
                }
                w.Line("default:");
                using (w.Block(""))
                {
                    for (var i = 0; i < shared.Count; i++) RequiredCheck(w, spec.Name, shared[i], sharedSlots[i]);
                    Construct(w, "return new global::" + spec.Namespace + "." + spec.UnknownName + "(discriminator, " + KnownTypes.JsonElement + ".ParseValue(ref start))", shared, sharedSlots, ";");
                }
            }
        }
        w.Line();
        w.DocElement("summary", "Writes the variant with its own converter (discriminator first); an unknown variant writes its raw JSON back.");
        using (w.Block("public static void WriteValue(" + W + " writer, " + full + " value, " + O + " options)"))
        {
            using (w.Block("switch (value)"))
            {
                foreach (var v in variants)
                {
                    var vfull = "global::" + spec.Namespace + "." + v.TypeName;
                    w.Line("case " + vfull + " x:");
                    w.Indent();
                    w.Line(vfull + "JsonConverter.WriteValue(writer, x, options);");
                    w.Line("break;");
                    w.Outdent();
                }
                w.Line("case global::" + spec.Namespace + "." + spec.UnknownName + " unknown:");
                w.Indent();
                w.Line("unknown." + spec.RawJsonName + ".WriteTo(writer);");
                w.Line("break;");
                w.Outdent();
                w.Line("default:");
                w.Indent();
                w.Line("throw new global::System.Text.Json.JsonException(" + TypeEmitter.Literal(spec.Name + ": cannot serialize a variant this converter does not know: ") + " + value.GetType().FullName);");
                w.Outdent();
            }
        }
        w.Line();
        IndexMethod(w, names);
        w.Line();
        using (w.Block("private static int DiscriminatorIndex(ref " + R + " reader)"))
        {
            using (w.Block("if (!reader.ValueIsEscaped && !reader.HasValueSequence)"))
            {
                w.Line("var value = reader.ValueSpan;");
                MatchByLength(w, spec.Variants.Select((v, k) => (v.Value, k.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(), "value", "-1");
            }
            for (var k = 0; k < spec.Variants.Count; k++) w.Line("if (reader.ValueTextEquals(" + TypeEmitter.Literal(spec.Variants[k].Value) + "u8)) return " + k + ";");
            w.Line("return -1;");
        }
    }

    // ------------------------------------------------------------------ values

    /// <summary>An expression reading a non-null value of type <paramref name="t"/> at the current token.</summary>
    private static string ReadExpr(TypeRefSpec t) => t.Kind switch
    {
        ValueKind.String => "reader.GetString()",
        ValueKind.Boolean => "reader.GetBoolean()",
        ValueKind.Int32 => "reader.GetInt32()",
        ValueKind.Int64 => "reader.GetInt64()",
        ValueKind.Double => "reader.GetDouble()",
        ValueKind.DateTimeOffset => "reader.GetDateTimeOffset()",
        ValueKind.Enum or ValueKind.Object => t.Converter + ".ReadValue(ref reader, options)",
        ValueKind.Array => H + ".ReadList<" + t.Element!.TypeName + ">(ref reader, options, " + ItemReader(t.Element) + ")",
        ValueKind.Map => H + ".ReadMap<" + t.Element!.TypeName + ">(ref reader, options, " + ItemReader(t.Element) + ")",
        _ => KnownTypes.JsonElement + ".ParseValue(ref reader)",
    };

    internal static string ItemReader(TypeRefSpec t) => t.Kind switch
    {
        ValueKind.String => H + ".ReadString",
        ValueKind.Boolean => H + ".ReadBoolean",
        ValueKind.Int32 => H + ".ReadInt32",
        ValueKind.Int64 => H + ".ReadInt64",
        ValueKind.Double => H + ".ReadDouble",
        ValueKind.DateTimeOffset => H + ".ReadDateTimeOffset",
        ValueKind.Enum or ValueKind.Object => t.Converter + ".ReadValue",
        ValueKind.Array or ValueKind.Map => "static (ref " + R + " r, " + O + " o) => " + ReadExpr(t).Replace("(ref reader, options,", "(ref r, o,"),
        _ => H + ".ReadJson",
    };

    internal static string WriteStatement(TypeRefSpec t, string v) => t.Kind switch
    {
        ValueKind.String or ValueKind.DateTimeOffset => "writer.WriteStringValue(" + v + ");",
        ValueKind.Boolean => "writer.WriteBooleanValue(" + v + ");",
        ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double => "writer.WriteNumberValue(" + v + ");",
        ValueKind.Enum or ValueKind.Object => t.Converter + ".WriteValue(writer, " + v + ", options);",
        ValueKind.Array => H + ".WriteList<" + t.Element!.TypeName + ">(writer, " + v + ", options, " + ItemWriter(t.Element) + ");",
        ValueKind.Map => H + ".WriteMap<" + t.Element!.TypeName + ">(writer, " + v + ", options, " + ItemWriter(t.Element) + ");",
        _ => v + ".WriteTo(writer);",
    };

    internal static string ItemWriter(TypeRefSpec t) => t.Kind switch
    {
        ValueKind.String => H + ".WriteString",
        ValueKind.Boolean => H + ".WriteBoolean",
        ValueKind.Int32 => H + ".WriteInt32",
        ValueKind.Int64 => H + ".WriteInt64",
        ValueKind.Double => H + ".WriteDouble",
        ValueKind.DateTimeOffset => H + ".WriteDateTimeOffset",
        ValueKind.Enum or ValueKind.Object => t.Converter + ".WriteValue",
        ValueKind.Array or ValueKind.Map => "static (" + W + " w, " + t.TypeName + " x, " + O + " o) => " + WriteStatement(t, "x").Replace("(writer, x, options,", "(w, x, o,").TrimEnd(';'),
        _ => H + ".WriteJson",
    };
}
