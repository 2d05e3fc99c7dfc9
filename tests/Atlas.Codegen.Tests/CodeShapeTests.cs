namespace Atlas.Codegen.Tests;

/// <summary>
/// The generator's code keeps its shape: lines within the width of .editorconfig (max_line_length = 160), checked
/// here because `dotnet format` does not wrap. The stages written before the limit still have lines over it: their
/// count may only go down (lower the bound when you wrap some).
/// </summary>
public sealed class CodeShapeTests
{
    private const int MaxLineLength = 160;

    private static IEnumerable<(string File, int Line, int Length)> LongLines(string folder)
        => Directory.EnumerateFiles(Path.Combine(TestDriver.Repo, "generator", folder), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllLines(f).Select((l, i) => (File: Path.GetRelativePath(TestDriver.Repo, f), Line: i + 1, l.Length)))
            .Where(x => x.Length > MaxLineLength);

    [Theory]
    [InlineData("Model/Building", 0)]
    [InlineData("Parsing", 0)]
    [InlineData("Diagnostics", 0)]
    [InlineData("Model", 1)]
    [InlineData("Emit", 112)]
    public void Lines_stay_within_the_width_the_code_keeps(string folder, int allowed)
    {
        var longLines = LongLines(folder).ToList();
        Assert.True(longLines.Count <= allowed,
            longLines.Count + " lines over " + MaxLineLength + " characters in generator/" + folder + " (at most " + allowed + "):\n"
            + string.Join("\n", longLines.Take(20).Select(x => x.File + ":" + x.Line + " (" + x.Length + ")")));
    }
}
