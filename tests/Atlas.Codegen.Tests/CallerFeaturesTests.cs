using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Atlas.Codegen.Tests.Admin;
using Microsoft.Extensions.DependencyInjection;
using Aws = Atlas.Codegen.Tests.Atlas;

namespace Atlas.Codegen.Tests;

/// <summary>
/// What the best generated SDKs give their callers (issue 27), over real HTTP against the local Atlas: the raw response
/// beside the typed result, options for one call, and OpenTelemetry spans and metrics.
/// </summary>
public sealed class CallerFeaturesTests : LocalAtlasTest
{
    private const string GroupId = "32b6e34b3d91647abb20e7b8";
    private const string ServiceId = "5f1e9c3a2b4d6e8f0a1b2c3d";
    private const string Created = """{"cloudProvider":"AWS","interfaceEndpointId":"vpce-0d00c26273372c6ef","connectionStatus":"PENDING_ACCEPTANCE"}""";

    private static Aws.CreateAWSEndpointRequest Body(string id = "vpce-0d00c26273372c6ef") => new() { Id = id };

    [Fact]
    public async Task The_raw_response_comes_beside_the_typed_result_without_a_second_method()
    {
        var client = new Aws.AtlasClient(Http);
        Server.Enqueue(201, Created, LocalAtlas.LocalAtlasServer.MediaType, new Dictionary<string, string> { ["X-Request-Id"] = "req-42", ["RateLimit-Remaining"] = "99" });
        var raw = await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body()).WithRawResponse();
        Assert.Equal(HttpStatusCode.Created, raw.StatusCode);
        Assert.Equal("req-42", raw.RequestId);
        Assert.Equal("99", raw.GetHeader("ratelimit-remaining")); // case-insensitive
        // The headers the spec declares (RateLimit-Limit, RateLimit-Remaining: integers), typed; absent ones null.
        Assert.Equal(99L, raw.RateLimitRemaining);
        Assert.Null(raw.RateLimitLimit);
        Assert.Equal(LocalAtlas.LocalAtlasServer.MediaType, raw.GetHeader("Content-Type")); // content headers too
        Assert.Null(raw.GetHeader("X-Absent"));
        Assert.Equal("vpce-0d00c26273372c6ef", Assert.IsType<Aws.AWSInterfaceEndpoint>(raw.Value).InterfaceEndpointId);
        Assert.Equal("201 Created (request id req-42)", raw.ToString());

