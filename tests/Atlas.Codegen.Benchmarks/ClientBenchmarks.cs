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
        if (Generated().GetAwaiter().GetResult().Value is not Gen.AWSInterfaceEndpoint) throw new InvalidOperationException();
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

    /// <summary>The call's own task (what <c>await</c> on the call waits for through a struct awaiter): no async step of the benchmark's own.</summary>
    [Benchmark(Description = "Atlas.Codegen client")]
    public Task<Gen.AtlasResponse<Gen.PrivateLinkEndpoint>> Generated()
        => _client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Gen.CloudProvider.Aws, ServiceId, _request).WithRawResponse();
}

/// <summary>
/// The same round trip as <see cref="ClientBenchmarks"/> with the client's telemetry listened to (an ActivityListener
/// recording every span and a MeterListener taking every duration): what tracing and metrics cost when they are on.
/// </summary>
[Config(typeof(ShortConfig))]
public class TracedClientBenchmarks
{
    private readonly ClientBenchmarks _inner = new();
    private System.Diagnostics.ActivityListener? _spans;
    private System.Diagnostics.Metrics.MeterListener? _meters;
    private long _recorded;

    [GlobalSetup]
    public void Setup()
    {
        _inner.Setup();
        _spans = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == Gen.AtlasClient.TelemetryName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref _recorded),
        };
        System.Diagnostics.ActivitySource.AddActivityListener(_spans);
        _meters = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Gen.AtlasClient.TelemetryName) l.EnableMeasurementEvents(instrument);
            },
        };
        _meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _recorded));
        _meters.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _spans?.Dispose();
        _meters?.Dispose();
        _inner.Cleanup();
    }

    [Benchmark(Baseline = true, Description = "hand-written HttpClient + STJ")]
    public Task<Stj.PrivateLinkEndpoint?> HandWritten() => _inner.HandWritten();

    [Benchmark(Description = "Atlas.Codegen client, traced and measured")]
    public async Task<Gen.AtlasResponse<Gen.PrivateLinkEndpoint>> Generated()
    {
        var before = Interlocked.Read(ref _recorded);
        var response = await _inner.Generated();
        return Interlocked.Read(ref _recorded) > before ? response : throw new InvalidOperationException("the call was not recorded");
    }
}
