using System.Text;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Emit;

/// <summary>
/// What a compilation gets before any spec's code: the runtime files (<see cref="RuntimeSource"/>), in their downlevel
/// shape where the target predates .NET 7, and the compiler types C# 11 needs that the target lacks (.NET Standard 2.0,
/// .NET Framework), generated <c>internal</c> and <c>[Embedded]</c> only when no reference makes them visible and
/// PolySharp (which generates the same ones) is not in the project, so they never clash.
/// </summary>
internal static class DownlevelEmitter
{
    private const string DownlevelSymbol = "ATLAS_DOWNLEVEL";

    public static void Emit(SourceProductionContext spc, Capabilities capabilities, bool polySharp)
    {
        if (capabilities.LanguageVersion < Capabilities.MinimumLanguageVersion) return;
        foreach (var (hint, text) in RuntimeSource.Files) spc.AddSource(hint, SourceText.From(Shape(text, capabilities.Downlevel), Encoding.UTF8));
        var polyfills = polySharp ? Polyfills.None : capabilities.Polyfills;
        if (polyfills != Polyfills.None) spc.AddSource(GeneratedFiles.Polyfills, SourceText.From(RenderPolyfills(polyfills), Encoding.UTF8));
    }

    /// <summary>Why the generated code cannot compile in this project, as diagnostics located at the spec's start.</summary>
    public static System.Collections.Generic.IEnumerable<Diagnostic> Problems(string specPath, Capabilities capabilities)
    {
        var at = LocationInfo.FileStart(specPath).ToLocation();
        if (capabilities.LanguageVersion < Capabilities.MinimumLanguageVersion)
        {
            var version = ((LanguageVersion)capabilities.LanguageVersion).ToDisplayString();
            yield return Diagnostic.Create(DiagnosticDescriptors.LanguageVersionTooLow, at, version);
        }
        if (capabilities.MissingPackages.Length > 0) yield return Diagnostic.Create(DiagnosticDescriptors.MissingPackages, at, capabilities.MissingPackages);
    }

    /// <summary>A runtime file's text for the target: <c>ATLAS_DOWNLEVEL</c> defined after its header comment where needed.</summary>
    internal static string Shape(string text, bool downlevel)
    {
        if (!downlevel) return text;
        var end = text.IndexOf('\n') + 1;
        return text.Substring(0, end) + "#define " + DownlevelSymbol + "\n" + text.Substring(end);
    }

    internal static string RenderPolyfills(Polyfills missing)
    {
        var w = new SourceWriter();
        w.FileHeader();
        w.Line("// Compiler types that C# 11 needs and this target lacks; internal and [Embedded], so no other compilation sees them.");
        if ((missing & (Polyfills.IsExternalInit | Polyfills.RequiredMember | Polyfills.CompilerFeatureRequired)) != 0)
        {
            using (w.Block("namespace System.Runtime.CompilerServices"))
            {
                if ((missing & Polyfills.IsExternalInit) != 0)
                {
                    w.Line("[global::Microsoft.CodeAnalysis.Embedded]");
                    w.Line("internal static class IsExternalInit");
                    w.Line("{");
                    w.Line("}");
                }
                if ((missing & Polyfills.RequiredMember) != 0)
                {
                    w.Line("[global::Microsoft.CodeAnalysis.Embedded]");
                    w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Class | global::System.AttributeTargets.Struct");
                    w.Line("    | global::System.AttributeTargets.Field | global::System.AttributeTargets.Property, AllowMultiple = false, Inherited = false)]");
                    w.Line("internal sealed class RequiredMemberAttribute : global::System.Attribute");
                    w.Line("{");
                    w.Line("}");
                }
                if ((missing & Polyfills.CompilerFeatureRequired) != 0)
                {
                    w.Line("[global::Microsoft.CodeAnalysis.Embedded]");
                    w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.All, AllowMultiple = true, Inherited = false)]");
                    using (w.Block("internal sealed class CompilerFeatureRequiredAttribute : global::System.Attribute"))
                    {
                        w.Line("public CompilerFeatureRequiredAttribute(string featureName) => FeatureName = featureName;");
                        w.Line("public string FeatureName { get; }");
                        w.Line("public bool IsOptional { get; init; }");
                        w.Line("public const string RefStructs = nameof(RefStructs);");
                        w.Line("public const string RequiredMembers = nameof(RequiredMembers);");
                    }
                }
            }
        }
        if ((missing & Polyfills.SetsRequiredMembers) != 0)
        {
            using (w.Block("namespace System.Diagnostics.CodeAnalysis"))
            {
                w.Line("[global::Microsoft.CodeAnalysis.Embedded]");
                w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]");
                w.Line("internal sealed class SetsRequiredMembersAttribute : global::System.Attribute");
                w.Line("{");
                w.Line("}");
            }
        }
        return w.ToString();
    }
}