        // The default shape is unchanged: await gives the typed result; the call converts to a Task for Task APIs.
        var plain = await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body("vpce-0d00c26273372c6f0"));
        Assert.IsType<Aws.AWSInterfaceEndpoint>(plain);
        Task<Aws.PrivateLinkEndpoint> task = client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body("vpce-0d00c26273372c6f1"));
        Assert.IsType<Aws.AWSInterfaceEndpoint>(await task);

        // A failure is the typed exception, as before; its raw response is on it too.
        var error = await Assert.ThrowsAsync<Aws.AtlasApiException>(async () =>
            await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body("vpce-0d00c26273372c6f0")).WithRawResponse());
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, error.Response!.StatusCode);
        Assert.Equal("application/json", error.Response.GetHeader("Content-Type"));
        Server.Enqueue(429, """{"error":429,"errorCode":"RATE_LIMITED"}""", headers: new Dictionary<string, string> { ["X-Request-Id"] = "req-43" });
        var limited = await Assert.ThrowsAsync<Aws.AtlasApiException>(async () => await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body()));
        Assert.Equal("req-43", limited.Response!.RequestId);
        Assert.Null(new Aws.AtlasApiException(HttpStatusCode.NotFound).Response);

        // A fake constructs a response.
        var fake = new Aws.AtlasResponse<int>(HttpStatusCode.Accepted, 7, [new("X-Request-Id", ["f-1"])]);
        Assert.Equal((HttpStatusCode.Accepted, 7, "f-1"), (fake.StatusCode, fake.Value, fake.RequestId));
        Assert.Equal(7, await Aws.AtlasCall<int>.FromResult(7));
    }

    [Fact]
    public async Task An_operation_without_a_result_gives_its_status_and_headers_too()
    {
        await using var admin = await LocalAtlas.LocalAtlasServer.StartAsync();
        var client = new AdminClient(new HttpClient { BaseAddress = admin.BaseAddress });
        await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" });
        admin.Enqueue(204, "", headers: new Dictionary<string, string> { ["Request-Id"] = "del-1" });
        var deleted = await client.PrivateEndpointServices.DeletePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, "vpce-0d00c26273372c6ef").WithRawResponse();
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("del-1", deleted.RequestId);
    }

    [Fact]
    public async Task Request_options_add_headers_and_bound_one_call_only()
    {
        var client = new Aws.AtlasClient(Http, new Aws.AtlasClientOptions { MaxRetryAfter = TimeSpan.FromSeconds(5) });
        var options = new Aws.AtlasRequestOptions { Headers = { ["X-Trace"] = "t-1", ["Accept"] = "application/json" } };
        Server.Enqueue(201, Created, LocalAtlas.LocalAtlasServer.MediaType);
        await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body(), requestOptions: options);
        var sent = Server.Requests.Last().Headers;
        Assert.Equal("t-1", sent["X-Trace"]);
        Assert.Equal("application/json", sent["Accept"]); // a header the call sets is replaced, not doubled
        Server.Enqueue(201, Created, LocalAtlas.LocalAtlasServer.MediaType);
        await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body());
        Assert.False(Server.Requests.Last().Headers.ContainsKey("X-Trace")); // that call only

        // A timeout of its own: this call fails at 0.3 s; the client has no RequestTimeout.
        Server.Enqueue(async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted).ContinueWith(_ => { });
            ctx.Response.StatusCode = 200;
        });
        var timeout = await Assert.ThrowsAsync<TimeoutException>(async () => await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body(),
            requestOptions: new() { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Contains("did not complete within 0.3 s (the call's Timeout)", timeout.Message);

        // Retries of its own: the client would send again after a 503 with Retry-After; this call does not.
        Server.Enqueue(503, """{"error":503,"errorCode":"SERVICE_UNAVAILABLE"}""", headers: new Dictionary<string, string> { ["Retry-After"] = "0" });
        var before = Server.ApiRequestCount;
        var refused = await Assert.ThrowsAsync<Aws.AtlasApiException>(async () => await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId,
            Body("vpce-0d00c26273372c6f2"), requestOptions: new() { MaxRetries = 0 }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(before + 1, Server.ApiRequestCount);
        Server.Enqueue(503, """{"error":503,"errorCode":"SERVICE_UNAVAILABLE"}""", headers: new Dictionary<string, string> { ["Retry-After"] = "0" });
        before = Server.ApiRequestCount;
        Assert.IsType<Aws.AWSInterfaceEndpoint>(await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body("vpce-0d00c26273372c6f3")));
        Assert.Equal(before + 2, Server.ApiRequestCount);

        Assert.Throws<ArgumentOutOfRangeException>(() => new Aws.AtlasRequestOptions { MaxRetries = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Aws.AtlasRequestOptions { Timeout = TimeSpan.Zero });
    }

    [Fact]
    public async Task Request_options_cap_the_resilience_handlers_retries_of_one_call()
    {
        await using var server = await LocalAtlas.LocalAtlasServer.StartAsync();
        var services = new ServiceCollection();
        services.AddAdminClient(o => o.Server = server.BaseAddress, r =>
        {
            r.Retry.Delay = TimeSpan.FromMilliseconds(10);
            r.Retry.UseJitter = false;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AdminClient>();
        for (var i = 0; i < 2; i++) server.Enqueue(500, """{"error":500,"errorCode":"UNEXPECTED_ERROR"}""");
        // A GET: the standard handler retries a 500 (twice here, then the local Atlas answers 404)...
        await Assert.ThrowsAsync<AdminApiException>(async () => await client.PrivateEndpointServices.GetPrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, "vpce-0d00c26273372c6ef"));
        Assert.Equal(3, server.ApiRequestCount);
        // ...but not for a call whose options say MaxRetries = 0.
        server.Enqueue(500, """{"error":500,"errorCode":"UNEXPECTED_ERROR"}""");
        var error = await Assert.ThrowsAsync<AdminApiException>(async () => await client.PrivateEndpointServices.GetPrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, "vpce-0d00c26273372c6ef",
            requestOptions: new() { MaxRetries = 0 }));
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(4, server.ApiRequestCount);
    }

    [Fact]
    public async Task Each_call_is_one_span_named_after_its_operation_with_the_HttpClient_span_under_it_and_one_duration()
    {
        using var parentSource = new ActivitySource("CallerFeaturesTests");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Aws.AtlasClient.TelemetryName || s.Name == "CallerFeaturesTests" || s.Name.StartsWith("System.Net.Http", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var port = Server.BaseAddress.Port;
        var durations = new ConcurrentQueue<(double Seconds, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Aws.AtlasClient.TelemetryName) l.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var all = new Dictionary<string, object?>();
            foreach (var t in tags) all[t.Key] = t.Value;
            if (instrument.Name == "client.operation.duration" && all.GetValueOrDefault("server.port") is int p && p == port) durations.Enqueue((value, all));
        });
        meters.Start();

        var client = new Aws.AtlasClient(Http);
        using (var parent = parentSource.StartActivity("test"))
        {
            await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body());
            Assert.Same(parent, Activity.Current); // the call's span never stays current on the caller's context
            await Assert.ThrowsAsync<Aws.AtlasApiException>(async () => await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body()));
            var pending = client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, Aws.CloudProvider.Aws, ServiceId, Body("vpce-0d00c26273372c6f7"));
            Assert.Same(parent, Activity.Current); // not even while the call is in flight
            await pending;
            var trace = parent!.TraceId;
            var mine = spans.Where(s => s.TraceId == trace).ToList();
            var operations = mine.Where(s => s.Source.Name == Aws.AtlasClient.TelemetryName).ToList();
            Assert.Equal(3, operations.Count);
            Assert.All(operations, s => Assert.Equal("createGroupPrivateEndpointEndpointServiceEndpoint", s.DisplayName));
            Assert.All(operations, s => Assert.Equal(parent.SpanId, s.ParentSpanId));
            var (ok, conflict) = (operations[0], operations[1]);
            Assert.Equal("POST", ok.GetTagItem("http.request.method"));
            Assert.Equal("/api/atlas/v2/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint", ok.GetTagItem("url.template"));
            Assert.Equal("127.0.0.1", ok.GetTagItem("server.address"));
            Assert.Equal(port, ok.GetTagItem("server.port"));
            Assert.Equal(200, ok.GetTagItem("http.response.status_code"));
            Assert.Equal("2023-01-01", ok.GetTagItem("api.version"));
            Assert.Null(ok.GetTagItem("error.type"));
            Assert.Equal(ActivityStatusCode.Unset, ok.Status);
            Assert.Equal("409", conflict.GetTagItem("error.type"));
            Assert.Equal(ActivityStatusCode.Error, conflict.Status);
            // The HttpClient's own span is a child of the operation's.
            var http = mine.Where(s => s.Source.Name.StartsWith("System.Net.Http", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, http.Count);
            Assert.Equal(operations.Select(o => o.SpanId), http.Select(h => h.ParentSpanId));
        }

        meters.RecordObservableInstruments();
        Assert.Equal(3, durations.Count);
        var (seconds, tags) = durations.First();
        Assert.InRange(seconds, 0, 30);
        Assert.Equal("createGroupPrivateEndpointEndpointServiceEndpoint", tags["operation.name"]);
        Assert.Equal(200, tags["http.response.status_code"]);
        Assert.Equal("409", durations.ElementAt(1).Tags["error.type"]);
    }

    [Fact]
    public async Task A_paged_list_is_one_span_per_page_and_an_argument_error_no_span()
    {
        await using var admin = await LocalAtlas.LocalAtlasServer.StartAsync();
        using var parentSource = new ActivitySource("CallerFeaturesTests.Paging");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AdminClient.TelemetryName || s.Name == "CallerFeaturesTests.Paging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        admin.SeedProjects(5);
        var client = new AdminClient(new HttpClient { BaseAddress = admin.BaseAddress });
        using var parent = parentSource.StartActivity("list");
        var before = admin.ApiRequestCount;
        var count = 0;
        await foreach (var _ in client.Projects.ListAllGroupsAsync(pageSize: 2)) count++;
        var pages = admin.ApiRequestCount - before;
        Assert.Equal(5, count);
        Assert.Equal(3, pages);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.Projects.ListGroupsAsync(itemsPerPage: 0); });
        var mine = spans.Where(s => s.TraceId == parent!.TraceId && s.Source.Name == AdminClient.TelemetryName).ToList();
        Assert.Equal(pages, mine.Count);
        Assert.All(mine, s => Assert.Equal("listGroups", s.DisplayName));
    }
}
