using System;
using System.Collections.Generic;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Atlas.Codegen.Model;

/// <summary>
/// The names of the options as a project file spells them: item metadata of an <c>AdditionalFiles</c> item, and
/// MSBuild properties. <c>build/Atlas.Codegen.props</c> makes each visible to the compiler (OptionNamesTests checks
/// that it lists exactly these); docs and diagnostics name them through these constants.
/// </summary>
internal static class OptionNames
{
    /// <summary>How the compiler sees an <c>AdditionalFiles</c> item's metadata (through the generated .editorconfig).</summary>
    public const string ItemMetadataPrefix = "build_metadata.AdditionalFiles.";

    public const string Namespace = "AtlasNamespace";
    public const string ClientName = "AtlasClientName";
    public const string Operations = "AtlasOperations";
    public const string Visibility = "AtlasVisibility";
    public const string EnvelopeParameter = "AtlasEnvelopeParameter";
    public const string PageNumberParameter = "AtlasPageNumberParameter";
    public const string PageSizeParameter = "AtlasPageSizeParameter";
    public const string PageItemsProperty = "AtlasPageItemsProperty";
    public const string PageTotalProperty = "AtlasPageTotalProperty";
    public const string PageLinksProperty = "AtlasPageLinksProperty";
    public const string ApiVersion = "AtlasApiVersion";
    public const string AssemblyName = "AtlasAssemblyName";

    /// <summary>The MSBuild property the namespace defaults to.</summary>
    public const string RootNamespaceProperty = "build_property.RootNamespace";

    /// <summary>Every per-file option, in the order the props file lists them.</summary>
    public static readonly string[] PerFile =
    {
        Namespace, ClientName, Operations, Visibility, EnvelopeParameter, PageNumberParameter, PageSizeParameter,
        PageItemsProperty, PageTotalProperty, PageLinksProperty, ApiVersion, AssemblyName,
    };
}

/// <summary>Which API version each operation is generated for (<see cref="OptionNames.ApiVersion"/>).</summary>
internal enum ApiVersionTargetKind
{
    /// <summary>The newest stable (dated) version of each operation.</summary>
    Latest,

    /// <summary>A preview version where an operation offers one, else the newest stable one.</summary>
    Preview,

    /// <summary>The newest stable version not later than <see cref="ApiVersionTarget.Date"/>.</summary>
    Date,
}

/// <summary>The API version target: latest, preview, or a date <c>YYYY-MM-DD</c>.</summary>
internal sealed record ApiVersionTarget(ApiVersionTargetKind Kind, string? Date = null)
{
    public static readonly ApiVersionTarget Latest = new(ApiVersionTargetKind.Latest);

    /// <summary>As the option is written: <c>latest</c>, <c>preview</c> or the date.</summary>
    public override string ToString() => Kind switch
    {
        ApiVersionTargetKind.Preview => "preview",
        ApiVersionTargetKind.Date => Date!,
        _ => "latest",
    };
}

/// <summary>The names by which paginated operations are recognized.</summary>
internal sealed record PagingConvention(string PageNumber, string PageSize, string Items, string Total, string Links)
{
    /// <summary>Atlas's names, the defaults.</summary>
    public static readonly PagingConvention Default = new("pageNum", "itemsPerPage", "results", "totalCount", "links");
}

