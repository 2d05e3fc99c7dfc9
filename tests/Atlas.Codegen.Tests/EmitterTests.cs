using Atlas.Codegen.Emit;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Accessibility = Atlas.Codegen.Model.Accessibility;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The emitters tested from hand-built models, without parsing anything: the client's templates (generator/Emit/Templates)
/// rendered for each combination of security schemes, every file with the one header, compiled with the runtime.
/// </summary>
public sealed class EmitterTests
{
    private static ClientSpec Client(string? tokenUrl, bool digest, Accessibility access = Accessibility.Public)
    {
        var operation = new OperationSpec
        {
            Group = "Things",
            MethodName = "GetThingAsync",
            OperationId = "getThing",
            HttpMethod = "get",
            Path = "/things/{id}",
            Parameters = new EquatableArray<ParameterSpec>([new ParameterSpec("id", "id", "path", new TypeRefSpec(ValueKind.String), true, "The thing.", "^[a-z]+$")]),
            Result = new TypeRefSpec(ValueKind.Json),
            ResponseMediaType = "application/json",
        };
        return new ClientSpec("Hand.Built", "Shop", access, "https://shop.example.test", "Shop", new EquatableArray<OperationSpec>([operation]),
            null, tokenUrl, digest, null);
    }

    private static IReadOnlyList<(string HintName, string Text)> Render(ClientSpec spec)
    {
        var files = GeneratedFiles.Of(spec);
        var list = new List<(string, string)> { (files.Client, ClientEmitter.RenderClient(spec)) };
        list.AddRange(files.Templates.Select(t => (t.HintName, ClientTemplates.Render(t.Template, spec))));
        return list;
    }

    private static void AssertCompiles(IEnumerable<(string HintName, string Text)> files)
    {
        var trees = files.Concat(RuntimeSource.Files).Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.CSharp12), path: f.HintName));
        var compilation = CSharpCompilation.Create("Hand", trees, Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("https://shop.example.test/token", false)]
    [InlineData(null, true)]
    [InlineData("https://shop.example.test/token", true)]
    public void The_client_templates_render_for_every_combination_of_security_schemes_and_compile(string? tokenUrl, bool digest)
    {
        var files = Render(Client(tokenUrl, digest));
        AssertCompiles(files);
        var text = files.ToDictionary(f => f.HintName, f => f.Text);
        // One file per type, one header each, no template identifier or directive left.
        Assert.All(files, f => Assert.StartsWith(SourceWriter.Header, f.Text));
        Assert.All(files, f => Assert.DoesNotContain("Template", f.Text));
        Assert.All(files, f => Assert.DoesNotContain("#if", f.Text));
        Assert.All(files, f => Assert.DoesNotContain("__VERSION__", f.Text));
        Assert.Equal(digest, text.ContainsKey("Hand.Built.ShopDigestHandler.g.cs"));
        Assert.Equal(tokenUrl is not null, text.ContainsKey("Hand.Built.ShopServiceAccountHandler.g.cs"));
        var options = text["Hand.Built.ShopClientOptions.g.cs"];
        Assert.Equal(tokenUrl is not null, options.Contains("public string? ClientId { get; set; }"));
        Assert.Equal(digest, options.Contains("public string? DigestUsername { get; set; }"));
        var core = text["Hand.Built.ShopClient.Core.g.cs"];
        Assert.Contains("\n    public sealed partial class ShopClient\n", core);
        Assert.Equal(tokenUrl is not null && digest, core.Contains("else if (options.DigestUsername is not null)"));
        Assert.Equal(digest && tokenUrl is null, core.Contains("\n            if (options.DigestUsername is not null)"));
        if (tokenUrl is not null) Assert.Contains("public const string DefaultTokenUrl = \"" + tokenUrl + "\";", text["Hand.Built.ShopServiceAccountHandler.g.cs"]);
    }

    [Fact]
    public void Internal_visibility_applies_to_every_type_and_the_error_type_is_the_documents()
    {
        var spec = Client("https://shop.example.test/token", true, Accessibility.Internal) with { ErrorType = new TypeRefSpec(ValueKind.Json) };
        var files = Render(spec);
        AssertCompiles(files);
        Assert.All(files, f => Assert.Matches(@"\n    internal (sealed |static |readonly )*(partial )?(class|record|struct) ", f.Text));
        Assert.DoesNotContain(files, f => System.Text.RegularExpressions.Regex.IsMatch(f.Text, @"\n    public (sealed |static )*(class|record) "));
        Assert.Contains("global::System.Text.Json.JsonElement? Error { get; }", files.Single(f => f.HintName.EndsWith("ShopApiException.g.cs", StringComparison.Ordinal)).Text);
    }
}
