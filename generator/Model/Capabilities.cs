namespace Atlas.Codegen.Model;

/// <summary>Facts about the consuming compilation, reduced to booleans so that a C# edit never invalidates the model.</summary>
internal sealed record Capabilities(bool HasHttpClientFactory, bool HasResilience)
{
    public static Capabilities From(Microsoft.CodeAnalysis.Compilation compilation)
        => new(
            compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions") is not null,
            compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions") is not null);
}
