using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Atlas.Codegen.LocalAtlas;
using DA = Atlas.Codegen.Downlevel.Admin;
using DL = Atlas.Codegen.Downlevel.Atlas;
using DU = Atlas.Codegen.Downlevel.Uploads;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The generated code of a .NET Standard 2.0 library (tests/Atlas.Codegen.Downlevel: the fragment and four operations of
/// the whole spec, built by MSBuild with the package's two lines), run by this .NET 10 host over real HTTP against the
/// local Atlas: the shape without static abstract members, the downlevel runtime and its polyfills, as a library
/// author multi-targeting netstandard2.0 ships them.
/// </summary>
public sealed class DownlevelTests : LocalAtlasTest
{
    private const string GroupId = "32b6e34b3d91647abb20e7b8";
    private const string ServiceId = "5f1e9c3a2b4d6e8f0a1b2c3d";
    private readonly string _log = Path.Combine(Path.GetTempPath(), "atlas-downlevel-" + Guid.NewGuid().ToString("N") + ".gz");

    protected override LocalAtlasOptions? Options => new() { EndpointReadyAfter = TimeSpan.FromMilliseconds(800), ClusterLogFile = _log };

    private static readonly Assembly Library = typeof(DL.AtlasClient).Assembly;

    [Fact]
    public void The_library_is_the_netstandard20_build_in_the_downlevel_shape()
    {
        // Compiled against netstandard.dll 2.0 (a .NET Standard library references no System.Runtime).
        var netstandard = Assert.Single(Library.GetReferencedAssemblies(), a => a.Name == "netstandard");
        Assert.Equal(new Version(2, 0, 0, 0), netstandard.Version);
        Assert.DoesNotContain(Library.GetReferencedAssemblies(), a => a.Name == "System.Runtime");
        // No static abstract members: the interface every generated type implements is a marker there.
        var value = Library.GetType("Atlas.Codegen.Runtime.IAtlasJsonValue`1", throwOnError: true)!;
        Assert.Empty(value.GetMethods());
        // The compiler types C# 11 needs were generated into it (netstandard2.0 has none of them).
        Assert.NotNull(Library.GetType("System.Runtime.CompilerServices.IsExternalInit"));
        Assert.NotNull(Library.GetType("System.Runtime.CompilerServices.RequiredMemberAttribute"));
    }

    [Fact]
    public async Task Creates_on_all_three_clouds_with_the_exact_request()
    {
        var client = new DL.AtlasClient(Http);
        var aws = Assert.IsType<DL.AWSInterfaceEndpoint>(await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, DL.CloudProvider.Aws, ServiceId,
            new DL.CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" }));
        Assert.Equal(DL.ConnectionStatus.PendingAcceptance, aws.ConnectionStatus);
        var request = Assert.Single(Server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/api/atlas/v2/groups/{GroupId}/privateEndpoint/AWS/endpointService/{ServiceId}/endpoint", request.Path);
        Assert.Equal("application/vnd.atlas.2023-01-01+json", request.Headers["Accept"]);
        JsonAssert.Equivalent("""{"cloudProvider":"AWS","id":"vpce-0d00c26273372c6ef"}""", request.Body);

        var azure = Assert.IsType<DL.AzurePrivateEndpoint>(await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, DL.CloudProvider.Azure, ServiceId,
            new DL.CreateAzureEndpointRequest { Id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe", PrivateEndpointIPAddress = "10.0.0.4" }));
        Assert.Equal(DL.AzurePrivateEndpointStatus.Initiating, azure.Status);

        var gcp = Assert.IsType<DL.PrivateGCPEndpointGroup>(await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, DL.CloudProvider.Gcp, ServiceId,
            new DL.CreateGCPEndpointGroupRequest
            {
                EndpointGroupName = "endpoint-1",
                GcpProjectId = "mcli-private-endpoints",
                Endpoints = [new DL.CreateGCPForwardingRuleRequest { EndpointName = "endpoint-0", IpAddress = "10.142.0.2" }],
            }));
        Assert.Equal("endpoint-0", Assert.Single(gcp.Endpoints!).EndpointName);
    }

    [Fact]
    public async Task A_409_is_the_typed_exception_with_the_parsed_error_and_the_raw_body()
    {
        const string body = """{"detail":"Already exists.","error":409,"errorCode":"PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION","parameters":["AWS"],"reason":"Conflict"}""";
        Server.Enqueue(409, body, "application/json", new Dictionary<string, string> { ["RateLimit-Remaining"] = "7" });
        var ex = await Assert.ThrowsAsync<DL.AtlasApiException>(() => new DL.AtlasClient(Http).PrivateEndpointServices.CreatePrivateEndpointAsync(
            GroupId, DL.CloudProvider.Aws, ServiceId, new DL.CreateAWSEndpointRequest { Id = "vpce-1" }).AsTask());
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal("PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION", ex.Error!.ErrorCode);
        Assert.Equal(body, ex.RawBody);
        Assert.Equal(7, ex.RateLimitRemaining);
    }

    [Fact]
    public async Task A_rate_limited_call_is_sent_again_after_Retry_After_and_options_apply_to_one_call()
    {
        Server.Enqueue(429, """{"error":429,"errorCode":"RATE_LIMITED","reason":"Too Many Requests"}""", "application/json",
            new Dictionary<string, string> { ["Retry-After"] = "1" });
        var client = new DL.AtlasClient(Http, new DL.AtlasClientOptions { MaxRetryAfter = TimeSpan.FromSeconds(5) });
        var options = new DL.AtlasRequestOptions { Headers = { ["X-Trace"] = "t-1" }, Timeout = TimeSpan.FromSeconds(30) };
        var raw = await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, DL.CloudProvider.Aws, ServiceId,
            new DL.CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" }, requestOptions: options).WithRawResponse();
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.IsType<DL.AWSInterfaceEndpoint>(raw.Value);
        Assert.Equal(2, Server.Requests.Count);
        Assert.All(Server.Requests, r => Assert.Equal("t-1", r.Headers["X-Trace"]));
        JsonAssert.Equivalent(Server.Requests.First().Body, Server.Requests.Last().Body);
    }

    [Fact]
    public async Task A_bad_argument_is_refused_before_anything_is_sent()
    {
        var client = new DL.AtlasClient(Http);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.PrivateEndpointServices.CreatePrivateEndpointAsync(
            "not-a-group-id", DL.CloudProvider.Aws, ServiceId, new DL.CreateAWSEndpointRequest { Id = "vpce-1" }).AsTask());
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task A_paged_list_yields_every_item_once_with_the_fewest_requests()
    {
        var ids = Server.SeedProjects(1234);
        var seen = new List<string>();
        await foreach (var group in new DA.AdminClient(Http).Projects.ListAllGroupsAsync()) seen.Add(group.Id!);
        Assert.Equal(ids, seen);
        Assert.Equal(3, Server.Requests.Count(r => r.Method == "GET" && r.Path == "/api/atlas/v2/groups"));
    }

    [Fact]
    public async Task Waiting_returns_the_endpoint_once_it_is_available()
    {
        var client = new DA.AdminClient(Http);
        const string id = "vpce-0000000000000000d";
        await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, DA.CloudProvider.Aws, ServiceId, new DA.CreateAWSEndpointRequest { Id = id });
        var ready = await DA.AdminWait.UntilAsync(
            ct => client.PrivateEndpointServices.GetPrivateEndpointAsync(GroupId, DA.CloudProvider.Aws, ServiceId, id, cancellationToken: ct),
            e => ((DA.AWSInterfaceEndpoint)e).ConnectionStatus == DA.ConnectionStatus.Available,
            e => ((DA.AWSInterfaceEndpoint)e).ConnectionStatus == DA.ConnectionStatus.Rejected,
            new DA.AdminWaitOptions { Interval = TimeSpan.FromMilliseconds(50), MaxInterval = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromSeconds(20) });
        Assert.Equal(DA.ConnectionStatus.Available, ((DA.AWSInterfaceEndpoint)ready).ConnectionStatus);
        Assert.True(Server.Requests.Count(r => r.Method == "GET") >= 2);
    }

    [Fact]
    public async Task A_download_streams_the_file_byte_for_byte()
    {
        var bytes = new byte[3 << 20];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(_log, bytes);
        try
        {
            await using var download = await new DA.AdminClient(Http).MonitoringAndLogs.DownloadClusterLogAsync(GroupId, "cluster0-shard-00-00.mongodb.net", "mongodb");
            Assert.Equal("mongodb.gz", download.FileName);
            Assert.Equal(bytes.Length, download.ContentLength);
            using var copy = new MemoryStream();
            await download.CopyToAsync(copy);
            Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(copy.ToArray()));
        }
        finally
        {
            File.Delete(_log);
        }
    }

    [Fact]
    public void Json_reads_and_writes_through_the_context_and_the_attribute_keeping_undeclared_fields()
    {
        const string json = """{"cloudProvider":"AZURE","privateEndpointIPAddress":"10.0.0.4","status":"SOMETHING_NEW","vendorExtra":{"a":[1,2]}}""";
        // The context (metadata over the generated converters) and plain JsonSerializer (the [JsonConverter] attribute).
        var viaContext = JsonSerializer.Deserialize(json, DL.AtlasJsonContext.Default.PrivateLinkEndpoint)!;
        var viaAttribute = JsonSerializer.Deserialize<DL.PrivateLinkEndpoint>(json)!;
        foreach (var endpoint in new[] { viaContext, viaAttribute })
        {
            var azure = Assert.IsType<DL.AzurePrivateEndpoint>(endpoint);
            Assert.Equal("SOMETHING_NEW", azure.Status!.Value.ToString());
            JsonAssert.Equivalent(json, JsonSerializer.Serialize(endpoint, DL.AtlasJsonContext.Default.PrivateLinkEndpoint));
            JsonAssert.Equivalent(json, JsonSerializer.Serialize(endpoint));
        }
    }
}

/// <summary>Token refresh of the .NET Standard 2.0 build against OpenIddict's real authorization server.</summary>
public sealed class DownlevelOAuthTests : OAuthTests
{
    protected override int LifetimeSeconds => 3600;

    [Fact]
    public async Task A_refused_token_is_replaced_once_and_the_call_succeeds()
    {
        var handler = new DL.AtlasServiceAccountHandler(ClientId, Secret) { InnerHandler = new SocketsHttpHandler() };
        var client = new DL.AtlasClient(new HttpClient(handler) { BaseAddress = BaseUri });
        Task<DL.PrivateLinkEndpoint> Call() => client.PrivateEndpointServices.CreatePrivateEndpointAsync(
            "32b6e34b3d91647abb20e7b8", DL.CloudProvider.Aws, "5f1e9c3a2b4d6e8f0a1b2c3d", new DL.CreateAWSEndpointRequest { Id = "vpce-1" }).AsTask();
        await Call();
        Interlocked.Exchange(ref _revokeNext, 1);
        Assert.IsType<DL.AWSInterfaceEndpoint>(await Call());
        Assert.Empty(_failures);
        Assert.Equal(2, handler.TokenRequests);
    }
}

/// <summary>HTTP Digest of the .NET Standard 2.0 build (its own MD5/SHA-256 and request copy) against lighttpd.</summary>
public sealed class DownlevelDigestTests(LighttpdFixture lighttpd) : IClassFixture<LighttpdFixture>
{
    [RequiresLighttpdTheory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public async Task Digest_challenge_is_answered_and_the_body_is_sent_again(string algorithm)
    {
        var digest = new DL.AtlasDigestHandler(LighttpdFixture.User, LighttpdFixture.Password) { InnerHandler = new SocketsHttpHandler() };
        var client = new DL.AtlasClient(new HttpClient(digest) { BaseAddress = lighttpd.Servers[algorithm] });
        var id = "vpce-downlevel" + algorithm.Replace("-", "").ToLowerInvariant();
        var result = await client.PrivateEndpointServices.CreatePrivateEndpointAsync("32b6e34b3d91647abb20e7b8", DL.CloudProvider.Aws,
            "5f1e9c3a2b4d6e8f0a1b2c3d", new DL.CreateAWSEndpointRequest { Id = id });
        Assert.Equal(id, Assert.IsType<DL.AWSInterfaceEndpoint>(result).InterfaceEndpointId);
        JsonAssert.Equivalent($$"""{"cloudProvider":"AWS","id":"{{id}}"}""", lighttpd.Atlas.Requests.Last().Body);
    }
}

/// <summary>Bodies that are not JSON and event streams of the .NET Standard 2.0 build, against the same Kestrel server as UploadTests.</summary>
[Collection(nameof(SequentialCollection))]
public sealed class DownlevelUploadTests : UploadServerTest
{
    [Fact]
    public async Task Form_text_and_multipart_bodies_are_sent()
    {
        var client = new DU.UploadsClient(_http);
        var form = await client.Default.SendFormAsync(new DU.Order
        {
            Amount = 2000,
            Currency = "eur",
            Tags = ["a b", "c&d"],
            Metadata = new Dictionary<string, string> { ["order_id"] = "6735" },
        });
        Assert.Equal("amount=2000&currency=eur&tags=a%20b&tags=c%26d&metadata%5Border_id%5D=6735", form.Body);
        Assert.Equal("héllo\nworld", (await client.Default.SendTextAsync("héllo\nworld")).Body);
        using var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"a\":1}\n{}\n"));
        Assert.Equal("purpose=fine-tune;file=data.jsonl:11:application/jsonl",
            (await client.Default.UploadPartsAsync(purpose: "fine-tune", file: new DU.UploadsFile(file, "data.jsonl", "application/jsonl"))).Body);
    }

    [Fact]
    public async Task A_stream_upload_is_sent_as_read_and_a_seekable_one_again_after_a_429()
    {
        var client = new DU.UploadsClient(_http);
        const long Size = 8L * 1024 * 1024;
        using var source = new UploadTests.PatternStream(Size);
        var received = await client.Default.UploadAsync("big.bin", source);
        Assert.Equal((Size, UploadTests.PatternStream.SumOf(Size), true), (received.Bytes, received.Sum, received.Chunked!.Value));

        var bytes = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        using var seekable = new MemoryStream(bytes);
        _refuseNext = 1;
        var before = _requests;
        received = await client.Default.UploadAsync("small.bin", seekable);
        Assert.Equal((10_000L, bytes.Sum(b => (long)b)), (received.Bytes, received.Sum));
        Assert.Equal(before + 2, _requests);
    }

    [Fact]
    public async Task Server_sent_events_arrive_typed_and_cancellation_closes_the_connection()
    {
        var client = new DU.UploadsClient(_http);
        var events = new List<DU.UploadsEvent<DU.Tick>>();
        await foreach (var e in client.Default.StreamTicksAsync()) events.Add(e);
        Assert.Equal(2, events.Count);
        Assert.Equal((1L, "a", "tick", "7", TimeSpan.FromMilliseconds(1500)), (events[0].Data.N, events[0].Data.Text, events[0].EventType, events[0].Id, events[0].Retry));
        Assert.Equal(2L, events[1].Data.N);

        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in client.Default.StreamTicksAsync(endless: true).WithCancellation(cancel.Token))
            {
                if (++seen == 3) cancel.Cancel();
            }
        });
        await _streamClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
