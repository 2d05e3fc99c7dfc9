using System.Net;
using System.Text.Json;
using Atlas.Codegen.LocalAtlas;
using Atlas.Codegen.Tests.Atlas;
using Microsoft.AspNetCore.Http;

namespace Atlas.Codegen.Tests;

/// <summary>The generated client against the local Atlas (Kestrel on 127.0.0.1, real HTTP).</summary>
public sealed class ClientTests : IAsyncLifetime
{
    private const string GroupId = "32b6e34b3d91647abb20e7b8";
    private const string ServiceId = "5f1e9c3a2b4d6e8f0a1b2c3d";
    private LocalAtlasServer _server = null!;
    private HttpClient _http = null!;
    private AtlasClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalAtlasServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        _client = new AtlasClient(_http, new AtlasClientOptions { MaxRetryAfter = TimeSpan.FromSeconds(5) });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<PrivateLinkEndpoint> CreateAws(string id = "vpce-0d00c26273372c6ef", bool? envelope = null, bool? pretty = null, CancellationToken ct = default)
        => _client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = id }, envelope, pretty, cancellationToken: ct);

    [Fact]
    public async Task Creates_an_AWS_endpoint_with_exact_method_path_headers_and_body()
    {
        var result = await CreateAws();

        var aws = Assert.IsType<AWSInterfaceEndpoint>(result);
        Assert.Equal("vpce-0d00c26273372c6ef", aws.InterfaceEndpointId);
        Assert.Equal(ConnectionStatus.PendingAcceptance, aws.ConnectionStatus);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/api/atlas/v2/groups/{GroupId}/privateEndpoint/AWS/endpointService/{ServiceId}/endpoint", request.Path);
        Assert.Equal("", request.Query);
        Assert.Equal("application/vnd.atlas.2023-01-01+json", request.Headers["Accept"]);
        Assert.Equal("application/vnd.atlas.2023-01-01+json", request.Headers["Content-Type"]);
        JsonAssert.Equivalent("""{"cloudProvider":"AWS","id":"vpce-0d00c26273372c6ef"}""", request.Body);
    }

    [Fact]
    public async Task Creates_Azure_and_GCP_endpoints()
    {
        var azure = Assert.IsType<AzurePrivateEndpoint>(await _client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Azure, ServiceId,
            new CreateAzureEndpointRequest { Id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe", PrivateEndpointIPAddress = "10.0.0.4" }));
        Assert.Equal("10.0.0.4", azure.PrivateEndpointIPAddress);
        Assert.Equal(AzurePrivateEndpointStatus.Initiating, azure.Status);

        var gcp = Assert.IsType<PrivateGCPEndpointGroup>(await _client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Gcp, ServiceId,
            new CreateGCPEndpointGroupRequest
            {
                EndpointGroupName = "endpoint-1",
                GcpProjectId = "mcli-private-endpoints",
                Endpoints = [new CreateGCPForwardingRuleRequest { EndpointName = "endpoint-0", IpAddress = "10.142.0.2" }],
            }));
        Assert.Equal("endpoint-0", Assert.Single(gcp.Endpoints!).EndpointName);
        Assert.EndsWith("/privateEndpoint/GCP/endpointService/" + ServiceId + "/endpoint", _server.Requests.Last().Path);
    }

    [Fact]
    public async Task Query_flags_are_sent_only_when_set()
    {
        await CreateAws("vpce-1", envelope: null, pretty: true);
        await CreateAws("vpce-2", envelope: false, pretty: false);
        var queries = _server.Requests.Select(r => r.Query).ToList();
        Assert.Equal(["?pretty=true", "?envelope=false&pretty=false"], queries);
    }

    [Fact]
    public async Task Envelope_true_returns_the_typed_result()
    {
        var result = await CreateAws(envelope: true);
        Assert.Equal("?envelope=true", _server.Requests.Single().Query);
        Assert.Equal("vpce-0d00c26273372c6ef", Assert.IsType<AWSInterfaceEndpoint>(result).InterfaceEndpointId);
    }

    [Fact]
    public async Task Error_status_inside_the_envelope_is_an_error()
    {
        await CreateAws(envelope: true);
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => CreateAws(envelope: true)); // duplicate: 409 inside a 200
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal("PRIVATE_ENDPOINT_ALREADY_EXISTS", ex.Error!.ErrorCode);
    }

    [Theory]
    [InlineData("""{"cloudProvider":"AZURE","deleteRequested":false,"privateEndpointIPAddress":"10.0.0.4","status":"AVAILABLE"}""", typeof(AzurePrivateEndpoint))]
    [InlineData("""{"deleteRequested":false,"privateEndpointIPAddress":"10.0.0.4","status":"AVAILABLE","cloudProvider":"AZURE"}""", typeof(AzurePrivateEndpoint))]
    [InlineData("""{"status":"VERIFIED","endpoints":[],"cloudProvider":"GCP"}""", typeof(PrivateGCPEndpointGroup))]
    [InlineData("""{"cloudProvider":"ORACLE","ocid":"x"}""", typeof(UnknownPrivateLinkEndpoint))]
    public async Task Each_response_shape_is_read(string body, Type expected)
    {
        _server.Enqueue(200, body, LocalAtlasServer.MediaType);
        var result = await CreateAws();
        Assert.IsType(expected, result);
    }

    public static TheoryData<int, string> SpecErrors() => new()
    {
        { 400, "VALIDATION_ERROR" }, { 401, "NOT_ORG_GROUP_CREATOR" }, { 402, "NO_PAYMENT_INFORMATION_FOUND" }, { 403, "CANNOT_CHANGE_GROUP_NAME" },
        { 404, "RESOURCE_NOT_FOUND" }, { 409, "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION" }, { 429, "RATE_LIMITED" }, { 500, "UNEXPECTED_ERROR" },
    };

    [Theory]
    [MemberData(nameof(SpecErrors))]
    public async Task Every_error_status_of_the_spec_throws_AtlasApiException_with_the_parsed_ApiError(int status, string code)
    {
        var body = $$"""{"detail":"Something about {{code}}.","error":{{status}},"errorCode":"{{code}}","parameters":["AWS","US_EAST_1"],"reason":"Reason {{status}}"}""";
        _server.Enqueue(status, body, "application/json", new Dictionary<string, string> { ["RateLimit-Limit"] = "100", ["RateLimit-Remaining"] = "0", ["Retry-After"] = "120" });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => CreateAws());

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(code, ex.Error!.ErrorCode);
        Assert.Equal($"Something about {code}.", ex.Error.Detail);
        Assert.Equal($"Reason {status}", ex.Error.Reason);
        Assert.Equal(status, ex.Error.Error);
        Assert.Equal(["AWS", "US_EAST_1"], ex.Error.Parameters!.Select(p => p.GetString()));
        Assert.Equal(body, ex.RawBody);
        Assert.Equal(100, ex.RateLimitLimit);
        Assert.Equal(0, ex.RateLimitRemaining);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter); // longer than MaxRetryAfter: reported, not waited for
        Assert.Contains(status.ToString(), ex.Message);
        Assert.Contains(code, ex.Message);
        Assert.Contains($"Something about {code}.", ex.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task BadRequestDetail_and_null_parameters_are_read()
    {
        _server.Enqueue(400, Payloads.Read("apiError.400.with-badRequestDetail.schema-shape.json"));
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => CreateAws());
        Assert.Equal("string", Assert.Single(ex.Error!.BadRequestDetail!.Fields!).Field);

        _server.Enqueue(404, Payloads.Read("apiError.404.parameters-null.real.json"));
        ex = await Assert.ThrowsAsync<AtlasApiException>(() => CreateAws());
        Assert.Null(ex.Error!.Parameters);
    }

    [Fact]
    public async Task Html_502_from_a_proxy_is_an_AtlasApiException_with_the_raw_body()
    {
        const string html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
        _server.Enqueue(502, html, "text/html");
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => CreateAws());
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.Error);
        Assert.Equal(html, ex.RawBody);
        Assert.Equal("text/html", ex.ContentType);
        Assert.Contains("502", ex.Message);
        Assert.Contains("502 Bad Gateway", ex.Message);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public async Task Empty_success_body_is_an_AtlasApiException()
    {
        _server.Enqueue(200, "", LocalAtlasServer.MediaType);
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => CreateAws());
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public async Task Truncated_json_is_an_AtlasApiException_with_the_raw_body_and_the_JsonException_inside()
    {
        const string truncated = """{"cloudProvider":"AWS","connectionStatus":"PEND""";
        _server.Enqueue(200, truncated, LocalAtlasServer.MediaType);
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => CreateAws());
        Assert.Equal(truncated, ex.RawBody);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task Connection_cut_mid_body_is_an_AtlasApiException()
    {
        _server.Enqueue(async ctx =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = LocalAtlasServer.MediaType;
            ctx.Response.ContentLength = 500;
            await ctx.Response.WriteAsync("""{"cloudProvider":"AWS",""");
            await ctx.Response.Body.FlushAsync();
            ctx.Abort();
        });
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => CreateAws());
        Assert.True(ex is AtlasApiException or HttpRequestException, ex.GetType().Name + ": " + ex.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Cancellation_ends_a_slow_call()
    {
        _server.Enqueue(async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateAws(ct: cts.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Rate_limited_call_is_sent_again_after_Retry_After()
    {
        _server.Enqueue(429, """{"error":429,"errorCode":"RATE_LIMITED","detail":"slow down","reason":"Too Many Requests"}""", "application/json",
            new Dictionary<string, string> { ["Retry-After"] = "1" });
        var result = await CreateAws();
        Assert.IsType<AWSInterfaceEndpoint>(result);
        Assert.Equal(2, _server.Requests.Count);
        JsonAssert.Equivalent(_server.Requests.First().Body, _server.Requests.Last().Body);
    }

    [Fact]
    public async Task Rate_limit_retries_are_bounded_by_the_user()
    {
        using var client = new HttpClient { BaseAddress = _server.BaseAddress };
        var noRetry = new AtlasClient(client, new AtlasClientOptions { MaxRateLimitRetries = 0 });
        _server.Enqueue(429, """{"error":429,"errorCode":"RATE_LIMITED","reason":"Too Many Requests"}""", "application/json", new Dictionary<string, string> { ["Retry-After"] = "1" });
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => noRetry.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-1" }));
        Assert.Equal((HttpStatusCode)429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Post_is_never_retried_after_the_connection_is_reset()
    {
        _server.Enqueue(ctx =>
        {
            ctx.Abort(); // the request reached the server: sending it again could create the endpoint twice
            return Task.CompletedTask;
        });
        await Assert.ThrowsAsync<HttpRequestException>(() => CreateAws());
        await Task.Delay(200);
        Assert.Single(_server.Requests);
    }

    public static TheoryData<string, string> HostileIds() => new()
    {
        { "groupId", "../32b6e34b3d91647abb20e7" },
        { "groupId", "..%2F32b6e34b3d91647abb20e7" },
        { "groupId", "%2F2b6e34b3d91647abb20e7b8" },
        { "groupId", "32b6e34b3d91/47abb20e7b8a" },
        { "groupId", "32b6e34b3d91647abb20e7b8\n" },
        { "groupId", "32b6e34b3d91647abb20e7b8\r\nX-Injected: 1" },
        { "groupId", "32b6e34b3d91 647abb20e7b8" },
        { "groupId", " 32b6e34b3d91647abb20e7b8" },
        { "groupId", "32b6e34b3d91647abb20e7b" },
        { "groupId", "32b6e34b3d91647abb20e7b8a" },
        { "groupId", "32B6E34B3D91647ABB20E7B8" },
        { "groupId", "32b6e34b3d91647abb20e7bа" },
        { "groupId", "３２b6e34b3d91647abb20e7b8" },
        { "groupId", "32b6e34b3d91647abb20e7b٨" },
        { "groupId", "" },
        { "groupId", ".." },
        { "groupId", "32b6e34b3d91647abb20e7b8?x" },
        { "groupId", "32b6e34b3d91647abb20e7b8#x" },
        { "endpointServiceId", "../../../../admin" },
        { "endpointServiceId", "5f1e9c3a2b4d6e8f0a1b2c3d\0" },
        { "endpointServiceId", "5f1e9c3a2b4d6e8f0a1b2c3d/../x" },
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task Hostile_path_values_are_rejected_before_anything_is_sent(string parameter, string value)
    {
        var groupId = parameter == "groupId" ? value : GroupId;
        var serviceId = parameter == "endpointServiceId" ? value : ServiceId;
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.PrivateEndpointServices.CreatePrivateEndpointAsync(
            groupId, CloudProvider.Aws, serviceId, new CreateAWSEndpointRequest { Id = "vpce-1" }));
        Assert.Equal(parameter, ex.ParamName);
        if (value.Length > 0 && value != ".." && !value.Any(char.IsControl)) Assert.Contains("^([a-f0-9]{24})$", ex.Message);
        Assert.Equal(0, _server.ApiRequestCount);
    }

    [Fact]
    public async Task Hostile_enum_value_in_the_path_is_escaped_or_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.PrivateEndpointServices.CreatePrivateEndpointAsync(
            GroupId, new CloudProvider("AWS\r\n"), ServiceId, new CreateAWSEndpointRequest { Id = "vpce-1" }));
        Assert.Equal(0, _server.ApiRequestCount);
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => _client.PrivateEndpointServices.CreatePrivateEndpointAsync(
            GroupId, new CloudProvider("../AWS"), ServiceId, new CreateAWSEndpointRequest { Id = "vpce-1" }));
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode); // sent escaped as one segment (..%2FAWS): the server sees an unknown provider
        Assert.Equal("INVALID_ENUM_VALUE", ex.Error!.ErrorCode);
    }

    [Fact]
    public async Task Null_body_is_rejected_before_anything_is_sent()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, null!));
        Assert.Equal(0, _server.ApiRequestCount);
    }

    [Fact]
    public async Task Body_patterns_are_enforced_only_when_asked()
    {
        var body = new CreateGCPEndpointGroupRequest { EndpointGroupName = "endpoint-1", GcpProjectId = "mcli-private-endpoints", Endpoints = [new CreateGCPForwardingRuleRequest { EndpointName = "e", IpAddress = "10.0.0.300" }] };
        Assert.IsType<PrivateGCPEndpointGroup>(await _client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Gcp, ServiceId, body));
        Assert.Equal(1, _server.ApiRequestCount);

        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var strict = new AtlasClient(http, new AtlasClientOptions { ValidateRequestBodies = true });
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => strict.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Gcp, ServiceId, body with { EndpointGroupName = "endpoint-2" }));
        Assert.Equal("body", ex.ParamName);
        Assert.Contains("body.gcpProjectId: 'mcli-private-endpoints' does not match", ex.Message);
        Assert.Contains("body.endpoints[0].ipAddress", ex.Message);
        Assert.Equal(1, _server.ApiRequestCount);
        // Every violation of every argument at once: a bad path parameter and the body's in one exception, nothing sent.
        var all = await Assert.ThrowsAsync<ArgumentException>(() => strict.PrivateEndpointServices.CreatePrivateEndpointAsync("nope", CloudProvider.Gcp, "", body));
        Assert.StartsWith("Invalid arguments, nothing was sent: groupId: 'nope' does not match the pattern ^([a-f0-9]{24})$; endpointServiceId: must not be empty (a path parameter); body.", all.Message);
        Assert.Contains("body.gcpProjectId", all.Message);
        Assert.Equal(1, _server.ApiRequestCount);
        var errors = body.GetValidationErrors();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("endpoints[0].ipAddress: '10.0.0.300' does not match \"^((25[0-5]", errors[0]);
        Assert.Equal("gcpProjectId: 'mcli-private-endpoints' does not match \"^p-[0-9a-z]{24}$\"", errors[1]);
    }

    [Fact]
    public async Task Server_default_comes_from_the_spec_and_options_print_no_secrets()
    {
        Assert.Equal("https://cloud.mongodb.com", AtlasClient.DefaultServer);
        var options = new AtlasClientOptions { ClientId = "mdb_sa_id_1", ClientSecret = "mdb_sa_sk_SECRET", DigestUsername = "pub", DigestPassword = "PRIVATE-KEY" };
        var text = options.ToString();
        Assert.DoesNotContain("SECRET", text);
        Assert.DoesNotContain("PRIVATE-KEY", text);
        Assert.Contains("mdb_sa_id_1", text);
        await Task.CompletedTask;
    }
}
