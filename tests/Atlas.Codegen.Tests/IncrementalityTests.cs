using System.Collections;
using System.Reflection;
using Atlas.Codegen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Tests;

/// <summary>The generator costs nothing when the spec did not change, and regenerates only what a spec edit touches.</summary>
public class IncrementalityTests
{
    private const string SpecPath = "openapi/atlas/create-private-endpoint.yaml";

    private static readonly string[] AllSteps =
        [TrackingNames.Parse, TrackingNames.Options, TrackingNames.Model, TrackingNames.Diagnostics, TrackingNames.Types, TrackingNames.Context,
         TrackingNames.Client, TrackingNames.Capabilities, TrackingNames.Registration, TrackingNames.Outputs];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, InMemoryAdditionalText Text) FirstRun()
    {
        var text = new InMemoryAdditionalText(SpecPath, TestDriver.Fragment);
        // Microsoft.Extensions.Http referenced, so that the registration steps run too.
        var references = Basic.Reference.Assemblies.Net100.References.All.Append(
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions).Assembly.Location));
        var compilation = TestDriver.Compilation(references, "namespace Consumer { public class A { } }");
        var driver = TestDriver.Driver([text]).RunGenerators(compilation);
        return (driver, compilation, text);
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriver driver, string step)
        => driver.GetRunResult().Results[0].TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(r => r.Outputs)
            : throw new Xunit.Sdk.XunitException($"step {step} was not tracked");

    [Fact]
    public void Every_step_has_a_tracking_name()
    {
        var (driver, _, _) = FirstRun();
        var tracked = driver.GetRunResult().Results[0].TrackedSteps.Keys;
        foreach (var step in AllSteps) Assert.Contains(step, tracked);
    }

    [Fact]
    public void Unrelated_csharp_edit_leaves_every_step_cached()
    {
        var (driver, compilation, _) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { public class B { public int X; } }", new CSharpParseOptions(LanguageVersion.CSharp12)));
        driver = driver.RunGenerators(edited);

        foreach (var step in AllSteps)
        {
            Assert.All(Outputs(driver, step), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
    }

    [Fact]
    public void Comment_in_the_spec_reparses_but_leaves_the_model_unchanged_and_emit_cached()
    {
        var (driver, compilation, text) = FirstRun();
        var commented = new InMemoryAdditionalText(SpecPath, "# a comment that shifts every line\n" + TestDriver.Fragment + "\n# and one at the end\n");
        driver = driver.ReplaceAdditionalText(text, commented).RunGenerators(compilation);

        Assert.All(Outputs(driver, TrackingNames.Parse), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.All(Outputs(driver, TrackingNames.Model), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        foreach (var step in new[] { TrackingNames.Types, TrackingNames.Context, TrackingNames.Diagnostics, TrackingNames.Client })
        {
            Assert.All(Outputs(driver, step), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
    }

    [Fact]
    public void Changed_property_regenerates_only_the_affected_types()
    {
        var (driver, compilation, text) = FirstRun();
        const string before = "          description: Unique 24-hexadecimal digit string that identifies the interface endpoint.";
        Assert.Contains(before, TestDriver.Fragment);
        var changed = new InMemoryAdditionalText(SpecPath, TestDriver.Fragment.Replace(before, "          description: The interface endpoint id (edited)."));
        driver = driver.ReplaceAdditionalText(text, changed).RunGenerators(compilation);

        var types = Outputs(driver, TrackingNames.Types).Select(o => (((TypeSpec)o.Value).Name, o.Reason)).ToList();
        var modified = types.Where(t => t.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).Select(t => t.Name).OrderBy(n => n).ToList();
        // The variant only: the union's converter delegates to the variant's and does not depend on its properties.
        Assert.Equal(["AWSInterfaceEndpoint"], modified);
        Assert.True(types.Count(t => t.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached) >= 10);
    }

    [Fact]
    public void Adding_a_second_spec_leaves_the_first_cached()
    {
        var (driver, compilation, _) = FirstRun();
        var other = new InMemoryAdditionalText("openapi/other.yaml", "openapi: 3.0.1\ninfo: {title: Other, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        name: {type: string}\n");
        driver = driver.AddAdditionalTexts([other]).RunGenerators(compilation);
        var parse = Outputs(driver, TrackingNames.Parse).ToList();
        Assert.Contains(parse, o => o.Reason == IncrementalStepRunReason.Cached);
        Assert.Contains(parse, o => o.Reason == IncrementalStepRunReason.New);
    }

    [Fact]
    public void Step_outputs_hold_no_compiler_or_yaml_objects()
    {
        var (driver, _, _) = FirstRun();
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(AdditionalText), typeof(SourceText), typeof(Location), typeof(SemanticModel), typeof(SyntaxTree) };
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        // Our steps only: Roslyn's own input steps (AdditionalTexts, Compilation) carry those objects by design.
        foreach (var step in AllSteps)
        {
            foreach (var output in Outputs(driver, step))
            {
                Walk(output.Value, step, forbidden, seen);
            }
        }
        Assert.True(seen.Count > 100, "the walk visited the models");
    }

    private static void Walk(object? value, string path, Type[] forbidden, HashSet<object> seen)
    {
        if (value is null) return;
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string) return;
        if (!type.IsValueType && !seen.Add(value)) return;
        Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.FullName}");
        Assert.False(type.Namespace?.StartsWith("YamlDotNet", StringComparison.Ordinal) ?? false, $"{path} holds a {type.FullName}");
        if (value is IEnumerable items and not string)
        {
            var i = 0;
            foreach (var item in items) Walk(item, path + "[" + i++ + "]", forbidden, seen);
        }
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(f.GetValue(value), path + "." + f.Name, forbidden, seen);
            }
        }
    }
}
