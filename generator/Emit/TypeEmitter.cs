using System.Collections.Generic;
using System.Linq;
using System.Text;
using Atlas.Codegen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Emit;

/// <summary>Emits one generated type: a record (plain or union variant), a union base with its unknown variant, or an open enum.</summary>
internal static class TypeEmitter
{
    private const string Helpers = KnownTypes.Helpers;

    public static void Emit(SourceProductionContext spc, TypeSpec spec)
    {
        spc.CancellationToken.ThrowIfCancellationRequested();
        spc.AddSource(GeneratedFiles.Of(spec), SourceText.From(Render(spec), Encoding.UTF8));
    }

    internal static string Render(TypeSpec spec)
    {
        var w = new SourceWriter();
        w.FileHeader();
        using (w.Block("namespace " + spec.Namespace))
        {
            switch (spec.Kind)
            {
                case TypeShape.Enum:
                    WriteEnum(w, spec);
                    break;
                case TypeShape.Union:
                    WriteUnion(w, spec);
                    break;
                case TypeShape.Choice:
                    WriteChoice(w, spec);
                    break;
                default:
                    WriteRecord(w, spec);
                    break;
            }
        }
        return w.ToString();
    }

    private static void TypeAttributes(SourceWriter w, TypeSpec spec)
    {
        w.Line(KnownTypes.GeneratedCode);
        w.Line("[" + KnownTypes.JsonConverterAttribute + "(typeof(" + CSharp.ConverterOf(Full(spec)) + "))]");
        if (spec.Deprecated) w.Line("[global::System.Obsolete(\"Deprecated in the OpenAPI document.\")]");
    }

    private static string Full(TypeSpec spec) => CSharp.Qualified(spec.Namespace, spec.Name);

    /// <summary>The type's own JSON members (after its other members), from <see cref="JsonMembersEmitter"/>.</summary>
    private static void WriteJsonMembers(SourceWriter w, TypeSpec spec)
    {
        w.Line();
        JsonMembersEmitter.WriteMembers(w, spec);
    }

