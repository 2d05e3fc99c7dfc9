using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Atlas.Codegen.Model;

/// <summary>
/// Facts about the consuming compilation, reduced to values so that a C# edit never invalidates the model: which optional
/// packages it references, whether its target predates .NET 7 (the runtime is then compiled in its downlevel shape),
/// which compiler types it lacks, its C# version and the packages it must add.
/// </summary>
/// <param name="Downlevel">The target's runtime cannot dispatch static abstract interface members (.NET Standard, .NET
/// Framework, .NET 6 and older): the runtime files are compiled with <c>ATLAS_DOWNLEVEL</c> defined.</param>
/// <param name="Polyfills">The compiler types the generated code needs that no reference makes visible.</param>
/// <param name="LanguageVersion">The project's C# version, as the number <c>LanguageVersion</c> gives (e.g. 1100).</param>
/// <param name="MissingPackages">The packages the target lacks, comma-separated (empty when nothing is missing).</param>
internal sealed record Capabilities(
    bool HasHttpClientFactory, bool HasResilience, bool Downlevel, Polyfills Polyfills, int LanguageVersion, string MissingPackages)
{
    /// <summary>C# 11: required members, UTF-8 literals, static abstract members.</summary>
    public const int MinimumLanguageVersion = (int)Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp11;

    /// <summary>Whether the generated code can compile here: C# 11 or later and every package the target needs.</summary>
    public bool CanCompile => LanguageVersion >= MinimumLanguageVersion && MissingPackages.Length == 0;

    public static Capabilities From(Compilation compilation)
    {
        var polyfills = Polyfills.None;
        foreach (var (flag, name) in PolyfillTypes)
        {
            if (!HasAccessible(compilation, name)) polyfills |= flag;
        }
        var language = compilation is CSharpCompilation cs ? (int)cs.LanguageVersion : MinimumLanguageVersion;
        return new(
            compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions") is not null,
            compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions") is not null,
            !compilation.SupportsRuntimeCapability(RuntimeCapability.VirtualStaticsInInterfaces),
            polyfills,
            language,
            string.Join(", ", Missing(compilation)));
    }

    /// <summary>The compiler types that C# 11's records, <c>init</c> and <c>required</c> need, by the flag that stands for each.</summary>
    internal static readonly (Polyfills Flag, string MetadataName)[] PolyfillTypes =
    {
        (Polyfills.IsExternalInit, "System.Runtime.CompilerServices.IsExternalInit"),
        (Polyfills.RequiredMember, "System.Runtime.CompilerServices.RequiredMemberAttribute"),
        (Polyfills.CompilerFeatureRequired, "System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute"),
        (Polyfills.SetsRequiredMembers, "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute"),
    };

    /// <summary>The package each API comes from on targets that lack it (.NET 8 and later have them all).</summary>
    private static IEnumerable<string> Missing(Compilation compilation)
    {
        var json = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializerOptions");
        if (json is null || json.GetMembers("TypeInfoResolverChain").IsEmpty) yield return "System.Text.Json 8.0 or later";
        if (compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1") is null) yield return "Microsoft.Bcl.AsyncInterfaces";
        if (compilation.GetTypeByMetadataName("System.TimeProvider") is null) yield return "Microsoft.Bcl.TimeProvider";
        if (compilation.GetTypeByMetadataName("System.Diagnostics.Metrics.Meter") is null) yield return "System.Diagnostics.DiagnosticSource 6.0 or later";
        if (compilation.GetTypeByMetadataName("System.Net.Http.HttpClient") is null) yield return "System.Net.Http (<Reference Include=\"System.Net.Http\" />)";
    }

    /// <summary>A type of that name that this compilation's own code can use (a reference's internal copy does not count).</summary>
    private static bool HasAccessible(Compilation compilation, string metadataName)
    {
        foreach (var type in compilation.GetTypesByMetadataName(metadataName))
        {
            if (compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)) return true;
        }
        return false;
    }
}

/// <summary>Compiler types generated (internal) into a compilation that lacks them.</summary>
[System.Flags]
internal enum Polyfills
{
    None = 0,
    IsExternalInit = 1,
    RequiredMember = 2,
    CompilerFeatureRequired = 4,
    SetsRequiredMembers = 8,
}
