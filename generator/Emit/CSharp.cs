using Atlas.Codegen.Model;

namespace Atlas.Codegen.Emit;

/// <summary>The one place that spells the model's structural values as C# text.</summary>
internal static class CSharp
{
    /// <summary>The fully qualified C# type of a reference, without a nullable annotation.</summary>
    public static string Type(TypeRefSpec t) => t.Kind switch
    {
        ValueKind.String => "string",
        ValueKind.Boolean => "bool",
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "long",
        ValueKind.Double => "double",
        ValueKind.DateTimeOffset => "global::System.DateTimeOffset",
        ValueKind.Json => KnownTypes.JsonElement,
        ValueKind.Array => "global::System.Collections.Generic.IReadOnlyList<" + Type(t.Element!) + ">",
        ValueKind.Map => "global::System.Collections.Generic.IReadOnlyDictionary<string, " + Type(t.Element!) + ">",
        _ => Qualified(t.Namespace!, t.Name!),
    };

    /// <summary>The C# type with <c>?</c> when <paramref name="nullable"/>.</summary>
    public static string Type(TypeRefSpec t, bool nullable) => nullable ? Type(t) + "?" : Type(t);

    /// <summary>Where the static <c>ReadValue</c>/<c>WriteValue</c> of a generated enum or object are: the type itself.</summary>
    public static string JsonMembersOf(TypeRefSpec t) => Qualified(t.Namespace!, t.Name!);

    /// <summary>The one converter of every generated type, closed over <paramref name="full"/> (a qualified type).</summary>
    public static string ConverterOf(string full) => "global::Atlas.Codegen.Runtime.AtlasJsonConverter<" + full + ">";

    /// <summary>The runtime interface a generated type implements (its own static <c>ReadValue</c>/<c>WriteValue</c>).</summary>
    public static string JsonValueOf(string full) => "global::Atlas.Codegen.Runtime.IAtlasJsonValue<" + full + ">";

    /// <summary><c>global::Namespace.Name</c>.</summary>
    public static string Qualified(string ns, string name) => "global::" + ns + "." + name;

    /// <summary>An identifier as written in code: a C# keyword gets <c>@</c>.</summary>
    public static string Id(string name) => Naming.EscapeKeyword(name);

    public static string Keyword(Accessibility a) => a == Accessibility.Public ? "public" : "internal";
}
