using System.Net;
using Atlas.Codegen.LocalAtlas;
using Atlas.Codegen.Tests.Atlas;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Atlas.Codegen.Tests;

/// <summary>Application code as a user writes it: it depends on the client's interfaces, and is tested with a hand-written fake.</summary>
public sealed class EndpointProvisioner(IPrivateEndpointServicesOperations endpoints)
{
    public async Task<string> EnsureAsync(string groupId, string serviceId, string vpce)
    {
        try
        {
            var created = await endpoints.CreatePrivateEndpointAsync(groupId, CloudProvider.Aws, serviceId, new CreateAWSEndpointRequest { Id = vpce });
            return created is AWSInterfaceEndpoint aws ? "created " + aws.InterfaceEndpointId : "created";
        }
        catch (AtlasApiException ex) when (ex.IsConflict)
        {
            return "exists";
        }
    }
}

/// <summary>What .NET users of an SDK expect: fakes, error helpers, 503 retries, a user agent, a per-call timeout.</summary>
public sealed class ErgonomicsTests : LocalAtlasTest
{
    private const string GroupId = "32b6e34b3d91647abb20e7b8";
    private const string ServiceId = "5f1e9c3a2b4d6e8f0a1b2c3d";

    private sealed class FakeEndpoints(Func<CreateEndpointRequest, PrivateLinkEndpoint> answer) : IPrivateEndpointServicesOperations
    {
        public List<CreateEndpointRequest> Calls { get; } = [];

