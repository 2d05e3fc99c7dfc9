using System.Reflection;
using System.Runtime.Loader;
using Atlas.Codegen;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Benchmarks;

/// <summary>
/// This tree's generator against another commit's, side by side in one run (same machine state, ratios against the
/// other commit). The other generator's Atlas.Codegen.dll comes from ATLAS_BASELINE_GENERATOR (see
/// compare-generator.sh, which builds it from a git worktree); it loads in its own AssemblyLoadContext and shares
/// Roslyn and YamlDotNet with this process.
/// </summary>
[Config(typeof(ShortConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorComparisonBenchmarks
{
    private sealed class BaselineContext(string path) : AssemblyLoadContext("baseline-generator")
    {
        protected override Assembly? Load(AssemblyName name) => name.Name == "Atlas.Codegen" ? LoadFromAssemblyPath(path) : null;
    }

    private AdditionalText _fragment = null!;
    private AdditionalText _full = null!;
    private Func<IIncrementalGenerator> _baseline = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("ATLAS_BASELINE_GENERATOR")
            ?? throw new InvalidOperationException("Set ATLAS_BASELINE_GENERATOR to another commit's Atlas.Codegen.dll (compare-generator.sh does).");
        var type = new BaselineContext(Path.GetFullPath(path)).LoadFromAssemblyPath(Path.GetFullPath(path)).GetType("Atlas.Codegen.AtlasGenerator", throwOnError: true)!;
        _baseline = () => (IIncrementalGenerator)Activator.CreateInstance(type)!;
        (_fragment, _full) = GeneratorInputs.Specs();
        if (Run(_baseline(), _full) < 1000 || Run(new AtlasGenerator(), _full) < 1000) throw new InvalidOperationException("the whole spec did not generate");
    }

    private static int Run(IIncrementalGenerator generator, AdditionalText text) => GeneratorInputs.Run(generator, text);

    [Benchmark(Baseline = true, Description = "other commit"), BenchmarkCategory("fragment")]
    public int FragmentBaseline() => Run(_baseline(), _fragment);

    [Benchmark(Description = "this tree"), BenchmarkCategory("fragment")]
    public int Fragment() => Run(new AtlasGenerator(), _fragment);

    [Benchmark(Baseline = true, Description = "other commit"), BenchmarkCategory("whole spec")]
    public int WholeSpecBaseline() => Run(_baseline(), _full);

    [Benchmark(Description = "this tree"), BenchmarkCategory("whole spec")]
    public int WholeSpec() => Run(new AtlasGenerator(), _full);
}
