using System.Xml.Linq;
using Atlas.Codegen.Model;
using FileOptions = Atlas.Codegen.Model.FileOptions;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Options are typed once at the edge (FileOptions.Parse): the names the generator reads are the names the package's
/// props file makes visible to the compiler, every value is defaulted or reported there, and nothing downstream reads
/// a raw option string.
/// </summary>
public sealed class OptionsTests
{
    private static FileOptions Parse(Dictionary<string, string> values, string? rootNamespace = null)
        => FileOptions.Parse("api.yaml", name => values.TryGetValue(name, out var v) ? v : null, rootNamespace);

    [Fact]
    public void The_props_file_makes_exactly_the_options_the_generator_reads_visible()
    {
        var props = XDocument.Load(Path.Combine(TestDriver.Repo, "generator", "build", "Atlas.Codegen.props"));
        var visible = props.Descendants("CompilerVisibleItemMetadata").Select(e => (string)e.Attribute("MetadataName")!).ToList();
        Assert.Equal(OptionNames.PerFile, visible);
        Assert.Contains(props.Descendants("CompilerVisibleProperty"), e => "build_property." + (string)e.Attribute("Include")! == OptionNames.RootNamespaceProperty);
    }

    [Fact]
    public void Unset_options_take_their_defaults()
    {
        var o = Parse([]);
        Assert.Equal("Generated", o.Namespace);
        Assert.Null(o.ClientName);
        Assert.True(o.Operations.IsEmpty);
        Assert.Equal(Accessibility.Public, o.Accessibility);
        Assert.Equal("envelope", o.EnvelopeParameter);
        Assert.Equal(ApiVersionTarget.Latest, o.ApiVersion);
        Assert.Equal(PagingConvention.Default, o.Paging);
        Assert.False(o.OptedIn);
        Assert.True(o.Diagnostics.IsEmpty);
        Assert.Equal("My.App", Parse([], "My.App").Namespace);
    }

    [Fact]
    public void Values_are_parsed_into_types()
    {
        var o = Parse(new()
        {
            [OptionNames.Namespace] = " Vendor.Api ",
            [OptionNames.Operations] = "listA; listB,getC\n getD",
            [OptionNames.Visibility] = "Internal",
            [OptionNames.EnvelopeParameter] = "none",
            [OptionNames.ApiVersion] = "2024-05-30",
            [OptionNames.PageNumberParameter] = "page",
            [OptionNames.PageItemsProperty] = "data",
        });
        Assert.Equal("Vendor.Api", o.Namespace);
        Assert.Equal(["listA", "listB", "getC", "getD"], o.Operations);
        Assert.Equal(Accessibility.Internal, o.Accessibility);
        Assert.Null(o.EnvelopeParameter);
        Assert.Equal(new ApiVersionTarget(ApiVersionTargetKind.Date, "2024-05-30"), o.ApiVersion);
        Assert.Equal(new PagingConvention("page", "itemsPerPage", "data", "totalCount", "links"), o.Paging);
        Assert.True(o.OptedIn);
        Assert.Null(Parse(new() { [OptionNames.PageNumberParameter] = "NONE" }).Paging);
        Assert.Equal(ApiVersionTargetKind.Preview, Parse(new() { [OptionNames.ApiVersion] = "preview" }).ApiVersion.Kind);
    }

    [Fact]
    public void An_invalid_api_version_is_reported_where_it_is_parsed_and_latest_is_used()
    {
        var o = Parse(new() { [OptionNames.ApiVersion] = "2023-13" });
        Assert.Equal(ApiVersionTarget.Latest, o.ApiVersion);
        var d = Assert.Single(o.Diagnostics);
        Assert.Equal("ATLAS019", d.Id);
        Assert.Equal(["2023-13"], d.Arguments);
        // Reported even when the spec has no versioned media types (it used to be reported only when one was read).
        var (_, _, diagnostics) = TestDriver.Run("openapi/petstore.yaml", """
            openapi: 3.0.1
            info: { title: Pets, version: '1' }
            paths: {}
            """, new() { [OptionNames.ApiVersion] = "soon" });
        Assert.Contains(diagnostics, x => x.Id == "ATLAS019" && x.GetMessage().Contains("'soon'"));
    }
}