    private static void WriteChoice(SourceWriter w, TypeSpec spec)
    {
        w.Doc(spec.Description);
        TypeAttributes(w, spec);
        using (w.Block(CSharp.Keyword(spec.Accessibility) + " sealed partial record " + spec.Name + " : " + CSharp.JsonValueOf(Full(spec))))
        {
            foreach (var a in spec.Alternatives)
            {
                var what = a.Kind == JsonKind.Object && a.SeveralKinds == 0
                    ? (a.IsTried ? "an object that reads and validates as this member (tried in turn with the other object members nothing tells apart)"
                        : a.Deciding is null ? "an object (any object the other members do not claim)"
                        : "an object with <c>" + SourceWriter.Escape(a.Deciding) + "</c>")
                    : "a JSON " + string.Join(" or ", a.AllKinds().Select(k => k.ToString().ToLowerInvariant()));
                w.DocElement("summary", "Set when the value is " + what + (a.Description is null ? "." : ": " + SourceWriter.Escape(a.Description)));
                w.Line("public " + CSharp.Type(a.Type, nullable: true) + " " + a.Name + " { get; init; }");
                w.Line();
            }
            w.DocElement("summary", "A value of none of the members (raw JSON), kept so that it is written back as it came.");
            w.Line("public " + KnownTypes.JsonElement + "? " + ReservedNames.ChoiceOther + " { get; init; }");
            w.Line();
            if (spec.ExactlyOne)
            {
                w.DocElement("summary", "For an object read with several deciding properties: how many members it matched (-1: none; 0: not counted).");
                w.Line("internal int " + ReservedNames.OneOfMatches + " { get; init; }");
                w.Line();
            }
            if (!spec.Validates)
            {
                NoValidation(w, "The spec's constraints the member that is set breaks: always empty (no member has a constraint).");
            }
            else
            {
                w.DocElement("summary", "The spec's constraints the member that is set breaks (recursively); empty when it is valid.");
                w.Line(GetValidationErrorsLine);
                w.Line();
                w.Line("/// <summary>Adds the violations of the member that is set to <paramref name=\"errors\"/>, each prefixed with <paramref name=\"path\"/>; returns <paramref name=\"errors\"/>.</summary>");
                using (w.Block("internal void ValidateInto(global::System.Collections.Generic.List<string> errors, string path)"))
                {
                    if (spec.ExactlyOne)
                    {
                        var matches = ReservedNames.OneOfMatches;
                        w.Line("if (" + matches + " > 1) errors.Add(path + \"(oneOf): the object matches \" + " + matches
                            + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" of its members, exactly one must match\");");
                        w.Line("if (" + matches + " < 0) errors.Add(path + \"(oneOf): the object matches none of its members\");");
                    }
                    if (spec.ReportsOther)
                    {
                        w.Line("if (" + ReservedNames.ChoiceOther + " is not null) errors.Add(path + \"(oneOf): the value matches none of the members\");");
                    }
                    foreach (var a in spec.Alternatives.Where(a => a.ValidatesNested))
                    {
                        if (a.Type.Kind == ValueKind.Object) w.Line("if (" + a.Name + " is { } v" + a.Name + ") v" + a.Name + ".ValidateInto(errors, path);");
                        else if (a.Type is { Kind: ValueKind.Array, Element.Kind: ValueKind.Object })
                        {
                            w.Line(KnownTypes.Check + ".Items(errors, path, \"\", " + a.Name + ", static (x, e, at) => x.ValidateInto(e, at));");
                        }
                    }
                }
            }
            foreach (var a in spec.Alternatives)
            {
                // C# allows no user-defined conversion from an interface (lists, maps).
                if (a.Type.Kind is ValueKind.Array or ValueKind.Map) continue;
                w.Line();
                w.DocElement("summary", "A value of the member <see cref=\"" + a.Name + "\"/>.");
                w.Line("public static implicit operator " + spec.Name + "(" + CSharp.Type(a.Type) + " value) => new() { " + a.Name + " = value };");
            }
            w.Line();
            WriteJsonText(w, spec, "");
            WriteJsonMembers(w, spec);
        }
    }

    private static void WriteRecord(SourceWriter w, TypeSpec spec)
    {
        w.Doc(spec.Description);
        TypeAttributes(w, spec);
        var header = CSharp.Keyword(spec.Accessibility) + " sealed partial record " + spec.Name + " : "
            + (spec.BaseName is null ? "" : CSharp.Qualified(spec.Namespace, spec.BaseName) + ", ") + CSharp.JsonValueOf(Full(spec));
        using (w.Block(header))
        {
            var first = true;
            if (spec.BaseName is not null && spec.Discriminator is { } d)
            {
                if (spec.VariantValues.Count > 1)
                {
                    var values = string.Join(", ", spec.VariantValues.Select(v => "<c>" + SourceWriter.Escape(v) + "</c>"));
                    w.DocElement("summary", "The discriminator value, one of " + values + ": several values share this variant.");
                    w.Line("public override " + CSharp.Type(d.Type) + " " + d.PropertyName + " => " + MultiValueProperty + ";");
                    w.Line();
                    w.DocElement("summary", "Which of " + values + " this instance is (default <c>" + SourceWriter.Escape(spec.VariantValue!) + "</c>); written on serialization.");
                    w.Line("public " + CSharp.Type(d.Type) + " " + MultiValueProperty + " { get; init; } = " + DiscriminatorLiteral(d, spec.VariantValue!) + ";");
                }
                else
                {
                    w.DocElement("summary", "Always <c>" + SourceWriter.Escape(spec.VariantValue!) + "</c> for this variant: the discriminator value written on serialization.", null);
                    w.Line("public override " + CSharp.Type(d.Type) + " " + d.PropertyName + " => " + DiscriminatorLiteral(d, spec.VariantValue!) + ";");
                }
                first = false;
            }
            foreach (var p in spec.Properties)
            {
                if (!first) w.Line();
                first = false;
                WriteProperty(w, p);
            }
            if (spec.BaseName is null)
            {
                if (!first) w.Line();
                WriteBookkeeping(w);
            }
            WriteValidation(w, spec, spec.BaseName is null ? "" : "override ", spec.BaseName is not null);
            w.Line();
            if (spec.BaseName is null) WriteJsonText(w, spec, "");
            else WritePrintMembers(w, "protected override ");
            WriteJsonMembers(w, spec);
        }
    }

