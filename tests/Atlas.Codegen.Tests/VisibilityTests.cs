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

    [Fact]
    public void A_spec_with_AtlasAssemblyName_is_generated_only_in_the_compilation_of_that_name_and_not_even_parsed_elsewhere()
    {
        // The package's targets compile such a file in a compilation named after the option; the application's own
        // compilation sees the same AdditionalFiles item and must skip it before the parse (a 4 MB spec costs seconds).
        const string path = "openapi/atlas/create-private-endpoint.yaml";
        var options = new Dictionary<string, string> { ["AtlasAssemblyName"] = "Consumer.Api" };

        var (elsewhere, elsewhereOutput, elsewhereDiagnostics) = TestDriver.Run(path, TestDriver.Fragment, options);
        Assert.Empty(elsewhereDiagnostics);
        Assert.DoesNotContain(elsewhere.Results[0].GeneratedSources, s => s.HintName.StartsWith("Test.Api."));
        Assert.Equal(0, elsewhere.Results[0].TrackedSteps.TryGetValue(TrackingNames.Parse, out var parsed) ? parsed.Length : 0);
        Assert.Empty(elsewhereOutput.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        // Not a spec at all: still nothing to say in the other compilation (the named one reports it).
        var (_, _, brokenElsewhere) = TestDriver.Run(path, "openapi: [", options);
        Assert.Empty(brokenElsewhere);
        var (_, _, brokenOwn) = TestDriver.Run(path, "openapi: [", options, TestDriver.Compilation().WithAssemblyName("Consumer.Api"));
        Assert.Contains(brokenOwn, d => d.Id.StartsWith("ATLAS"));

        var (own, ownOutput, ownDiagnostics) = TestDriver.Run(path, TestDriver.Fragment, options, TestDriver.Compilation().WithAssemblyName("Consumer.Api"));
        Assert.Empty(ownDiagnostics);
        Assert.Contains(own.Results[0].GeneratedSources, s => s.HintName == "Test.Api.PrivateLinkEndpoint.g.cs");
        Assert.Empty(ownOutput.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_spec_of_500_types_suggests_AtlasAssemblyName_until_it_is_set()
    {
        var yaml = new System.Text.StringBuilder("openapi: 3.0.1\ninfo:\n  title: Big\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n");
        for (var i = 0; i < 500; i++) yaml.Append($"    Thing{i}:\n      type: object\n      properties:\n        name:\n          type: string\n");
        var (_, _, inProject) = TestDriver.Run("openapi/big.yaml", yaml.ToString());
        var info = Assert.Single(inProject, d => d.Id == "ATLAS022");
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.StartsWith("500 types are generated from 'big.yaml'", info.GetMessage());

        var (own, _, ownAssembly) = TestDriver.Run("openapi/big.yaml", yaml.ToString(), new() { ["AtlasAssemblyName"] = "Big.Api" }, TestDriver.Compilation().WithAssemblyName("Big.Api"));
        Assert.Equal(500, own.Results[0].GeneratedSources.Count(s => s.HintName.StartsWith("Test.Api.Thing")));
        Assert.DoesNotContain(ownAssembly, d => d.Id == "ATLAS022");

        var (_, _, smaller) = TestDriver.Run("openapi/big.yaml", yaml.ToString().Replace("    Thing499:\n      type: object\n      properties:\n        name:\n          type: string\n", ""));
        Assert.DoesNotContain(smaller, d => d.Id == "ATLAS022");
    }
}
