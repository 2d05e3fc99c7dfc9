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
    private AdditionalText _fragment = null!;
    private AdditionalText _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_fragment, _full) = GeneratorInputs.Specs();
        if (Run(_full) < 1000) throw new InvalidOperationException("the whole spec did not generate");
    }

    private static int Run(AdditionalText text) => GeneratorInputs.Run(new AtlasGenerator(), text);

    [Benchmark(Description = "fragment (1 operation, 15 schemas)")]
    public int Fragment() => Run(_fragment);

    [Benchmark(Description = "whole Atlas spec (540 operations)")]
    public int WholeSpec() => Run(_full);
}