    /// <summary>
    /// <c>ToString()</c> is the JSON serialization writes (properties beyond the spec included), instead of the record's
    /// synthesized member list; declaring <c>PrintMembers</c> too keeps the compiler from synthesizing it for every type
    /// (less code in the user's build). A union base seals it: every variant prints through the union's converter.
    /// </summary>
    private static void WriteJsonText(SourceWriter w, TypeSpec spec, string modifier)
    {
        w.DocElement("summary", "The value as the JSON serialization writes (properties beyond the spec included).");
        w.Line("public " + modifier + "override string ToString() => " + Helpers + ".ToJsonText(this, WriteValue);");
        w.Line();
        WritePrintMembers(w, modifier == "" ? "private " : "protected virtual ");
    }

    private static void WritePrintMembers(SourceWriter w, string modifiers)
    {
        // A private one (a sealed record's) needs no doc; a union's virtual one says what it does, its overrides inherit that.
        if (modifiers.StartsWith("protected virtual", System.StringComparison.Ordinal)) w.DocElement("summary", "Appends the JSON of <see cref=\"object.ToString\"/> (records print their members through this method).");
        else if (modifiers.StartsWith("protected", System.StringComparison.Ordinal)) w.Line("/// <inheritdoc/>");
        w.Line(modifiers + "bool PrintMembers(global::System.Text.StringBuilder builder) => " + Helpers + ".Print(builder, ToString());");
    }

    // Through a per-thread list: nothing is allocated for a valid value (the violations are copied out when there are some).
    private const string GetValidationErrorsLine = "public global::System.Collections.Generic.IReadOnlyList<string> GetValidationErrors() => "
        + KnownTypes.Check + ".Collect(this, static (v, e) => v.ValidateInto(e, string.Empty));";

    /// <summary>The validation method of a type with nothing to check: the shared empty list.</summary>
    private static void NoValidation(SourceWriter w, string summary)
    {
        w.DocElement("summary", summary);
        w.Line("public global::System.Collections.Generic.IReadOnlyList<string> GetValidationErrors() => " + Helpers + ".NoNames;");
    }

