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

    /// <summary>The generated converter class of a generated enum or object.</summary>
    public static string Converter(TypeRefSpec t) => Qualified(t.Namespace!, t.Name! + ReservedNames.ConverterSuffix);

    /// <summary><c>global::Namespace.Name</c>.</summary>
    public static string Qualified(string ns, string name) => "global::" + ns + "." + name;

    /// <summary>An identifier as written in code: a C# keyword gets <c>@</c>.</summary>
    public static string Id(string name) => Naming.EscapeKeyword(name);

    public static string Keyword(Accessibility a) => a == Accessibility.Public ? "public" : "internal";
}
