using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

public class GeneratorSnapshotTests
{
    [Fact]
    public void Fragment_generates_expected_files()
    {
        var (result, output, diagnostics) = TestDriver.Run("openapi/atlas/create-private-endpoint.yaml", TestDriver.Fragment);

        Assert.Null(result.Results[0].Exception);
        Assert.Empty(result.Diagnostics);
        var files = result.Results[0].GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Snapshot.Verify(file.HintName, file.SourceText.ToString());
        }
        Snapshot.Verify("files", string.Join("\n", files.Select(f => f.HintName)) + "\n", "txt");
        Assert.Empty(output.GetDiagnostics());
    }

    /// <summary>The union types of the union corpus (one case per rule of ATLAS021): types and converters, not the runtime.</summary>
    [Fact]
    public void Unions_without_a_discriminator_generate_expected_types()
    {
        var yaml = File.ReadAllText(Path.Combine(TestDriver.Repo, "tests", "Atlas.Codegen.Tests", "Corpus", "unions-without-discriminator.yaml"));
        var (result, output, _) = TestDriver.Run("openapi/unions.yaml", yaml, new() { ["AtlasNamespace"] = "Unions" });
        Assert.Null(result.Results[0].Exception);
        string[] wanted = ["InstanceSize", "AnySize", "Notification", "Event", "HardwareSpec", "HolderTarget", "TreeNode", "Target", "Expandable", "Amount"];
        var files = result.Results[0].GeneratedSources
            .Where(f => wanted.Any(w => f.HintName == "Unions." + w + ".g.cs"))
            .OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        Assert.Equal(wanted.Length, files.Count);
        foreach (var file in files) Snapshot.Verify(file.HintName, file.SourceText.ToString());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
