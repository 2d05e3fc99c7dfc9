using System.Text.Json.Serialization;

namespace Atlas.Codegen.Benchmarks.Stj;

// Hand-written equivalents of the generated types for System.Text.Json's own polymorphism. STJ cannot have the
// variants declare the discriminator property themselves (every Atlas variant does): the baseline leaves it out.

[JsonPolymorphic(TypeDiscriminatorPropertyName = "cloudProvider")]
[JsonDerivedType(typeof(AwsEndpoint), "AWS")]
[JsonDerivedType(typeof(AzureEndpoint), "AZURE")]
[JsonDerivedType(typeof(GcpEndpointGroup), "GCP")]
public abstract class PrivateLinkEndpoint
{
    [JsonPropertyName("deleteRequested")] public bool? DeleteRequested { get; set; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
}

public sealed class AwsEndpoint : PrivateLinkEndpoint
{
    [JsonPropertyName("connectionStatus")] public string? ConnectionStatus { get; set; }
    [JsonPropertyName("interfaceEndpointId")] public string? InterfaceEndpointId { get; set; }
}

public sealed class AzureEndpoint : PrivateLinkEndpoint
{
    [JsonPropertyName("privateEndpointConnectionName")] public string? PrivateEndpointConnectionName { get; set; }
    [JsonPropertyName("privateEndpointIPAddress")] public string? PrivateEndpointIPAddress { get; set; }
    [JsonPropertyName("privateEndpointResourceId")] public string? PrivateEndpointResourceId { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
}

public sealed class GcpEndpointGroup : PrivateLinkEndpoint
{
    [JsonPropertyName("endpointGroupName")] public string? EndpointGroupName { get; set; }
    [JsonPropertyName("endpoints")] public List<GcpRule>? Endpoints { get; set; }
    [JsonPropertyName("gcpProjectId")] public string? GcpProjectId { get; set; }
    [JsonPropertyName("portMappingEnabled")] public bool? PortMappingEnabled { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
}

public sealed class GcpRule
{
    [JsonPropertyName("endpointName")] public string? EndpointName { get; set; }
    [JsonPropertyName("ipAddress")] public string? IpAddress { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
}

/// <summary>A concrete AWS variant that carries the discriminator itself (STJ source-gen on the concrete type).</summary>
public sealed class AwsEndpointConcrete
{
    [JsonPropertyName("cloudProvider")] public string? CloudProvider { get; set; }
    [JsonPropertyName("connectionStatus")] public string? ConnectionStatus { get; set; }
    [JsonPropertyName("deleteRequested")] public bool? DeleteRequested { get; set; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
    [JsonPropertyName("interfaceEndpointId")] public string? InterfaceEndpointId { get; set; }
}

public sealed class AzureEndpointConcrete
{
    [JsonPropertyName("cloudProvider")] public string? CloudProvider { get; set; }
    [JsonPropertyName("deleteRequested")] public bool? DeleteRequested { get; set; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
    [JsonPropertyName("privateEndpointIPAddress")] public string? PrivateEndpointIPAddress { get; set; }
    [JsonPropertyName("privateEndpointResourceId")] public string? PrivateEndpointResourceId { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
}

public sealed class GcpEndpointGroupConcrete
{
    [JsonPropertyName("cloudProvider")] public string? CloudProvider { get; set; }
    [JsonPropertyName("deleteRequested")] public bool? DeleteRequested { get; set; }
    [JsonPropertyName("endpoints")] public List<GcpRule>? Endpoints { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
}

// Requests: concrete types with the discriminator as a plain property, as a hand-written client would send them.
public sealed class AwsRequest
{
    [JsonPropertyName("cloudProvider")] public string CloudProvider { get; set; } = "AWS";
    [JsonPropertyName("id")] public string? Id { get; set; }
}

public sealed class AzureRequest
{
    [JsonPropertyName("cloudProvider")] public string CloudProvider { get; set; } = "AZURE";
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("privateEndpointIPAddress")] public string? PrivateEndpointIPAddress { get; set; }
}

public sealed class GcpRequest
{
    [JsonPropertyName("cloudProvider")] public string CloudProvider { get; set; } = "GCP";
    [JsonPropertyName("endpointGroupName")] public string? EndpointGroupName { get; set; }
    [JsonPropertyName("endpoints")] public List<GcpRuleRequest>? Endpoints { get; set; }
    [JsonPropertyName("gcpProjectId")] public string? GcpProjectId { get; set; }
}

public sealed class GcpRuleRequest
{
    [JsonPropertyName("endpointName")] public string? EndpointName { get; set; }
    [JsonPropertyName("ipAddress")] public string? IpAddress { get; set; }
}

[JsonSerializable(typeof(PrivateLinkEndpoint))]
[JsonSerializable(typeof(AwsEndpointConcrete))]
[JsonSerializable(typeof(AzureEndpointConcrete))]
[JsonSerializable(typeof(GcpEndpointGroupConcrete))]
[JsonSerializable(typeof(AwsRequest))]
[JsonSerializable(typeof(AzureRequest))]
[JsonSerializable(typeof(GcpRequest))]
public sealed partial class StjContext : JsonSerializerContext;

[JsonSourceGenerationOptions(AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(PrivateLinkEndpoint))]
public sealed partial class StjOutOfOrderContext : JsonSerializerContext;
