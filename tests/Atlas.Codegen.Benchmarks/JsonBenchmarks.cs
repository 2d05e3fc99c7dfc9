using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Down = Atlas.Codegen.Downlevel.Atlas;
using Gen = Atlas.Codegen.Benchmarks.Atlas;
using Stj = Atlas.Codegen.Benchmarks.Stj;

namespace Atlas.Codegen.Benchmarks;

/// <summary>
/// Deserialization of each PrivateLinkEndpoint variant, discriminator first and last. Baseline: STJ's own
/// [JsonPolymorphic] source-generated deserializer with the discriminator first.
/// </summary>
[Config(typeof(ShortConfig))]
public class DeserializeBenchmarks
{
    [Params("AWS", "AZURE", "GCP")]
    public string Variant { get; set; } = "AWS";

    private byte[] _first = [];
    private byte[] _last = [];

    [GlobalSetup]
    public void Setup()
    {
        (_first, _last) = Variant switch
        {
            "AWS" => (Payloads.Utf8(Payloads.AwsFirst), Payloads.Utf8(Payloads.AwsLast)),
            "AZURE" => (Payloads.Utf8(Payloads.AzureFirst), Payloads.Utf8(Payloads.AzureLast)),
            _ => (Payloads.Utf8(Payloads.GcpFirst), Payloads.Utf8(Payloads.GcpLast)),
        };
        // Sanity: every path reads the same variant.
        if (Generated_first()!.GetType().Name[..2] != Generated_last()!.GetType().Name[..2]) throw new InvalidOperationException("variant mismatch");
        if (Stj_polymorphic_first() is null || Stj_polymorphic_last_out_of_order() is null) throw new InvalidOperationException("baseline failed");
    }

    [Benchmark(Baseline = true, Description = "STJ [JsonPolymorphic], discriminator first")]
    public Stj.PrivateLinkEndpoint? Stj_polymorphic_first() => JsonSerializer.Deserialize(_first, Stj.StjContext.Default.PrivateLinkEndpoint);

    [Benchmark(Description = "STJ [JsonPolymorphic] + AllowOutOfOrderMetadataProperties, discriminator last")]
    public Stj.PrivateLinkEndpoint? Stj_polymorphic_last_out_of_order() => JsonSerializer.Deserialize(_last, Stj.StjOutOfOrderContext.Default.PrivateLinkEndpoint);

    [Benchmark(Description = "STJ source-gen, concrete variant type")]
    public object? Stj_concrete() => Variant switch
    {
        "AWS" => JsonSerializer.Deserialize(_first, Stj.StjContext.Default.AwsEndpointConcrete),
        "AZURE" => JsonSerializer.Deserialize(_first, Stj.StjContext.Default.AzureEndpointConcrete),
        _ => JsonSerializer.Deserialize(_first, Stj.StjContext.Default.GcpEndpointGroupConcrete),
    };

    [Benchmark(Description = "Atlas.Codegen, discriminator first")]
    public Gen.PrivateLinkEndpoint? Generated_first() => JsonSerializer.Deserialize(_first, Gen.AtlasJsonContext.Default.PrivateLinkEndpoint);

    [Benchmark(Description = "Atlas.Codegen, discriminator last")]
    public Gen.PrivateLinkEndpoint? Generated_last() => JsonSerializer.Deserialize(_last, Gen.AtlasJsonContext.Default.PrivateLinkEndpoint);

    [Benchmark(Description = "Atlas.Codegen netstandard2.0 shape, discriminator first")]
    public Down.PrivateLinkEndpoint? Netstandard_first() => JsonSerializer.Deserialize(_first, Down.AtlasJsonContext.Default.PrivateLinkEndpoint);

    [Benchmark(Description = "Atlas.Codegen netstandard2.0 shape, discriminator last")]
    public Down.PrivateLinkEndpoint? Netstandard_last() => JsonSerializer.Deserialize(_last, Down.AtlasJsonContext.Default.PrivateLinkEndpoint);
}

/// <summary>Serialization of each CreateEndpointRequest variant. Baseline: STJ source-gen on an equivalent concrete type.</summary>
[Config(typeof(ShortConfig))]
public class SerializeBenchmarks
{
    [Params("AWS", "AZURE", "GCP")]
    public string Variant { get; set; } = "AWS";

