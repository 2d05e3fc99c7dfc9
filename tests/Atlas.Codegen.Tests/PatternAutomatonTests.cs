using System.IO.Compression;
using System.Text.RegularExpressions;
using Atlas.Codegen.Model;
using Atlas.Codegen.Parsing;
using Atlas.Codegen.Runtime;
using Xunit.Abstractions;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The automata the generator compiles for spec patterns (issue 25's speed goal) against .NET's regular expressions, on
/// every <c>pattern</c> of the public documents under <c>../shared/corpora</c> and the vendor's whole spec: for each,
/// strings the automaton accepts (random walks to its "matched" state) and random strings over the characters the
/// pattern names; both engines must agree on every one.
/// </summary>
public sealed class PatternAutomatonTests(ITestOutputHelper output)
{
    private static IEnumerable<string> SpecPatterns()
    {
        var files = Directory.GetFiles(Path.Combine(PublicCorpus.Corpora, "openapi", "specs"), "*.gz")
            .Concat(Directory.GetFiles(Path.Combine(PublicCorpus.Corpora, "swagger2"), "*.gz"));
        var whole = Path.Combine(TestDriver.Repo, "openapi", "atlas", "atlas-admin-v2.yaml");
        var texts = files.Select(f =>
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(f), CompressionMode.Decompress));
            return (Path: f, Text: reader.ReadToEnd());
        }).Append((Path: whole, Text: File.ReadAllText(whole)));
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, text) in texts)
        {
            var root = YamlTreeReader.Parse(path, text, default).Root;
            if (root is not null) Collect(root, found);
        }
        return found;
    }

    private static void Collect(YNode node, HashSet<string> found)
    {
        if (node.IsMapping)
        {
            foreach (var e in node.Entries)
            {
                if (e.Key == "pattern" && e.Value.IsScalar && e.Value.Value is { Length: > 0 } p) found.Add(p);
                Collect(e.Value, found);
            }
        }
        else if (node.IsSequence)
        {
            foreach (var i in node.Items) Collect(i, found);
        }
    }

    [Fact]
    public void Every_compiled_pattern_of_the_public_specs_agrees_with_dotnet_regular_expressions()
    {
        var patterns = SpecPatterns().ToList();
        var random = new Random(25);
        int compiled = 0, checkedStrings = 0, matches = 0;
        var disagreements = new List<string>();
        foreach (var pattern in patterns)
        {
            var dotnet = EcmaPattern.ToDotNet(pattern, out var problem);
            if (problem is not null) continue;
            Regex regex;
            try { regex = new Regex(dotnet, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2)); }
            catch (ArgumentException) { continue; }
            var automaton = PatternAutomaton.Compile(dotnet);
            if (automaton is null) continue;
            compiled++;
            var runtime = new AtlasPattern(dotnet, automaton);
            foreach (var s in Inputs(automaton, pattern, random))
            {
                checkedStrings++;
                bool expected;
                try { expected = regex.IsMatch(s); }
                catch (RegexMatchTimeoutException) { continue; }
                if (expected) matches++;
                if (runtime.IsMatch(s) != expected && disagreements.Count < 20)
                {
                    disagreements.Add(pattern + " on " + System.Text.Json.JsonSerializer.Serialize(s) + ": regex " + expected);
                }
            }
        }
        output.WriteLine($"{patterns.Count} distinct patterns, {compiled} compiled to automata, {checkedStrings} strings checked, {matches} matching");
        Assert.Empty(disagreements);
        Assert.True(compiled > 300 && matches > 1000, compiled + " compiled, " + matches + " matching strings");
    }

    [Theory]
    [InlineData("^([a-f0-9]{24})$", "32b6e34b3d91647abb20e7b8", true)]
    [InlineData("^([a-f0-9]{24})$", "32b6e34b3d91647abb20e7b8\n", false)] // $ is the end of the input (ECMA-262)
    [InlineData("^((25[0-5]|(2[0-4]|1\\d|[1-9]|)\\d)(\\.(?!$)|$)){4}|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$", "10.10.0.12", true)]
    [InlineData("^((25[0-5]|(2[0-4]|1\\d|[1-9]|)\\d)(\\.(?!$)|$)){4}|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$", "10.10.0.", false)]
    [InlineData("^((25[0-5]|(2[0-4]|1\\d|[1-9]|)\\d)(\\.(?!$)|$)){4}|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$", "256.1.1.1", false)]
    [InlineData("^((25[0-5]|(2[0-4]|1\\d|[1-9]|)\\d)(\\.(?!$)|$)){4}|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$", "x:1:2:3:4:5:6:7:8", true)] // the IPv6 branch is not anchored at the start
    [InlineData("a|^b", "cb", false)]
    [InlineData("a|^b", "bc", true)]
    [InlineData("[^]", "x", true)]
    [InlineData("[]", "x", false)]
    [InlineData("^\\p{Letter}+$", "abc", true)] // outside the subset: .NET's regular expression
    public void Patterns_match_as_ECMA_262_searches(string pattern, string value, bool expected)
    {
        var dotnet = EcmaPattern.ToDotNet(pattern, out _);
        Assert.Equal(expected, AtlasArguments.Pattern(dotnet, PatternAutomaton.Compile(dotnet)).IsMatch(value));
        Assert.Equal(expected, AtlasArguments.Pattern(dotnet).IsMatch(value));
    }

    /// <summary>Random walks of the automaton ending where it has matched, and random strings over the pattern's characters.</summary>
    private static IEnumerable<string> Inputs(string automaton, string pattern, Random random)
    {
        int classes = automaton[0], states = automaton[1];
        var starts = automaton.Substring(2, classes - 1).Select(c => (int)c).Prepend(0).ToArray();
        var stride = classes + 1;
        int Next(int state, int symbol) => automaton[1 + classes + state * stride + symbol];
        char Pick(int cls)
        {
            var lo = starts[cls];
            var hi = cls + 1 < classes ? starts[cls + 1] - 1 : 0xFFFF;
            // Mostly the class's first characters (ASCII ones stay likely), sometimes anywhere in it.
            var c = random.Next(4) == 0 ? random.Next(lo, hi + 1) : Math.Min(hi, lo + random.Next(3));
            return char.IsSurrogate((char)c) ? 'x' : (char)c;
        }
        for (var walk = 0; walk < 40; walk++)
        {
            var s = new System.Text.StringBuilder();
            var state = 0;
            for (var step = 0; step < 60 && state < states; step++)
            {
                if (Next(state, classes) == states && random.Next(3) == 0) break;
                var cls = random.Next(classes);
                var c = Pick(cls);
                s.Append(c);
                state = Next(state, cls);
            }
            yield return s.ToString();
            if (s.Length > 0) yield return s.ToString(0, s.Length - 1);
        }
        var alphabet = pattern.Where(c => !char.IsSurrogate(c)).Concat("0123456789abcdefxyzABC.-_:/ \n").Distinct().ToArray();
        for (var n = 0; n < 40; n++)
        {
            var length = random.Next(0, 30);
            yield return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        }
    }
}
