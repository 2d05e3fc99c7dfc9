using Atlas.Codegen.Diagnostics;

namespace Atlas.Codegen.Tests;

public class DiagnosticCatalogueTests
{
    [Fact]
    public void Every_descriptor_is_documented_tracked_and_linked()
    {
        var docs = File.ReadAllText(Path.Combine(TestDriver.Repo, "docs", "diagnostics.md"));
        var unshipped = File.ReadAllText(Path.Combine(TestDriver.Repo, "generator", "AnalyzerReleases.Unshipped.md"));
        var ids = DiagnosticDescriptors.Descriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var d in DiagnosticDescriptors.Descriptors)
        {
            Assert.Matches("^ATLAS\\d{3}$", d.Id);
            Assert.Equal(DiagnosticDescriptors.Category, d.Category);
            Assert.Contains("## " + d.Id + "\n", docs);
            // The catalogue states each severity as the descriptor has it (and as AnalyzerReleases tracks it).
            var severity = d.DefaultSeverity.ToString();
            Assert.Contains("## " + d.Id + "\n**" + d.Title + "** (" + severity.ToLowerInvariant() + ")", docs);
            Assert.Contains(d.Id + " | " + DiagnosticDescriptors.Category + " | " + severity + " |", unshipped);
            Assert.Contains(d.Id + " | ", unshipped);
            Assert.EndsWith("#" + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString()));
            Assert.Same(d, DiagnosticDescriptors.ById(d.Id));
        }
    }
}
