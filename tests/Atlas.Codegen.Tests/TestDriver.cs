using System.Collections.Immutable;
using Atlas.Codegen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Tests;

/// <summary>An AdditionalText held in memory.</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Item metadata and global properties as the compiler would see them.</summary>
public sealed class TestOptionsProvider(Dictionary<string, Dictionary<string, string>> perFile, Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => new Options(perFile.TryGetValue(textFile.Path, out var o) ? o : new());

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

public static class TestDriver
{
    public const string Namespace = "Test.Api";

    public static string Repo { get; } = FindRepo();

    public static string Openapi(string relative) => File.ReadAllText(Path.Combine(Repo, "openapi", relative));

    public static string Fragment => Openapi("atlas/create-private-endpoint.yaml");

    private static string FindRepo()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Atlas.Codegen.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    public static CSharpCompilation Compilation(IEnumerable<MetadataReference>? references = null, string source = "", LanguageVersion lang = LanguageVersion.CSharp12)
        => CSharpCompilation.Create("Consumer",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(lang), path: "Consumer.cs")],
            references ?? Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> texts, Dictionary<string, Dictionary<string, string>>? perFile = null, LanguageVersion lang = LanguageVersion.CSharp12)
        => CSharpGeneratorDriver.Create(
            [new AtlasGenerator().AsSourceGenerator()],
            texts,
            new CSharpParseOptions(lang),
            new TestOptionsProvider(perFile ?? new(), new() { ["build_property.RootNamespace"] = Namespace }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(
        string path, string yaml, Dictionary<string, string>? metadata = null, CSharpCompilation? compilation = null)
    {
        var text = new InMemoryAdditionalText(path, yaml);
        var perFile = new Dictionary<string, Dictionary<string, string>>();
        if (metadata is not null) perFile[path] = metadata.ToDictionary(kv => "build_metadata.AdditionalFiles." + kv.Key, kv => kv.Value);
        var driver = Driver([text], perFile);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation ?? Compilation(), out var output, out var diagnostics);
        return (driver.GetRunResult(), output, diagnostics);
    }
}