    /// <summary>Opt-in checks of the spec's constraints that (de)serialization does not enforce: patterns, required values.</summary>
    private static void WriteValidation(SourceWriter w, TypeSpec spec, string modifier, bool callBase)
    {
        if (!spec.Validates)
        {
            // Nothing in this type, or in what it holds, has a constraint: no validation code.
            w.Line();
            NoValidation(w, "The spec's constraints this value breaks: always empty (the schema has no required property or pattern, nor do the values it holds).");
            return;
        }
        var patterns = spec.Properties.Where(p => p.Pattern is not null).Select(p => (Field: p.Name, Pattern: p.Pattern!))
            .Concat(spec.Properties.Where(p => p.Constraints?.ItemPattern is not null)
                .Select(p => (Field: ItemPatternField(p), Pattern: p.Constraints!.ItemPattern!)))
            .ToList();
        var schemas = spec.Properties.Where(p => p.Constraints?.Schema is not null).ToList();
        if (modifier != "override ")
        {
            w.Line();
            w.DocElement("summary", "The spec's constraints this value breaks (required values, nulls, patterns, ranges, lengths, counts, enums;"
                + " recursively); empty when it is valid.");
            w.Line(GetValidationErrorsLine);
        }
        // ValidateInto (internal): adds the violations to errors, each prefixed with path.
        using (w.Block("internal " + modifier + "void ValidateInto(global::System.Collections.Generic.List<string> errors, string path)"))
        {
            if (callBase) w.Line("base.ValidateInto(errors, path);");
            foreach (var p in spec.Properties) ValidateProperty(w, p);
            if (spec.ExtrasSchema is not null) w.Line("Patterns." + ExtrasField + ".CheckExtras(errors, path, AdditionalProperties);");
            if (NotNull(spec).Count > 0)
            {
                // Read as null where the schema does not allow null: kept (and written back), reported here.
                w.Line(KnownTypes.Check + ".Nulls(errors, path, " + ReservedNames.NullProperties + ", " + ReservedNames.PropertyNames + ");");
            }
        }
        if (patterns.Count > 0 || schemas.Count > 0 || spec.ExtrasSchema is not null)
        {
            w.Line();
            using (w.Block("private static class Patterns"))
            {
                if (spec.ExtrasSchema is not null)
                {
                    w.Line("internal static readonly " + KnownTypes.Schema + " " + ExtrasField + " = " + KnownTypes.Schema + ".Parse("
                        + Literal(spec.ExtrasSchema) + ");");
                }
                foreach (var p in schemas)
                {
                    w.Line("internal static readonly " + KnownTypes.Schema + " " + SchemaField(p) + " = " + KnownTypes.Schema + ".Parse("
                        + Literal(p.Constraints!.Schema!) + ");");
                }
                foreach (var (field, pattern) in patterns)
                {
                    w.Line("internal static readonly " + KnownTypes.Pattern + " " + field + " = " + PatternOf(pattern) + ";");
                }
            }
        }
    }

    /// <summary>The members every record and union base has: the properties beyond the spec, and the required ones the JSON lacked.</summary>
    private static void WriteBookkeeping(SourceWriter w)
    {
        w.DocElement("summary", "Properties the JSON had that the spec does not declare (the server is newer than the spec), as raw JSON; serialization writes them back as they came. Empty for values built in code unless set.");
        w.Line("[global::System.Text.Json.Serialization.JsonIgnore]");
        w.Line("public global::System.Collections.Generic.IReadOnlyDictionary<string, " + KnownTypes.JsonElement + "> AdditionalProperties { get; init; } = " + KnownTypes.Helpers + ".NoExtras;");
        w.Line();
        w.DocElement("summary", "Required properties (JSON names) that the JSON this value was read from left out or sent as null: the value is still returned, and these are reported by <c>GetValidationErrors()</c>. Reading fails on them instead with the client's <c>StrictResponses</c>.");
        w.Line("[global::System.Text.Json.Serialization.JsonIgnore]");
        w.Line("public global::System.Collections.Generic.IReadOnlyList<string> MissingRequiredProperties { get; init; } = " + KnownTypes.Helpers + ".NoNames;");
        w.Line();
        w.DocElement("summary", "Declared properties (JSON names) that the JSON this value was read from sent as null, not left out: serialization writes them"
            + " back as null while they are null. Empty for values built in code unless set.");
        w.Line("[global::System.Text.Json.Serialization.JsonIgnore]");
        w.Line("public global::System.Collections.Generic.IReadOnlyList<string> " + ReservedNames.NullProperties + " { get; init; } = " + KnownTypes.Helpers + ".NoNames;");
    }

