using System.Text;
using System.Text.Json;
using Atlas.Codegen.LocalAtlas;
using BenchmarkDotNet.Attributes;
using Gen = Atlas.Codegen.Benchmarks.Atlas;
using Stj = Atlas.Codegen.Benchmarks.Stj;

namespace Atlas.Codegen.Benchmarks;

/// <summary>
/// One createPrivateEndpoint round trip over loopback to the local Atlas: the generated client against a hand-written
/// HttpClient + STJ call doing the same request (same headers, body and response parsing).
/// </summary>
[Config(typeof(ShortConfig))]
public class ClientBenchmarks
{
    private const string GroupId = "32b6e34b3d91647abb20e7b8";
    private const string ServiceId = "5f1e9c3a2b4d6e8f0a1b2c3d";
    private const string Media = "application/vnd.atlas.2023-01-01+json";
    private LocalAtlasServer _server = null!;
    private HttpClient _http = null!;
    private Gen.AtlasClient _client = null!;
    private readonly Gen.CreateAWSEndpointRequest _request = new() { Id = "vpce-0d00c26273372c6ef" };
    private readonly Stj.AwsRequest _stjRequest = new() { Id = "vpce-0d00c26273372c6ef" };

    [GlobalSetup]
    public void Setup()
    {
        _server = LocalAtlasServer.StartAsync(new LocalAtlasOptions { RejectDuplicates = false }).GetAwaiter().GetResult();
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        _client = new Gen.AtlasClient(_http);
        if (Generated().GetAwaiter().GetResult() is not Gen.AWSInterfaceEndpoint) throw new InvalidOperationException();
        if (HandWritten().GetAwaiter().GetResult() is not Stj.AwsEndpoint) throw new InvalidOperationException();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "hand-written HttpClient + STJ")]
    public async Task<Stj.PrivateLinkEndpoint?> HandWritten()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/atlas/v2/groups/{GroupId}/privateEndpoint/AWS/endpointService/{ServiceId}/endpoint");
        request.Headers.TryAddWithoutValidation("Accept", Media);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(_stjRequest, Stj.StjContext.Default.AwsRequest));
        content.Headers.TryAddWithoutValidation("Content-Type", Media);
        request.Content = content;
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException(Encoding.UTF8.GetString(body));
        return JsonSerializer.Deserialize(body, Stj.StjContext.Default.PrivateLinkEndpoint);
    }

    [Benchmark(Description = "Atlas.Codegen client")]
    public Task<Gen.PrivateLinkEndpoint> Generated()
        => _client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Gen.CloudProvider.Aws, ServiceId, _request);
}
