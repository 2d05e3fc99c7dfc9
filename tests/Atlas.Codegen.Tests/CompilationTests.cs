using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Atlas.Codegen.Tests;

/// <summary>The code generated for the fragment compiles with zero warnings against .NET 8 and .NET 10, C# 12, nullable enabled.</summary>
public class CompilationTests
{
    public static TheoryData<string> Targets() => new() { "net8.0", "net10.0" };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Fragment_compiles_without_warnings(string target)
    {
        var references = target == "net8.0" ? Basic.Reference.Assemblies.Net80.References.All : Basic.Reference.Assemblies.Net100.References.All;
        var consumer = """
            using System.Text.Json;
            using Test.Api;
            namespace Consumer
            {
                public static class Use
                {
                    public static string RoundTrip(string json)
                    {
                        var value = JsonSerializer.Deserialize(json, MongoDBAtlasAdministrationJsonContext.Default.PrivateLinkEndpoint)!;
                        CreateEndpointRequest request = new CreateAWSEndpointRequest { Id = "vpce-1" };
                        return JsonSerializer.Serialize(value, MongoDBAtlasAdministrationJsonContext.Default.PrivateLinkEndpoint)
                            + JsonSerializer.Serialize(request, MongoDBAtlasAdministrationJsonContext.Default.CreateEndpointRequest);
                    }
                }
            }
            """;
        var compilation = TestDriver.Compilation(references, consumer, LanguageVersion.CSharp12)
            .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999));
        var (result, output, diagnostics) = TestDriver.Run("openapi/atlas/create-private-endpoint.yaml", TestDriver.Fragment, compilation: compilation);

        Assert.Empty(diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        using var pe = new MemoryStream();
        var emit = output.Emit(pe);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
    }
}
