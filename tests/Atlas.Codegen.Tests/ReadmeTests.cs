namespace Atlas.Codegen.Tests;

/// <summary>The README's code is code that compiles and runs: the same lines are in the sample (built and run by the tests).</summary>
public sealed class ReadmeTests
{
    [Theory]
    [InlineData("### Lists and long-running resources")]
    [InlineData("### Raw responses, options for one call, tracing and metrics")]
    public void The_READMEs_snippet_is_the_samples_code(string section)
    {
        var readme = File.ReadAllText(Path.Combine(TestDriver.Repo, "README.md"));
        var start = readme.IndexOf(section, StringComparison.Ordinal);
        Assert.True(start >= 0, section + " not in the README");
        var open = readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        var close = readme.IndexOf("```", open, StringComparison.Ordinal);
        var snippet = Lines(readme[open..close]);
        Assert.True(snippet.Count >= 5, "the snippet is too short");
        var sample = Lines(File.ReadAllText(Path.Combine(TestDriver.Repo, "sample", "Program.cs")));
        var found = Enumerable.Range(0, sample.Count - snippet.Count + 1).Any(i => sample.Skip(i).Take(snippet.Count).SequenceEqual(snippet));
        Assert.True(found, "the README's snippet is not in sample/Program.cs:\n" + string.Join("\n", snippet));
    }

    private static List<string> Lines(string text) => text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
