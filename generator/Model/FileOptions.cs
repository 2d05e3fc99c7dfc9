using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Atlas.Codegen.Model;

/// <summary>Options of one AdditionalFiles item, reduced to strings before entering the pipeline.</summary>
internal sealed record FileOptions(
    string Path,
    string? Namespace,
    string? ClientName,
    string? Operations,
    string? Visibility,
    string? EnvelopeParameter,
    string? RootNamespace,
    string? ApiVersion = null,
    string? PageNumber = null,
    string? PageSize = null,
    string? PageItems = null,
    string? PageTotal = null,
    string? PageLinks = null,
    string? AssemblyName = null)
{
    /// <summary>
    /// True when the file is to be compiled into another assembly (<c>AtlasAssemblyName</c>, compiled by the package's
    /// MSBuild targets in a compilation of that name): this compilation skips it before parsing.
    /// </summary>
    public bool BelongsElsewhere(string? compilationAssemblyName)
        => AssemblyName is not null && !string.Equals(AssemblyName, compilationAssemblyName, StringComparison.Ordinal);

    /// <summary>
    /// The paging convention (Atlas's by default): <c>AtlasPageNumberParameter</c> (<c>pageNum</c>; <c>none</c> turns
    /// paging off), <c>AtlasPageSizeParameter</c> (<c>itemsPerPage</c>), <c>AtlasPageItemsProperty</c> (<c>results</c>),
    /// <c>AtlasPageTotalProperty</c> (<c>totalCount</c>), <c>AtlasPageLinksProperty</c> (<c>links</c>, items with <c>rel</c>).
    /// </summary>
    public PagingConvention? Paging => string.Equals(PageNumber, "none", StringComparison.OrdinalIgnoreCase)
        ? null
        : new PagingConvention(PageNumber ?? "pageNum", PageSize ?? "itemsPerPage", PageItems ?? "results", PageTotal ?? "totalCount", PageLinks ?? "links");

    /// <summary>True when the user set any Atlas metadata on the item: then a non-OpenAPI file is an error, not ignored.</summary>
    public bool OptedIn => Namespace is not null || ClientName is not null || Operations is not null || Visibility is not null || EnvelopeParameter is not null || ApiVersion is not null
        || PageNumber is not null || PageSize is not null || PageItems is not null || PageTotal is not null || PageLinks is not null
        || AssemblyName is not null;

    /// <summary>The namespace as a valid C# identifier path: each segment cleaned like the SDK cleans RootNamespace (invalid characters become '_', keywords escaped).</summary>
    public string EffectiveNamespace => Naming.Namespace(Namespace ?? RootNamespace ?? "Generated");

    public bool IsInternal => string.Equals(Visibility, "internal", StringComparison.OrdinalIgnoreCase);

    public static FileOptions Read(string path, AnalyzerConfigOptions item, AnalyzerConfigOptions global)
        => new(path,
            Get(item, "build_metadata.AdditionalFiles.AtlasNamespace"),
            Get(item, "build_metadata.AdditionalFiles.AtlasClientName"),
            Get(item, "build_metadata.AdditionalFiles.AtlasOperations"),
            Get(item, "build_metadata.AdditionalFiles.AtlasVisibility"),
            Get(item, "build_metadata.AdditionalFiles.AtlasEnvelopeParameter"),
            Get(global, "build_property.RootNamespace"),
            Get(item, "build_metadata.AdditionalFiles.AtlasApiVersion"),
            Get(item, "build_metadata.AdditionalFiles.AtlasPageNumberParameter"),
            Get(item, "build_metadata.AdditionalFiles.AtlasPageSizeParameter"),
            Get(item, "build_metadata.AdditionalFiles.AtlasPageItemsProperty"),
            Get(item, "build_metadata.AdditionalFiles.AtlasPageTotalProperty"),
            Get(item, "build_metadata.AdditionalFiles.AtlasPageLinksProperty"),
            Get(item, "build_metadata.AdditionalFiles.AtlasAssemblyName"));

    private static string? Get(AnalyzerConfigOptions o, string key)
        => o.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>The names by which paginated operations are recognized.</summary>
internal sealed record PagingConvention(string PageNumber, string PageSize, string Items, string Total, string Links);
