using System.Text;
using Atlas.Codegen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Emit;

/// <summary>
/// Emits the document's <c>JsonSerializerContext</c>: <c>JsonTypeInfo</c>s built from the generated converters, so that
/// trimmed and native AOT applications serialize without reflection (STJ's own generator cannot see generated types).
/// </summary>
internal static class ContextEmitter
{
    public static void Emit(SourceProductionContext spc, ContextSpec spec)
        => spc.AddSource(GeneratedFiles.Of(spec), SourceText.From(Render(spec), Encoding.UTF8));

    internal static string Render(ContextSpec spec)
    {
        const string Info = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";
        var w = new SourceWriter();
        w.FileHeader();
        using (w.Block("namespace " + spec.Namespace))
        {
            w.DocElement("summary", "JSON metadata for every type generated from the document, backed by the generated converters (no reflection).\nUse <c>JsonSerializer.Serialize(value, " + spec.Name + ".Default.TypeName)</c>, or add <see cref=\"Default\"/> to <c>JsonSerializerOptions.TypeInfoResolverChain</c>.");
            w.Line(KnownTypes.GeneratedCode);
            using (w.Block(CSharp.Keyword(spec.Accessibility) + " sealed partial class " + spec.Name + " : global::System.Text.Json.Serialization.JsonSerializerContext"))
            {
                foreach (var entry in spec.Entries) w.Line("private " + Info + "<global::" + spec.Namespace + "." + entry.TypeName + ">? _" + entry.TypeName + ";");
                w.Line();
                w.DocElement("summary", "An instance with default options.");
                w.Line("public static " + spec.Name + " Default { get; } = new " + spec.Name + "(new " + KnownTypes.Options + "());");
                w.Line();
                w.DocElement("summary", "Creates a context bound to <paramref name=\"options\"/>.");
                w.Line("public " + spec.Name + "(" + KnownTypes.Options + " options) : base(options)");
                w.Line("{");
                w.Line("}");
                w.Line();
                w.Line("/// <inheritdoc/>");
                w.Line("protected override " + KnownTypes.Options + "? GeneratedSerializerOptions => null;");
                foreach (var entry in spec.Entries)
                {
                    var t = entry.TypeName;
                    var full = "global::" + spec.Namespace + "." + t;
                    w.Line();
                    w.DocElement("summary", "Metadata for <see cref=\"" + full.Substring(8) + "\"/>.");
                    w.Line("public " + Info + "<" + full + "> " + entry.PropertyName + " => _" + t + " ??= (" + Info + "<" + full + ">)Options.GetTypeInfo(typeof(" + full + "));");
                }
                w.Line();
                w.Line("/// <inheritdoc/>");
                using (w.Block("public override " + Info + "? GetTypeInfo(" + KnownTypes.Type + " type)"))
                {
                    foreach (var entry in spec.Entries)
                    {
                        var full = "global::" + spec.Namespace + "." + entry.TypeName;
                        w.Line("if (type == typeof(" + full + ")) return global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<" + full + ">(Options, " + CSharp.ConverterOf(full) + ".Instance);");
                    }
                    w.Line("return null;");
                }
            }
        }
        return w.ToString();
    }
}
