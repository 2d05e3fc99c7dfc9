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
    string? ApiVersion = null)
{
    /// <summary>True when the user set any Atlas metadata on the item: then a non-OpenAPI file is an error, not ignored.</summary>
    public bool OptedIn => Namespace is not null || ClientName is not null || Operations is not null || Visibility is not null || EnvelopeParameter is not null || ApiVersion is not null;

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
            Get(item, "build_metadata.AdditionalFiles.AtlasApiVersion"));

    private static string? Get(AnalyzerConfigOptions o, string key)
        => o.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}
