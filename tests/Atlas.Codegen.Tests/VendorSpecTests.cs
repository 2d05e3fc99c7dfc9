using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

/// <summary>
/// A mistake in a vendor's document degrades that part only, and a vendor's own conventions are not mistaken for ours:
/// what the client then offers, beyond the diagnostics the corpus checks.
/// </summary>
public class VendorSpecTests
{
    private static string Corpus(string file) => File.ReadAllText(Path.Combine(TestDriver.Repo, "tests", "Atlas.Codegen.Tests", "Corpus", file));

    private static string ClientSource(GeneratorDriverRunResult result)
        => string.Join("\n", result.Results[0].GeneratedSources.Select(s => s.SourceText.ToString()));

    [Fact]
    public void A_repeated_operationId_still_gives_a_method_named_from_its_method_and_path()
    {
        var (result, output, diagnostics) = TestDriver.Run("Corpus/duplicate-operation-id.yaml", Corpus("duplicate-operation-id.yaml"));
        var source = ClientSource(result);
        Assert.Contains("Call PetsAsync(", source);
        Assert.Contains("Call GetDogsAsync(", source);
        Assert.Contains("/dogs\";", source);
        var d = Assert.Single(diagnostics, x => x.Id == "ATLAS011");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.DoesNotContain(diagnostics, x => x.Severity == DiagnosticSeverity.Error);
        Assert.Empty(output.GetDiagnostics().Where(x => x.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_vendor_media_type_without_a_date_is_no_api_version()
    {
        var (result, _, diagnostics) = TestDriver.Run("Corpus/vendor-media-type-without-version.yaml", Corpus("vendor-media-type-without-version.yaml"));
        var source = ClientSource(result);
        Assert.Contains("GetUserAsync(", source);
        Assert.Contains("GetPictureAsync(", source);
        Assert.Contains("application/vnd.acme.user+json", source);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("application/vnd.atlas.2023-01-01+json", "2023-01-01")]
    [InlineData("application/vnd.atlas.preview+json", "preview")]
    [InlineData("application/vnd.atlas.2025-01-01.upcoming+json", "2025-01-01.upcoming")]
    [InlineData("application/vnd.atlas.2023-01-01+gzip", "2023-01-01")]
    [InlineData("application/vnd.vimeo.user+json", null)]
    [InlineData("application/vnd.github.v3+json", null)]
    [InlineData("application/vnd.api+json", null)]
    [InlineData("application/json", null)]
    public void Only_dates_and_preview_are_versions(string mediaType, string? version)
        => Assert.Equal(version, global::Atlas.Codegen.Model.Building.ApiVersions.VersionOf(mediaType));

    [Fact]
    public void A_union_of_documented_constants_is_their_type()
    {
        var (result, output, diagnostics) = TestDriver.Run("Corpus/const-unions.yaml", Corpus("const-unions.yaml"));
        var source = ClientSource(result);
        Assert.Contains("public int? Type { get; init; }", source);
        Assert.Contains("public global::Test.Api.Service? Service { get; init; }", source);
        Assert.Contains("public double? Ratio { get; init; }", source);
        Assert.Contains("Twitch", source);
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(x => x.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Members_of_one_scalar_kind_make_one_alternative_of_a_choice()
    {
        var (result, output, diagnostics) = TestDriver.Run("Corpus/union-of-repeated-scalar-kinds.yaml", Corpus("union-of-repeated-scalar-kinds.yaml"));
        var source = ClientSource(result);
        Assert.Contains("public global::Test.Api.QueryValue? Value { get; init; }", source);
        Assert.Contains("public global::Test.Api.QueryWhen? When { get; init; }", source);
        Assert.DoesNotContain("JsonElement? Value", source);
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(x => x.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_union_of_constraints_leaves_the_record_and_a_member_of_any_value_makes_any_value()
    {
        var (result, output, diagnostics) = TestDriver.Run("Corpus/constraint-only-union.yaml", Corpus("constraint-only-union.yaml"));
        var source = ClientSource(result);
        Assert.Contains("public sealed partial record FileSearch", source);
        Assert.Contains("Vector_store_ids { get; init; }", source);
        Assert.Contains("public global::System.Text.Json.JsonElement? Links { get; init; }", source);
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(x => x.Severity >= DiagnosticSeverity.Warning));
    }
}
