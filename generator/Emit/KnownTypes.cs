namespace Atlas.Codegen.Emit;

/// <summary>Fully qualified names of every framework type the generated code uses.</summary>
internal static class KnownTypes
{
    /// <summary>The generator's version as packed (<c>-p:Version=…</c>), without the source revision: written into <c>[GeneratedCode]</c>.</summary>
    public static readonly string Version = ReadVersion();

    public static readonly string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"Atlas.Codegen\", \"" + Version + "\")]";

    /// <summary>Plumbing that must be public (the JSON members the runtime's converter calls) but that IntelliSense does not offer.</summary>
    public const string Hidden = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    private static string ReadVersion()
    {
        var assembly = typeof(KnownTypes).Assembly;
        foreach (var a in assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false))
        {
            var v = ((System.Reflection.AssemblyInformationalVersionAttribute)a).InformationalVersion;
            var plus = v.IndexOf('+');
            return plus >= 0 ? v.Substring(0, plus) : v;
        }
        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
    public const string JsonConverterAttribute = "global::System.Text.Json.Serialization.JsonConverter";
    public const string JsonPropertyName = "global::System.Text.Json.Serialization.JsonPropertyName";
    public const string Reader = "global::System.Text.Json.Utf8JsonReader";
    public const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    public const string Options = "global::System.Text.Json.JsonSerializerOptions";
    public const string TokenType = "global::System.Text.Json.JsonTokenType";
    public const string EncodedText = "global::System.Text.Json.JsonEncodedText";
    public const string JsonElement = "global::System.Text.Json.JsonElement";
    public const string Type = "global::System.Type";
    public const string Helpers = "global::Atlas.Codegen.Runtime.AtlasJson";
    public const string Names = "global::Atlas.Codegen.Runtime.AtlasNames";
    public const string ObjectState = "global::Atlas.Codegen.Runtime.AtlasObject";
    public const string Check = "global::Atlas.Codegen.Runtime.AtlasCheck";
    public const string Schema = "global::Atlas.Codegen.Runtime.AtlasSchema";
    public const string Pattern = "global::Atlas.Codegen.Runtime.AtlasPattern";
}
