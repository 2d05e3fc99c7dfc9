using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Atlas.Codegen.LocalAtlas;
using Atlas.Codegen.Sample.Atlas;
using Admin = Atlas.Codegen.Sample.Admin;

// Atlas.Codegen sample: every Atlas type and the client used here are generated at compile time from
// openapi/atlas/create-private-endpoint.yaml (and two operations of the whole spec, for listing and waiting).
// Without credentials it runs against an embedded local Atlas.
return await Demo.RunAsync();

internal static class Demo
{
    private const string LocalGroupId = "32b6e34b3d91647abb20e7b8";
    private const string LocalServiceId = "5f1e9c3a2b4d6e8f0a1b2c3d";

    public static async Task<int> RunAsync()
    {
        static string? env(string name) => Environment.GetEnvironmentVariable(name);
        var clientId = env("MONGODB_ATLAS_CLIENT_ID");
        var publicKey = env("MONGODB_ATLAS_PUBLIC_API_KEY");
        var groupId = env("MONGODB_ATLAS_PROJECT_ID");
        var serviceId = env("MONGODB_ATLAS_ENDPOINT_SERVICE_ID");
        if ((clientId is not null || publicKey is not null) && groupId is not null && serviceId is not null)
        {
            return await RealAtlasAsync(clientId, publicKey, groupId, serviceId, env("MONGODB_ATLAS_AWS_ENDPOINT_ID"));
        }

        await using var local = await LocalAtlasServer.StartAsync(new LocalAtlasOptions { ServiceAccount = ("mdb_sa_id_local", "mdb_sa_sk_local-secret") });
        Console.WriteLine($"Atlas.Codegen sample: an embedded local Atlas at {local.BaseAddress} (set MONGODB_ATLAS_CLIENT_ID/MONGODB_ATLAS_CLIENT_SECRET");
        Console.WriteLine("or MONGODB_ATLAS_PUBLIC_API_KEY/MONGODB_ATLAS_PRIVATE_API_KEY, plus MONGODB_ATLAS_PROJECT_ID and MONGODB_ATLAS_ENDPOINT_SERVICE_ID, to call real Atlas).");
        var client = AtlasClient.Create(new AtlasClientOptions
        {
            Server = local.BaseAddress,
            ClientId = "mdb_sa_id_local",
            ClientSecret = "mdb_sa_sk_local-secret", // a service account: OAuth 2.0 client credentials against the local token endpoint
        });
        var endpoints = client.PrivateEndpointServices;

        // Tracing: one span per operation call, named after its operationId, with the HttpClient's span under it. With
        // OpenTelemetry: .AddSource(AtlasClient.TelemetryName) and .AddMeter(AtlasClient.TelemetryName) (histogram
        // client.operation.duration); here a plain ActivityListener collects them.
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AtlasClient.TelemetryName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => { lock (spans) spans.Add(span); },
        };
        ActivitySource.AddActivityListener(listener);