        public AtlasCall<PrivateLinkEndpoint> CreatePrivateEndpointAsync(string groupId, CloudProvider cloudProvider, string endpointServiceId, CreateEndpointRequest body,
            bool? envelope = null, bool? pretty = null, AtlasRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
        {
            Calls.Add(body);
            return AtlasCall<PrivateLinkEndpoint>.FromResult(answer(body), HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task Code_that_depends_on_the_interface_is_tested_with_a_hand_written_fake()
    {
        var fake = new FakeEndpoints(_ => new AWSInterfaceEndpoint { InterfaceEndpointId = "vpce-0d00c26273372c6ef" });
        Assert.Equal("created vpce-0d00c26273372c6ef", await new EndpointProvisioner(fake).EnsureAsync(GroupId, ServiceId, "vpce-0d00c26273372c6ef"));
        Assert.Single(fake.Calls);

        var conflict = new FakeEndpoints(_ => throw new AtlasApiException(HttpStatusCode.Conflict, """{"error":409,"errorCode":"PRIVATE_ENDPOINT_ALREADY_EXISTS"}"""));
        Assert.Equal("exists", await new EndpointProvisioner(conflict).EnsureAsync(GroupId, ServiceId, "vpce-0d00c26273372c6ef"));
    }

    [Fact]
    public async Task The_interfaces_resolve_from_the_service_provider_to_the_real_client()
    {
        var services = new ServiceCollection();
        services.AddAtlasClient(o => o.Server = Server.BaseAddress);
        services.AddTransient<EndpointProvisioner>();
        await using var provider = services.BuildServiceProvider();
        Assert.IsType<AtlasClient>(provider.GetRequiredService<IAtlasClient>());
        Assert.IsType<AtlasClient.PrivateEndpointServicesOperations>(provider.GetRequiredService<IPrivateEndpointServicesOperations>());
        Assert.Equal("created vpce-0d00c26273372c6ef", await provider.GetRequiredService<EndpointProvisioner>().EnsureAsync(GroupId, ServiceId, "vpce-0d00c26273372c6ef"));
        Assert.Equal("exists", await provider.GetRequiredService<EndpointProvisioner>().EnsureAsync(GroupId, ServiceId, "vpce-0d00c26273372c6ef"));
    }

    [Fact]
    public async Task Error_helpers_read_the_status_and_the_error_code()
    {
        var client = new AtlasClient(Http);
        Server.Enqueue(404, """{"detail":"No cluster","error":404,"errorCode":"CLUSTER_NOT_FOUND","parameters":[],"reason":"Not Found"}""");
        var notFound = await Assert.ThrowsAsync<AtlasApiException>(() => client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" }));
        Assert.True(notFound.IsNotFound);
        Assert.True(notFound.IsErrorCode("CLUSTER_NOT_FOUND"));
        Assert.False(notFound.IsErrorCode("CLUSTER_NOT_FOUND_X"));
        Assert.False(notFound.IsConflict);
        Assert.False(notFound.IsRateLimited);

        Server.Enqueue(400, """{"error":400,"errorCode":"INVITATIONS_RATE_LIMITED_IP","reason":"Bad Request"}""");
        var limited = await Assert.ThrowsAsync<AtlasApiException>(() => client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" }));
        Assert.True(limited.IsRateLimited);
        Assert.Equal("INVITATIONS_RATE_LIMITED_IP", limited.ErrorCode);

        Server.Enqueue(502, "<html>Bad gateway</html>", "text/html");
        var html = await Assert.ThrowsAsync<AtlasApiException>(() => client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" }));
        Assert.Null(html.ErrorCode);
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_sent_again_within_the_bound_and_without_it_is_not()
    {
        var client = new AtlasClient(Http, new AtlasClientOptions { MaxRetryAfter = TimeSpan.FromSeconds(5) });
        Server.Enqueue(503, """{"error":503,"errorCode":"SERVICE_UNAVAILABLE"}""", headers: new Dictionary<string, string> { ["Retry-After"] = "1" });
        var before = Server.ApiRequestCount;
        Assert.IsType<AWSInterfaceEndpoint>(await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" }));
        Assert.Equal(before + 2, Server.ApiRequestCount);

        Server.Enqueue(503, """{"error":503,"errorCode":"SERVICE_UNAVAILABLE"}""");
        before = Server.ApiRequestCount;
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6f0" }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(before + 1, Server.ApiRequestCount);

        Server.Enqueue(503, "{}", headers: new Dictionary<string, string> { ["Retry-After"] = "60" });
        before = Server.ApiRequestCount;
        await Assert.ThrowsAsync<AtlasApiException>(() => client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6f1" }));
        Assert.Equal(before + 1, Server.ApiRequestCount); // 60 s is beyond MaxRetryAfter: reported at once
    }

    [Fact]
    public async Task Every_request_names_the_client_and_the_application_in_User_Agent()
    {
        await new AtlasClient(Http).PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" });
        var plain = Server.Requests.Last().Headers["User-Agent"];
        Assert.Matches(@"^AtlasClient/\d+\.\d+\.\d+\S* \(\.NET \d+\.\d+\.\d+; [^()]+\)$", plain);

        await new AtlasClient(Http, new AtlasClientOptions { ApplicationName = "Provisioner/2.1" }).PrivateEndpointServices
            .CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6f0" });
        Assert.Equal("Provisioner/2.1 " + plain, Server.Requests.Last().Headers["User-Agent"]);
    }

    [Fact]
    public async Task A_slow_server_is_a_TimeoutException_and_a_cancelled_call_stays_cancelled()
    {
        var client = new AtlasClient(Http, new AtlasClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        Server.Enqueue(async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted).ContinueWith(_ => { });
            ctx.Response.StatusCode = 200;
        });
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" }));
        Assert.Contains("did not complete within 0.3 s (RequestTimeout)", timeout.Message);
        Assert.IsAssignableFrom<OperationCanceledException>(timeout.InnerException);

        Server.Enqueue(async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted).ContinueWith(_ => { });
            ctx.Response.StatusCode = 200;
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var patient = new AtlasClient(Http, new AtlasClientOptions { RequestTimeout = TimeSpan.FromSeconds(30) });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => patient.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6f0" }, cancellationToken: cts.Token));
    }
}

/// <summary>Explicit null in requests: a nullable property can be absent (unset), null (assigned null) or a value.</summary>
public sealed class ExplicitNullTests : LocalAtlasTest
{
    private const string Spec = """
        openapi: 3.0.1
        info: {title: Things, version: '1'}
        paths:
          /things/{id}:
            patch:
              operationId: updateThing
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/ThingUpdate'}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/ThingUpdate'}
        components:
          schemas:
            ThingUpdate:
              type: object
              properties:
                name: {type: string, nullable: true}
                size: {type: integer, nullable: true}
                tags: {type: array, items: {type: string}, nullable: true}
                note: {type: string}
        """;

    private static readonly Lazy<GeneratedAssembly> Things = new(() => GeneratedAssembly.Build(Spec, new() { ["AtlasNamespace"] = "Nulls" }));

    private static object Update(params (string Property, object? Value)[] assigned)
    {
        var type = Things.Value.Type("ThingUpdate");
        var value = Activator.CreateInstance(type)!;
        foreach (var (property, v) in assigned) type.GetProperty(property)!.SetValue(value, v);
        return value;
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":null}""")]
    [InlineData("""{"name":"a","size":null,"tags":null}""")]
    [InlineData("""{"size":3,"note":"n"}""")]
    public async Task The_body_says_null_exactly_when_asked_and_omits_what_is_unset(string expected)
    {
        var assigned = new List<(string, object?)>();
        foreach (var (key, node) in System.Text.Json.Nodes.JsonNode.Parse(expected)!.AsObject())
        {
            var name = char.ToUpperInvariant(key[0]) + key[1..];
            assigned.Add((name, node is null ? null : key == "size" ? node.GetValue<long>() : node.GetValue<string>()));
        }
        Server.Enqueue(200, "{}");
        dynamic client = Things.Value.Client(Http);
        await client.Default.UpdateThingAsync("t1", (dynamic)Update([.. assigned]));
        Assert.Equal(expected, Server.Requests.Last().Body);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":null}""")]
    [InlineData("""{"name":null,"size":null,"tags":null,"note":"x"}""")]
    [InlineData("""{"size":1,"tags":["a"]}""")]
    public void A_round_trip_keeps_absent_and_null_apart(string json)
    {
        var type = Things.Value.Type("ThingUpdate");
        var value = System.Text.Json.JsonSerializer.Deserialize(json, type)!;
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(value, type));
    }
}

