namespace Atlas.Codegen.Tests;

public class MultiDocumentTests
{
    [Fact]
    public void Two_documents_in_one_namespace_collide_with_a_diagnostic_not_a_crash()
    {
        var a = new InMemoryAdditionalText("openapi/a.yaml", TestDriver.Fragment);
        var b = new InMemoryAdditionalText("openapi/b.yaml", TestDriver.Fragment);
        var driver = TestDriver.Driver([a, b]).RunGeneratorsAndUpdateCompilation(TestDriver.Compilation(), out _, out var diagnostics);
        var result = driver.GetRunResult();
        Assert.Null(result.Results[0].Exception);
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "ATLAS900");
        Assert.Contains(result.Diagnostics, d => d.Id == "ATLAS007");
    }

    [Fact]
    public void Two_documents_in_two_namespaces_both_generate()
    {
        var a = new InMemoryAdditionalText("openapi/a.yaml", TestDriver.Fragment);
        var b = new InMemoryAdditionalText("openapi/b.yaml", TestDriver.Fragment);
        var meta = new Dictionary<string, Dictionary<string, string>>
        {
            ["openapi/a.yaml"] = new() { ["build_metadata.AdditionalFiles.AtlasNamespace"] = "One" },
            ["openapi/b.yaml"] = new() { ["build_metadata.AdditionalFiles.AtlasNamespace"] = "Two" },
        };
        var driver = TestDriver.Driver([a, b], meta).RunGeneratorsAndUpdateCompilation(TestDriver.Compilation(), out var output, out var diagnostics);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Contains(output.SyntaxTrees, t => t.FilePath.Contains("One.PrivateLinkEndpoint"));
        Assert.Contains(output.SyntaxTrees, t => t.FilePath.Contains("Two.PrivateLinkEndpoint"));
    }
}