/// <summary>
/// The options of one <c>AdditionalFiles</c> item, parsed once at the edge of the pipeline: every value is typed and
/// defaulted here, and a value that cannot be used is reported here (its diagnostics travel with the options).
/// </summary>
/// <param name="Path">The spec file.</param>
/// <param name="Namespace">The namespace of the generated code: <c>AtlasNamespace</c>, else the project's RootNamespace, made a valid C# namespace.</param>
/// <param name="ClientName">The client's base name (<c>AtlasClientName</c>); null: derived from the document's title.</param>
/// <param name="Operations">The operations to generate (<c>AtlasOperations</c>, a list separated by ',', ';' or white space); empty: all.</param>
/// <param name="Accessibility">The generated types' accessibility (<c>AtlasVisibility</c>: <c>public</c>, the default, or <c>internal</c>).</param>
/// <param name="EnvelopeParameter">The boolean query parameter that makes the server wrap responses
/// (<c>AtlasEnvelopeParameter</c>, default <c>envelope</c>); null when turned off with <c>none</c>.</param>
/// <param name="ApiVersion">The API version target (<c>AtlasApiVersion</c>).</param>
/// <param name="Paging">The paging convention (<c>AtlasPage*</c>); null when turned off (<c>AtlasPageNumberParameter=none</c>).</param>
/// <param name="AssemblyName">The assembly the package's targets compile this spec into (<c>AtlasAssemblyName</c>).</param>
/// <param name="OptedIn">The user set some option on the item: a file that is not OpenAPI is then an error, not ignored.</param>
/// <param name="Diagnostics">What was wrong with the values (each replaced by its default).</param>
internal sealed record FileOptions(
    string Path,
    string Namespace,
    string? ClientName,
    EquatableArray<string> Operations,
    Accessibility Accessibility,
    string? EnvelopeParameter,
    ApiVersionTarget ApiVersion,
    PagingConvention? Paging,
    string? AssemblyName,
    bool OptedIn,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    private static readonly char[] ListSeparators = { ';', ',', ' ', '\t', '\n', '\r' };

    /// <summary>The options of an item with no metadata in a project without RootNamespace.</summary>
    public static FileOptions Default(string path) => Parse(path, static _ => null, null);

    /// <summary>
    /// True when the file is to be compiled into another assembly (<c>AtlasAssemblyName</c>, compiled by the package's
    /// MSBuild targets in a compilation of that name): this compilation skips it before parsing.
    /// </summary>
    public static bool BelongsElsewhere(AnalyzerConfigOptions item, string? compilationAssemblyName)
        => Get(item, OptionNames.ItemMetadataPrefix + OptionNames.AssemblyName) is { } name
            && !string.Equals(name, compilationAssemblyName, StringComparison.Ordinal);

    public static FileOptions Read(string path, AnalyzerConfigOptions item, AnalyzerConfigOptions global)
        => Parse(path, name => Get(item, OptionNames.ItemMetadataPrefix + name), Get(global, OptionNames.RootNamespaceProperty));

    /// <summary>Parses the options of <paramref name="path"/>; <paramref name="metadata"/> gives an option's value by
    /// its name in <see cref="OptionNames"/> (null when unset or blank).</summary>
    public static FileOptions Parse(string path, Func<string, string?> metadata, string? rootNamespace)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in OptionNames.PerFile)
        {
            if (metadata(name) is { } v && v.Trim().Length > 0) values[name] = v.Trim();
        }
        string? Value(string name) => values.TryGetValue(name, out var v) ? v : null;

        var operations = Value(OptionNames.Operations)?.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries) ?? Array.Empty<string>();
        var envelope = Value(OptionNames.EnvelopeParameter);
        var pageNumber = Value(OptionNames.PageNumberParameter);
        var paging = string.Equals(pageNumber, "none", StringComparison.OrdinalIgnoreCase)
            ? null
            : new PagingConvention(
                pageNumber ?? PagingConvention.Default.PageNumber,
                Value(OptionNames.PageSizeParameter) ?? PagingConvention.Default.PageSize,
                Value(OptionNames.PageItemsProperty) ?? PagingConvention.Default.Items,
                Value(OptionNames.PageTotalProperty) ?? PagingConvention.Default.Total,
                Value(OptionNames.PageLinksProperty) ?? PagingConvention.Default.Links);
        return new FileOptions(
            path,
            Naming.Namespace(Value(OptionNames.Namespace) ?? rootNamespace ?? "Generated"),
            Value(OptionNames.ClientName),
            new EquatableArray<string>(operations),
            string.Equals(Value(OptionNames.Visibility), "internal", StringComparison.OrdinalIgnoreCase) ? Accessibility.Internal : Accessibility.Public,
            envelope is null ? "envelope" : string.Equals(envelope, "none", StringComparison.OrdinalIgnoreCase) ? null : envelope,
            ParseApiVersion(path, Value(OptionNames.ApiVersion), diagnostics),
            paging,
            Value(OptionNames.AssemblyName),
            values.Count > 0,
            new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    private static ApiVersionTarget ParseApiVersion(string path, string? raw, List<DiagnosticInfo> diagnostics)
    {
        if (raw is null || string.Equals(raw, "latest", StringComparison.OrdinalIgnoreCase)) return ApiVersionTarget.Latest;
        if (string.Equals(raw, "preview", StringComparison.OrdinalIgnoreCase)) return new ApiVersionTarget(ApiVersionTargetKind.Preview);
        if (Building.ApiVersions.IsDate(raw)) return new ApiVersionTarget(ApiVersionTargetKind.Date, raw);
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidApiVersion, LocationInfo.FileStart(path), raw));
        return ApiVersionTarget.Latest;
    }

    private static string? Get(AnalyzerConfigOptions o, string key)
        => o.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}