    private static void ValidateProperty(SourceWriter w, PropertySpec p)
    {
        var json = Literal(p.JsonName);
        var v = "v_" + p.Name;
        if (p.Required && !p.WriteOnly)
        {
            // Missing on read (any type), or null where the type does not allow it.
            var check = p.Nullable || p.Type.IsValueType ? "" : p.Name + " is null || ";
            w.Line("if (" + check + Helpers + ".Contains(MissingRequiredProperties, " + json + ")) errors.Add(path + " + json + " + \" is required\");");
        }
        else if (p.InitRequired && !p.Nullable && !p.Type.IsValueType)
        {
            w.Line("if (" + p.Name + " is null) errors.Add(path + " + json + " + \" is required\");");
        }

        if (p.Pattern is not null)
        {
            w.Line("if (" + p.Name + " is { } " + v + " && !Patterns." + p.Name + ".IsMatch(" + v + ")) errors.Add(path + "
                + json + " + \": '\" + " + v + " + \"' does not match \" + " + Literal(Literal(p.Pattern)) + ");");
        }
        if (p.Type.Kind == ValueKind.Enum && !p.Loose)
        {
            // An open enum keeps a value the spec does not list: read and written back, reported here.
            var e = p.Nullable ? v + "e" : p.Name;
            var set = p.Nullable ? "if (" + p.Name + " is { } " + e + " && " : "if (!" + Helpers + ".Contains(MissingRequiredProperties, " + json + ") && ";
            w.Line(set + "!" + e + ".IsKnown) " + KnownTypes.Check + ".Add(errors, path, "
                + json + ", \"'\" + " + e + ".Value + \"' is not one of the values the schema lists (enum)\");");
        }
        if (p.Type is { Kind: ValueKind.Array, Element.Kind: ValueKind.Enum } && !p.Loose)
        {
            w.Line(KnownTypes.Check + ".Known(errors, path, " + json + ", " + p.Name + ", static x => x.IsKnown, static x => x.Value);");
        }
        if (p.Constraints is { } c)
        {
            // The spec's other keywords (bounds, lengths, counts, items): one runtime call each, the list non-null here.
            var direct = p.Type.IsValueType && !p.Nullable;
            var value = direct ? p.Name : v + "c";
            var itemPattern = c.ItemPattern is null ? null : "Patterns." + ItemPatternField(p);
            var schema = c.Schema is null ? null : "Patterns." + SchemaField(p);
            var calls = ConstraintChecks.Calls(c, p.Type, "errors", false, "path", json, value, itemPattern, schema);
            if (c.Schema is not null && p.Type.Kind == ValueKind.Json && !direct)
            {
                // A value kept as JSON: read as null, it is null here and its schema still says whether null is allowed.
                w.Line("Patterns." + SchemaField(p) + ".Check(errors, path, " + json + ", " + p.Name + ", " + ReservedNames.NullProperties + ");");
            }
            else if (direct) foreach (var call in calls) w.Line(call);
            else if (calls.Count == 1) w.Line("if (" + p.Name + " is { } " + value + ") " + calls[0]);
            else if (calls.Count > 1)
            {
                using (w.Block("if (" + p.Name + " is { } " + value + ")"))
                {
                    foreach (var call in calls) w.Line(call);
                }
            }
        }
        if (!p.ValidatesNested) return;
        switch (p.Type.Kind)
        {
            case ValueKind.Object:
                w.Line(KnownTypes.Check + ".Nested(errors, path, " + json + ", " + p.Name + ", static (x, e, at) => x.ValidateInto(e, at));");
                break;
            case ValueKind.Array when p.Type.Element is { Kind: ValueKind.Object }:
                w.Line(KnownTypes.Check + ".Items(errors, path, " + json + ", " + p.Name + ", static (x, e, at) => x.ValidateInto(e, at));");
                break;
        }
    }

    private static string ItemPatternField(PropertySpec p) => p.Name + "_Items";

    private static string SchemaField(PropertySpec p) => p.Name + "_Schema";

    /// <summary>The rules on undeclared properties: named after a member no property can be named like.</summary>
    private const string ExtrasField = "AdditionalProperties_Schema";

    /// <summary>The properties whose schema does not allow null, and that are not required (a required one read as null is reported as missing).</summary>
    internal static List<PropertySpec> NotNull(TypeSpec spec)
        => spec.Properties.Where(p => !p.AcceptsNull && !(p.Required && !p.WriteOnly) && !(p.InitRequired && !p.Nullable && !p.Type.IsValueType)).ToList();

    /// <summary>The init property holding the discriminator of a variant that several values map to.</summary>
    internal const string MultiValueProperty = Model.ReservedNames.MultiValueDiscriminator;

