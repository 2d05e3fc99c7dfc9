using Atlas.Codegen;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Benchmarks;

/// <summary>
/// Generator run time with CSharpGeneratorDriver, warm (JIT done, a fresh driver per run so nothing is cached):
/// the fragment, and the whole Atlas spec with every operation.
/// </summary>
[Config(typeof(ShortConfig))]
public class GeneratorBenchmarks
{
    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);
        public override string Path { get; } = path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private sealed class Values(Dictionary<string, string> v) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => v.TryGetValue(key, out value!);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new() { ["build_property.RootNamespace"] = "Bench" });
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(new());
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(new());
    }

    private readonly CSharpCompilation _compilation = CSharpCompilation.Create("Bench");
    private AdditionalText _fragment = null!;
    private AdditionalText _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "openapi");
        _fragment = new Text("create-private-endpoint.yaml", File.ReadAllText(Path.Combine(dir, "create-private-endpoint.yaml")));
        _full = new Text("atlas-admin-v2.yaml", File.ReadAllText(Path.Combine(dir, "atlas-admin-v2.yaml")));
        if (Run(_full) < 1000) throw new InvalidOperationException("the whole spec did not generate");
    }

    private int Run(AdditionalText text)
    {
        var driver = CSharpGeneratorDriver.Create([new AtlasGenerator().AsSourceGenerator()], [text], null, new Options());
        return driver.RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;
    }

    [Benchmark(Description = "fragment (1 operation, 15 schemas)")]
    public int Fragment() => Run(_fragment);

    [Benchmark(Description = "whole Atlas spec (540 operations)")]
    public int WholeSpec() => Run(_full);
}
