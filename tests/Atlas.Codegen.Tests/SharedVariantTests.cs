using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

/// <summary>A schema that is a variant of two unions (the Atlas metric thresholds do this): both unions read it.</summary>
public class SharedVariantTests
{
    [Fact]
    public void Second_union_gets_a_twin_variant_that_round_trips()
    {
        var yaml = File.ReadAllText(Path.Combine(TestDriver.Repo, "tests", "Atlas.Codegen.Tests", "Corpus", "variant-of-two-unions.yaml"));
        var program = """
            using System.Text.Json;
            namespace Consumer
            {
                public static class Check
                {
                    public static string Run()
                    {
                        var a = JsonSerializer.Deserialize("{\"kind\":\"x\"}", Test.Api.CorpusJsonContext.Default.A);
                        var b = JsonSerializer.Deserialize("{\"kind\":\"x\"}", Test.Api.CorpusJsonContext.Default.B);
                        return a!.GetType().Name + " " + b!.GetType().Name + " " + JsonSerializer.Serialize(b, Test.Api.CorpusJsonContext.Default.B);
                    }
                }
            }
            """;
        var (result, output, _) = TestDriver.Run("Corpus/variant-of-two-unions.yaml", yaml, compilation: TestDriver.Compilation(source: program));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(result.Results[0].GeneratedSources, s => s.HintName == "Test.Api.BX.g.cs");

        using var pe = new MemoryStream();
        Assert.True(output.Emit(pe).Success);
        var assembly = System.Reflection.Assembly.Load(pe.ToArray());
        var text = (string)assembly.GetType("Consumer.Check")!.GetMethod("Run")!.Invoke(null, null)!;
        Assert.Equal("X BX {\"kind\":\"x\"}", text);
    }
}
