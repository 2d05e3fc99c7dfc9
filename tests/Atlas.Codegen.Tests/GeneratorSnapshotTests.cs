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
}
