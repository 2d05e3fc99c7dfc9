using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

public class VisibilityTests
{
    [Fact]
    public void AtlasVisibility_internal_makes_every_generated_type_internal_and_still_compiles()
    {
        var (result, output, diagnostics) = TestDriver.Run("openapi/atlas/create-private-endpoint.yaml", TestDriver.Fragment, new() { ["AtlasVisibility"] = "internal" });
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var sources = result.Results[0].GeneratedSources.Where(s => s.HintName.StartsWith("Test.Api.")).ToList();
        Assert.NotEmpty(sources);
        foreach (var s in sources)
        {
            var text = s.SourceText.ToString();
            // Types declared in the namespace (4 spaces deep): none public.
            Assert.DoesNotMatch(@"(?m)^    public ((sealed|abstract|static|readonly|partial) )*(record|class|struct|delegate) ", text);
            Assert.Matches(@"(?m)^    internal ((sealed|abstract|static|readonly|partial) )*(record|class|struct) ", text);
        }
    }
}