    internal static string DiscriminatorLiteral(DiscriminatorSpec d, string value)
        => d.Type.Kind == ValueKind.Enum ? "new " + CSharp.Type(d.Type) + "(" + Literal(value) + ")" : Literal(value);

    private static void WriteProperty(SourceWriter w, PropertySpec p)
    {
        w.Doc(p.Description, p.Pattern is null ? null : "Pattern: " + p.Pattern);
        w.Line("[" + KnownTypes.JsonPropertyName + "(" + Literal(p.JsonName) + ")]");
        if (p.Deprecated) w.Line("[global::System.Obsolete(\"Deprecated in the OpenAPI document.\")]");
        var type = CSharp.Type(p.Type) + (p.Nullable ? "?" : "");
        if (p.TracksNull)
        {
            // Explicit null (the schema says nullable): assigning null sends "name": null, leaving it unset omits it.
            var field = PresenceField(p);
            w.Line("public " + (p.Shadows ? "new " : "") + type + " " + p.Name + " { get => " + ValueField(p) + "; init { " + ValueField(p) + " = value; " + field + " = true; } }");
            w.Line();
            w.Line("private " + type + " " + ValueField(p) + ";");
            w.Line();
            w.DocElement("summary", "True when <see cref=\"" + p.Name + "\"/> was assigned (or read from JSON), even as null: it is then written, as null if it is null.");
            w.Line("internal bool " + field + ";");
            return;
        }
        w.Line("public " + (p.Shadows ? "new " : "") + (p.InitRequired ? "required " : "") + type + " " + p.Name + " { get; init; }");
    }

    /// <summary>The field that records whether an explicit-null property was assigned.</summary>
    internal static string PresenceField(PropertySpec p) => "__" + p.Name + "Assigned";

    private static string ValueField(PropertySpec p) => "__" + p.Name;

    private static void WriteUnion(SourceWriter w, TypeSpec spec)
    {
        var d = spec.Discriminator!;
        var remarks = "Polymorphic on <c>" + SourceWriter.Escape(d.JsonName) + "</c>: "
            + string.Join(", ", spec.Variants.Select(v => "<c>" + SourceWriter.Escape(v.Value) + "</c> is <see cref=\"" + v.TypeName + "\"/>"))
            + "; any other value is <see cref=\"" + spec.UnknownName + "\"/>.";
        w.DocElement("summary", string.IsNullOrWhiteSpace(spec.Description) ? "One of the variants of " + spec.Name + "." : SourceWriter.Escape(spec.Description!));
        w.DocElement("remarks", remarks);
        TypeAttributes(w, spec);
        using (w.Block(CSharp.Keyword(spec.Accessibility) + " abstract partial record " + spec.Name + " : " + CSharp.JsonValueOf(Full(spec))))
        {
            w.Doc(d.Description ?? "The discriminator.", "Determined by the variant type: each variant returns its own value.");
            w.Line("public abstract " + CSharp.Type(d.Type) + " " + d.PropertyName + " { get; }");
            foreach (var p in spec.Properties)
            {
                w.Line();
                WriteProperty(w, p);
            }
            w.Line();
            WriteBookkeeping(w);
            WriteValidation(w, spec, "virtual ", false);
            w.Line();
            WriteJsonText(w, spec, "sealed ");
            WriteJsonMembers(w, spec);
        }
        w.Line();
        w.DocElement("summary", "A <see cref=\"" + spec.Name + "\"/> whose discriminator value this client does not know (the API is newer than the spec it was generated from). Keeps the raw JSON and serializes back to it unchanged.");
        w.Line(KnownTypes.GeneratedCode);
        using (w.Block(CSharp.Keyword(spec.Accessibility) + " sealed partial record " + spec.UnknownName + " : global::" + spec.Namespace + "." + spec.Name))
        {
            w.DocElement("summary", "Creates an unknown variant from its discriminator value and raw JSON object.");
            using (w.Block("public " + spec.UnknownName + "(" + CSharp.Type(d.Type) + " " + Param(d.PropertyName) + ", " + KnownTypes.JsonElement + " rawJson)"))
            {
                w.Line("this." + d.PropertyName + " = " + Param(d.PropertyName) + ";");
                w.Line("this." + spec.RawJsonName + " = rawJson;");
            }
            w.Line();
            w.DocElement("summary", "The discriminator value as received.");
            w.Line("public override " + CSharp.Type(d.Type) + " " + d.PropertyName + " { get; }");
            w.Line();
            w.DocElement("summary", "The whole JSON object as received; serialization writes it back unchanged.");
            w.Line("public " + KnownTypes.JsonElement + " " + spec.RawJsonName + " { get; }");
            w.Line();
            WritePrintMembers(w, "protected override ");
        }
    }

