using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The adversarial corpus (tests/Atlas.Codegen.Tests/Corpus, one spec per file, named after what it breaks). Each file
/// states what it expects: <c># expect ATLASnnn</c> on the offending line, <c># expect-anywhere ATLASnnn</c>,
/// <c># expect-file ATLASnnn</c> (no YAML location), <c># expect none</c>, or a <c>.expect</c> sidecar for JSON.
/// Every file: the expected IDs at the expected lines, never CS8785 or ATLAS900, the generated code still compiles,
/// the run finishes within 2 s, and the full diagnostic text is snapshot-tested.
/// </summary>
public partial class DiagnosticCorpusTests
{
    private static readonly string CorpusDir = Path.Combine(TestDriver.Repo, "tests", "Atlas.Codegen.Tests", "Corpus");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(CorpusDir).Where(f => !f.EndsWith(".expect", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }
        return data;
    }

    [Fact]
    public void Corpus_has_at_least_40_specs()
        => Assert.True(Files().Count >= 40, $"only {Files().Count} corpus files");

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_reports_its_diagnostics_at_the_right_line(string file)
    {
        var text = File.ReadAllText(Path.Combine(CorpusDir, file));
        var sidecar = Path.Combine(CorpusDir, file + ".expect");
        var expect = Expectations.Parse(text, File.Exists(sidecar) ? File.ReadAllText(sidecar) : null);
        var path = "Corpus/" + file;

        var run = Check(path, text, expect.Metadata);

        foreach (var (id, line) in expect.AtLine)
        {
            Assert.True(run.Atlas.Any(d => d.Id == id && d.Location.GetLineSpan().Path == path && d.Location.GetLineSpan().StartLinePosition.Line + 1 == line),
                $"expected {id} at line {line}; got:\n{Format(run.Atlas)}");
        }
        foreach (var id in expect.Anywhere)
        {
            Assert.True(run.Atlas.Any(d => d.Id == id && d.Location.GetLineSpan().Path == path), $"expected {id} in {path}; got:\n{Format(run.Atlas)}");
        }
        foreach (var id in expect.FileLevel)
        {
            Assert.True(run.Atlas.Any(d => d.Id == id), $"expected {id}; got:\n{Format(run.Atlas)}");
        }
        if (expect.None)
        {
            Assert.True(run.Atlas.Count == 0, $"expected no diagnostics; got:\n{Format(run.Atlas)}");
        }
        Assert.True(expect.None || expect.AtLine.Count + expect.Anywhere.Count + expect.FileLevel.Count > 0, "the corpus file states no expectation");
        Snapshot.Verify(file, Format(run.Atlas), "txt");
    }

