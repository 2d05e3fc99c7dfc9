using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Benchmarks;

/// <summary>What the generator benchmarks feed a CSharpGeneratorDriver: the specs as AdditionalTexts and the options a build passes.</summary>
internal static class GeneratorInputs
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

    public static CSharpCompilation Compilation { get; } = CSharpCompilation.Create("Bench");

    /// <summary>The fragment and the whole spec, copied next to the benchmark assembly.</summary>
    public static (AdditionalText Fragment, AdditionalText Whole) Specs()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "openapi");
        return (new Text("create-private-endpoint.yaml", File.ReadAllText(Path.Combine(dir, "create-private-endpoint.yaml"))),
            new Text("atlas-admin-v2.yaml", File.ReadAllText(Path.Combine(dir, "atlas-admin-v2.yaml"))));
    }

    /// <summary>Runs <paramref name="generator"/> on <paramref name="text"/> with a fresh driver (nothing cached); returns the number of files.</summary>
    public static int Run(IIncrementalGenerator generator, AdditionalText text)
    {
        var driver = CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], [text], null, new Options());
        return driver.RunGenerators(Compilation).GetRunResult().GeneratedTrees.Length;
    }
}