        Console.WriteLine();
        Show("AWS", await endpoints.CreatePrivateEndpointAsync(LocalGroupId, CloudProvider.Aws, LocalServiceId,
            new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" }));
        Show("AZURE", await endpoints.CreatePrivateEndpointAsync(LocalGroupId, CloudProvider.Azure, LocalServiceId,
            new CreateAzureEndpointRequest
            {
                Id = "/subscriptions/4e133d35-e734-4385-a565-c0945567ae34/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/test-endpoint",
                PrivateEndpointIPAddress = "192.0.2.5",
            }));
        Show("GCP", await endpoints.CreatePrivateEndpointAsync(LocalGroupId, CloudProvider.Gcp, LocalServiceId,
            new CreateGCPEndpointGroupRequest
            {
                EndpointGroupName = "endpoint-1",
                GcpProjectId = "p-fdeeb3e43b8e733e5ab627b1",
                Endpoints = Enumerable.Range(0, 3).Select(i => new CreateGCPForwardingRuleRequest { EndpointName = $"endpoint-{i}", IpAddress = $"10.142.0.{i + 2}" }).ToList(),
            }));

        // The raw response beside the typed result, and options for this call only (a header, a timeout).
        var raw = await endpoints.CreatePrivateEndpointAsync(LocalGroupId, CloudProvider.Aws, LocalServiceId, new CreateAWSEndpointRequest { Id = "vpce-0a1b2c3d4e5f60718" },
            requestOptions: new AtlasRequestOptions { Headers = { ["X-Correlation-Id"] = "sample-1" }, Timeout = TimeSpan.FromSeconds(10) }).WithRawResponse();
        Console.WriteLine($"With its raw response: {raw} {raw.GetHeader("Content-Type")}, {raw.Value.GetType().Name}.");
        lock (spans)
        {
            var last = spans[^1];
            Console.WriteLine($"Traced {spans.Count} calls as spans, e.g. '{last.DisplayName}' {last.GetTagItem("http.request.method")} {last.GetTagItem("url.template")}"
                + $" -> {last.GetTagItem("http.response.status_code")} in {last.Duration.TotalMilliseconds:0} ms.");
        }

        var before = local.ApiRequestCount;
        try
        {
            await endpoints.CreatePrivateEndpointAsync("../32b6e34b3d91647abb20e7", CloudProvider.Aws, LocalServiceId, new CreateAWSEndpointRequest { Id = "vpce-1" });
        }
        catch (ArgumentException ex)
        {
            Console.WriteLine($"Rejected before sending ({local.ApiRequestCount - before} requests sent): {ex.Message}");
        }

        try
        {
            await endpoints.CreatePrivateEndpointAsync(LocalGroupId, CloudProvider.Aws, LocalServiceId, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" });
        }
        catch (AtlasApiException ex)
        {
            Console.WriteLine($"Creating it again: {(int)ex.StatusCode} {ex.Error?.ErrorCode}: {ex.Error?.Detail}");
        }

        // Lists and long-running resources (two operations of the whole spec): every project across pages, and
        // waiting for the AWS endpoint created above to become AVAILABLE.
        local.SeedProjects(1234);
        var admin = Admin.AdminClient.Create(new Admin.AdminClientOptions { Server = local.BaseAddress, ClientId = "mdb_sa_id_local", ClientSecret = "mdb_sa_sk_local-secret" });
        var listed = local.ApiRequestCount;
        var projects = 0;
        await foreach (var project in admin.Projects.ListAllGroupsAsync())
        {
            projects++;
        }
        Console.WriteLine($"Listed {projects} projects with ListAllGroupsAsync in {local.ApiRequestCount - listed} requests (500 per page).");
        var ready = await Admin.AdminWait.UntilAsync(
            ct => admin.PrivateEndpointServices.GetPrivateEndpointAsync(LocalGroupId, Admin.CloudProvider.Aws, LocalServiceId, "vpce-0d00c26273372c6ef", cancellationToken: ct),
            isDone: e => e is Admin.AWSInterfaceEndpoint { ConnectionStatus: var s } && s == Admin.ConnectionStatus.Available,
            isFailed: e => e is Admin.AWSInterfaceEndpoint { ConnectionStatus: var s } && s == Admin.ConnectionStatus.Rejected,
            new Admin.AdminWaitOptions { Interval = TimeSpan.FromMilliseconds(250), Timeout = TimeSpan.FromMinutes(1) });
        Console.WriteLine($"Waited for the AWS endpoint: {((Admin.AWSInterfaceEndpoint)ready).ConnectionStatus}.");
        var sent = local.ApiRequestCount;
        try
        {
            // The spec says itemsPerPage is 1 to 500: a value outside is refused at the call, before anything is sent.
            await admin.Projects.ListGroupsAsync(itemsPerPage: 1000);
        }
        catch (ArgumentException ex)
        {
            Console.WriteLine($"Out of range, rejected before sending ({local.ApiRequestCount - sent} requests sent): {ex.Message}");
        }

        Console.WriteLine();
        Console.WriteLine($"Done: {local.ApiRequestCount} API calls and {local.TokenRequestCount} token request(s) reached the local Atlas.");
        return 0;
    }

    private static void Show(string label, PrivateLinkEndpoint endpoint)
    {
        var detail = endpoint switch
        {
            AWSInterfaceEndpoint aws => $"interface endpoint {aws.InterfaceEndpointId}, connection {aws.ConnectionStatus}",
            AzurePrivateEndpoint azure => $"private IP {azure.PrivateEndpointIPAddress}, status {azure.Status}",
            PrivateGCPEndpointGroup gcp => $"group {gcp.EndpointGroupName}: {gcp.Endpoints?.Count ?? 0} endpoints, status {gcp.Status}",
            UnknownPrivateLinkEndpoint unknown => $"a provider this client does not know ({unknown.CloudProvider}): {unknown.RawJson.GetRawText()}",
            _ => endpoint.ToString(),
        };
        Console.WriteLine($"Created {label,-5} -> {endpoint.GetType().Name}: {detail}");
    }

    private static async Task<int> RealAtlasAsync(string? clientId, string? publicKey, string groupId, string serviceId, string? awsEndpointId)
    {
        static string? env(string name) => Environment.GetEnvironmentVariable(name);
        var options = clientId is not null
            ? new AtlasClientOptions { ClientId = clientId, ClientSecret = env("MONGODB_ATLAS_CLIENT_SECRET") }
            : new AtlasClientOptions { DigestUsername = publicKey, DigestPassword = env("MONGODB_ATLAS_PRIVATE_API_KEY") };
        Console.WriteLine($"Atlas.Codegen sample: calling real Atlas at {AtlasClient.DefaultServer} with {(clientId is not null ? "a service account" : "an API key (HTTP Digest)")}.");
        if (awsEndpointId is null)
        {
            Console.WriteLine("Set MONGODB_ATLAS_AWS_ENDPOINT_ID (vpce-...) to create an AWS private endpoint.");
            return 2;
        }
        var client = AtlasClient.Create(options);
        try
        {
            Show("AWS", await client.PrivateEndpointServices.CreatePrivateEndpointAsync(groupId, CloudProvider.Aws, serviceId, new CreateAWSEndpointRequest { Id = awsEndpointId }));
            return 0;
        }
        catch (AtlasApiException ex)
        {
            Console.WriteLine(ex.Message);
            return 1;
        }
    }
}