    [Fact]
    public void A_10_MB_spec_is_refused_quickly_with_ATLAS013()
    {
        var sb = new StringBuilder("openapi: 3.0.1\ninfo:\n  title: Big\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n");
        for (var i = 0; sb.Length < 10 * 1024 * 1024; i++)
        {
            sb.Append("    Schema").Append(i).Append(":\n      type: object\n      properties:\n        name:\n          type: string\n          description: padding padding padding padding padding padding padding padding\n");
        }
        var run = Check("Corpus/generated-10mb.yaml", sb.ToString(), new());
        var d = Assert.Single(run.Atlas);
        Assert.Equal("ATLAS013", d.Id);
        Assert.Equal(0, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    public static TheoryData<int> FragmentRefs()
    {
        var data = new TheoryData<int>();
        var count = RefLine().Matches(TestDriver.Fragment).Count;
        for (var i = 0; i < count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(FragmentRefs))]
    public void Fragment_with_one_ref_broken_reports_ATLAS003_at_that_line_and_still_generates(int index)
    {
        var lines = TestDriver.Fragment.Split('\n');
        var refLines = lines.Select((l, i) => (l, i)).Where(x => RefLine().IsMatch(x.l)).Select(x => x.i).ToList();
        var target = refLines[index];
        lines[target] = lines[target].Replace("$ref: '#/components/", "$ref: '#/components/broken");
        var run = Check("openapi/atlas/create-private-endpoint.yaml", string.Join('\n', lines), new());

        Assert.True(run.Atlas.Any(d => d.Id == "ATLAS003" && d.Location.GetLineSpan().StartLinePosition.Line == target), $"line {target + 1}: {lines[target].Trim()}\n{Format(run.Atlas)}");
        Assert.True(run.Atlas.All(d => d.Severity != DiagnosticSeverity.Error || d.Id == "ATLAS003"), Format(run.Atlas));
        Assert.True(run.GeneratedFiles > 10, "the rest of the spec still generates");
    }

    [GeneratedRegex(@"\$ref: '#/components/")]
    private static partial Regex RefLine();

    private sealed record Run(List<Diagnostic> Atlas, int GeneratedFiles);

    private static readonly object Warm = WarmUp();

    private static object WarmUp()
    {
        TestDriver.Run("warm.yaml", TestDriver.Fragment);
        return new object();
    }

    private static Run Check(string path, string text, Dictionary<string, string> metadata)
    {
        _ = Warm;
        var sw = Stopwatch.StartNew();
        var (result, output, diagnostics) = TestDriver.Run(path, text, metadata);
        sw.Stop();

        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"generator took {sw.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Null(result.Results[0].Exception);
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "CS8784" or "ATLAS900");
        var compileErrors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(compileErrors.Count == 0, "generated code does not compile:\n" + string.Join("\n", compileErrors.Take(10)));
        var atlas = result.Diagnostics.Where(d => d.Id.StartsWith("ATLAS", StringComparison.Ordinal)).ToList();
        Assert.All(atlas, d => Assert.True(d.Location == Location.None || d.Location.GetLineSpan().Path == path || d.Id == "ATLAS012", $"{d.Id} located outside {path}"));
        return new Run(atlas, result.GeneratedTrees.Length);
    }

    internal static string Format(IEnumerable<Diagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        foreach (var d in diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            var span = d.Location.GetLineSpan();
            var at = d.Location == Location.None ? "(no location)" : $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
            sb.Append(at).Append(": ").Append(d.Severity.ToString().ToLowerInvariant()).Append(' ').Append(d.Id).Append(": ").AppendLine(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.Length == 0 ? "(no diagnostics)\n" : sb.ToString();
    }

    private sealed partial class Expectations
    {
        public List<(string Id, int Line)> AtLine { get; } = new();
        public List<string> Anywhere { get; } = new();
        public List<string> FileLevel { get; } = new();
        public bool None { get; private set; }
        public Dictionary<string, string> Metadata { get; } = new();

        public static Expectations Parse(string text, string? sidecar)
        {
            var e = new Expectations();
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var m = Marker().Match(lines[i]);
                if (m.Success)
                {
                    switch (m.Groups[1].Value)
                    {
                        case "expect" when m.Groups[2].Value == "none": e.None = true; break;
                        case "expect": e.AtLine.Add((m.Groups[2].Value, i + 1)); break;
                        case "expect-anywhere": e.Anywhere.Add(m.Groups[2].Value); break;
                        case "expect-file": e.FileLevel.Add(m.Groups[2].Value); break;
                    }
                }
                var meta = Meta().Match(lines[i]);
                if (meta.Success) e.Metadata[meta.Groups[1].Value] = meta.Groups[2].Value.Trim();
            }
            if (sidecar is not null)
            {
                foreach (var line in sidecar.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = line.Trim().Split(' ');
                    if (parts[0] == "none") e.None = true;
                    else e.Anywhere.Add(parts[0]);
                }
            }
            return e;
        }

        [GeneratedRegex(@"#\s*(expect|expect-anywhere|expect-file)\s+(ATLAS\d{3}|none)")]
        private static partial Regex Marker();

        [GeneratedRegex(@"^#\s*metadata:\s*(\w+)=(.*)$")]
        private static partial Regex Meta();
    }
}
