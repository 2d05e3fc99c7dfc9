using System.Text.RegularExpressions;

namespace Atlas.Codegen.Tests;

/// <summary>The generator's folders read top-down: Parsing → Model → Emit, each knowing only the ones before it; the runtime knows none.</summary>
public sealed class LayeringTests
{
    // Folder → the generator namespaces it may use (Diagnostics and Infrastructure are shared values).
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "Parsing", new[] { "Diagnostics", "Infrastructure" } },
        { "Model", new[] { "Diagnostics", "Infrastructure", "Parsing" } },
        { "Emit", new[] { "Diagnostics", "Infrastructure", "Model" } },
        { "Runtime", Array.Empty<string>() },
    };

    private static readonly Regex Use = new(@"\bAtlas\.Codegen\.(Parsing|Model|Emit|Diagnostics|Infrastructure)\b", RegexOptions.Compiled);

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_folder_uses_only_the_stages_before_it(string folder, string[] allowed)
    {
        var files = Directory.GetFiles(Path.Combine(TestDriver.Repo, "generator", folder), "*.cs");
        Assert.NotEmpty(files);
        var own = folder == "Runtime" ? "" : folder;
        var violations = files
            .SelectMany(f => Use.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Stage: m.Groups[1].Value)))
            .Where(u => u.Stage != own && !allowed.Contains(u.Stage))
            .Select(u => u.File + " uses " + u.Stage)
            .Distinct()
            .ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        // The namespace of each file is its folder's.
        if (own.Length > 0) Assert.All(files, f => Assert.Contains("namespace Atlas.Codegen." + own, File.ReadAllText(f)));
    }
}