    private static string Param(string propertyName)
    {
        var n = propertyName;
        var p = char.ToLowerInvariant(n[0]) + n.Substring(1);
        return p == "rawJson" ? "discriminator" : CSharp.Id(p);
    }

    private static void WriteEnum(SourceWriter w, TypeSpec spec)
    {
        var n = spec.Name;
        w.Doc(spec.Description ?? ("Values of " + n + "."));
        w.DocElement("remarks", "An open enum: values unknown to this client are kept as they are (see <see cref=\"IsKnown\"/>) and written back unchanged.");
        TypeAttributes(w, spec);
        using (w.Block(CSharp.Keyword(spec.Accessibility) + " readonly partial struct " + n + " : global::System.IEquatable<" + n + ">, " + CSharp.JsonValueOf(n)))
        {
            w.Line("private readonly string? _value;");
            w.Line();
            w.DocElement("summary", "Creates a value, known or not.");
            w.Line("public " + n + "(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
            foreach (var m in spec.EnumMembers)
            {
                w.Line();
                w.DocElement("summary", "<c>" + SourceWriter.Escape(m.Value) + "</c>");
                w.Line("public static readonly " + n + " " + m.Name + " = new " + n + "(" + Literal(m.Value) + ");");
            }
            w.Line();
            w.DocElement("summary", "Every value the spec declares, in its order.");
            w.Line("public static global::System.Collections.Generic.IReadOnlyList<" + n + "> KnownValues { get; } = new " + n + "[] { " + string.Join(", ", spec.EnumMembers.Select(m => m.Name)) + " };");
            w.Line();
            w.DocElement("summary", "The wire value.");
            w.Line("public string Value => _value ?? string.Empty;");
            w.Line();
            w.DocElement("summary", "True when the value is one the spec declares.");
            w.Line("public bool IsKnown => " + ReservedNames.KnownNames + ".Find(Value) >= 0;");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public bool Equals(" + n + " other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public override bool Equals(object? obj) => obj is " + n + " other && Equals(other);");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);");
            w.Line();
            w.DocElement("summary", "The wire value.");
            w.Line("public override string ToString() => Value;");
            w.Line();
            w.Line("/// <summary>Compares two values ordinally.</summary>");
            w.Line("public static bool operator ==(" + n + " left, " + n + " right) => left.Equals(right);");
            w.Line();
            w.Line("/// <summary>Compares two values ordinally.</summary>");
            w.Line("public static bool operator !=(" + n + " left, " + n + " right) => !left.Equals(right);");
            w.Line();
            w.Line("/// <summary>Any wire value, known or not.</summary>");
            w.Line("public static implicit operator " + n + "(string value) => new " + n + "(value);");
            WriteJsonMembers(w, spec);
        }
    }

    /// <summary>A spec pattern's runtime object: its .NET syntax and, when it is a regular language, the automaton compiled here.</summary>
    internal static string PatternOf(string pattern)
    {
        var dotnet = EcmaPattern.ToDotNet(pattern, out _);
        var automaton = PatternAutomaton.Compile(dotnet);
        return "global::Atlas.Codegen.Runtime.AtlasArguments.Pattern(" + Literal(dotnet) + (automaton is null ? "" : ", " + Literal(automaton)) + ")";
    }

    internal static string Literal(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c > 0x7E)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
