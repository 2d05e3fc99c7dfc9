using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The runtime types are added to every consuming compilation; two projects linked by InternalsVisibleTo would each
/// see the other's copy (CS0436, or CS0433 ambiguities) unless the copies are [Embedded], which the compiler hides
/// from every other compilation.
/// </summary>
public sealed class EmbeddedRuntimeTests
{
    [Fact]
    public void Two_projects_linked_by_InternalsVisibleTo_each_use_their_own_runtime_without_a_diagnostic()
    {
        var library = TestDriver.Compilation(source: "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"App\")]\nnamespace Lib { internal static class Shared { public static int Answer => 42; } }")
            .WithAssemblyName("Lib");
        var (_, libOutput, libDiagnostics) = TestDriver.Run("openapi/spec.yaml", TestDriver.Fragment, new() { ["AtlasNamespace"] = "Lib.Api" }, library);
        Assert.Empty(libDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        using var pe = new MemoryStream();
        var emit = libOutput.Emit(pe);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var libReference = MetadataReference.CreateFromImage(pe.ToArray());

        // The application sees the library's internals (Lib.Shared) but uses its own runtime, by name, with no ambiguity.
        var app = TestDriver.Compilation(
                Basic.Reference.Assemblies.Net100.References.All.Append(libReference),
                "namespace App { public static class Use { public static int Go() => Lib.Shared.Answer + (Atlas.Codegen.Runtime.AtlasJson.Strict is null ? 0 : 1); } }")
            .WithAssemblyName("App");
        var (_, appOutput, appDiagnostics) = TestDriver.Run("openapi/spec.yaml", TestDriver.Fragment, new() { ["AtlasNamespace"] = "App.Api" }, app);
        var all = appOutput.GetDiagnostics().Concat(appDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(all.Count == 0, string.Join("\n", all));

        // Every runtime type is [Embedded] (without it on AtlasJson alone, this test reports CS0436 at every use of it).
        foreach (var type in libOutput.Assembly.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Atlas").GetNamespaceMembers().Single().GetNamespaceMembers().Single(n => n.Name == "Runtime").GetTypeMembers())
        {
            Assert.Contains(type.GetAttributes(), a => a.AttributeClass?.ToDisplayString() == "Microsoft.CodeAnalysis.EmbeddedAttribute");
        }
    }
}