    private Gen.CreateEndpointRequest _generated = null!;
    private Down.CreateEndpointRequest _netstandard = null!;
    private object _stj = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rules = Enumerable.Range(0, 6).Select(i => (Name: $"endpoint-{i}", Ip: $"10.142.0.{i + 2}")).ToList();
        (_generated, _stj) = Variant switch
        {
            "AWS" => ((Gen.CreateEndpointRequest)new Gen.CreateAWSEndpointRequest { Id = "vpce-3bf78b0ddee411ba1" }, (object)new Stj.AwsRequest { Id = "vpce-3bf78b0ddee411ba1" }),
            "AZURE" => (new Gen.CreateAzureEndpointRequest { Id = "/subscriptions/4e133d35/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/test-endpoint", PrivateEndpointIPAddress = "192.0.2.5" },
                new Stj.AzureRequest { Id = "/subscriptions/4e133d35/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/test-endpoint", PrivateEndpointIPAddress = "192.0.2.5" }),
            _ => (new Gen.CreateGCPEndpointGroupRequest { EndpointGroupName = "endpoint-1", GcpProjectId = "mcli-private-endpoints", Endpoints = rules.Select(r => new Gen.CreateGCPForwardingRuleRequest { EndpointName = r.Name, IpAddress = r.Ip }).ToList() },
                new Stj.GcpRequest { EndpointGroupName = "endpoint-1", GcpProjectId = "mcli-private-endpoints", Endpoints = rules.Select(r => new Stj.GcpRuleRequest { EndpointName = r.Name, IpAddress = r.Ip }).ToList() }),
        };
        _netstandard = Variant switch
        {
            "AWS" => new Down.CreateAWSEndpointRequest { Id = "vpce-3bf78b0ddee411ba1" },
            "AZURE" => new Down.CreateAzureEndpointRequest { Id = "/subscriptions/4e133d35/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/test-endpoint", PrivateEndpointIPAddress = "192.0.2.5" },
            _ => new Down.CreateGCPEndpointGroupRequest { EndpointGroupName = "endpoint-1", GcpProjectId = "mcli-private-endpoints", Endpoints = rules.Select(r => new Down.CreateGCPForwardingRuleRequest { EndpointName = r.Name, IpAddress = r.Ip }).ToList() },
        };
        if (Generated().Length != Stj_source_gen().Length) throw new InvalidOperationException("the two serializations differ in length");
        if (!Generated().AsSpan().SequenceEqual(Netstandard())) throw new InvalidOperationException("the two shapes serialize differently");
    }

    [Benchmark(Baseline = true, Description = "STJ source-gen, concrete request type")]
    public byte[] Stj_source_gen() => _stj switch
    {
        Stj.AwsRequest a => JsonSerializer.SerializeToUtf8Bytes(a, Stj.StjContext.Default.AwsRequest),
        Stj.AzureRequest z => JsonSerializer.SerializeToUtf8Bytes(z, Stj.StjContext.Default.AzureRequest),
        Stj.GcpRequest g => JsonSerializer.SerializeToUtf8Bytes(g, Stj.StjContext.Default.GcpRequest),
        _ => throw new InvalidOperationException(),
    };

    [Benchmark(Description = "Atlas.Codegen, through the union type")]
    public byte[] Generated() => JsonSerializer.SerializeToUtf8Bytes(_generated, Gen.AtlasJsonContext.Default.CreateEndpointRequest);

    [Benchmark(Description = "Atlas.Codegen netstandard2.0 shape, through the union type")]
    public byte[] Netstandard() => JsonSerializer.SerializeToUtf8Bytes(_netstandard, Down.AtlasJsonContext.Default.CreateEndpointRequest);
}

/// <summary>
/// Validation of a valid GCP create request (every constraint the spec states: required members, the project id's and
/// six IP addresses' patterns, nulls) against serializing the same value with the generated code (the baseline).
/// Goal (issue 25): at most half the serialization time, 0 bytes allocated.
/// </summary>
[Config(typeof(ShortConfig))]
public class ValidationBenchmarks
{
    private Gen.CreateEndpointRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = new Gen.CreateGCPEndpointGroupRequest
        {
            EndpointGroupName = "endpoint-1",
            GcpProjectId = "p-fdeeb3e43b8e733e5ab627b1",
            Endpoints = Enumerable.Range(0, 6).Select(i => new Gen.CreateGCPForwardingRuleRequest { EndpointName = $"endpoint-{i}", IpAddress = $"10.142.0.{i + 2}" }).ToList(),
        };
        if (Validate().Count != 0) throw new InvalidOperationException("the request is not valid: " + string.Join("; ", Validate()));
    }

    [Benchmark(Baseline = true, Description = "Atlas.Codegen, serialize")]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(_request, Gen.AtlasJsonContext.Default.CreateEndpointRequest);

    [Benchmark(Description = "Atlas.Codegen, GetValidationErrors()")]
    public IReadOnlyList<string> Validate() => _request.GetValidationErrors();
}
