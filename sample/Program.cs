using System;
using System.Linq;
using System.Text.Json;
using Atlas.Codegen.Sample.Atlas;

// Every type used here is generated at compile time from openapi/atlas/create-private-endpoint.yaml.
// The generated JsonSerializerContext keeps this trim- and AOT-safe (no reflection).
var json = MongoDBAtlasAdministrationJsonContext.Default;
var responses = new (string Label, string Json)[]
{
    ("AWS, discriminator first", """{"cloudProvider":"AWS","connectionStatus":"PENDING_ACCEPTANCE","deleteRequested":false,"errorMessage":null,"interfaceEndpointId":"vpce-0df793f9c89c24a3b"}"""),
    ("AZURE, discriminator last", """{"deleteRequested":false,"privateEndpointIPAddress":"10.0.0.4","status":"INITIATING","cloudProvider":"AZURE"}"""),
    ("GCP, unknown fields", """{"cloudProvider":"GCP","id":"2948cdcc04958372bc938493","status":"INITIATING","endpoints":[{"status":"AVAILABLE","endpointName":"google-endpoint-group-0","ipAddress":"10.0.0.0","serviceAttachmentName":"sa-1"}]}"""),
    ("a provider this client does not know", """{"cloudProvider":"ORACLE","deleteRequested":false,"ocid":"ocid1.privateendpoint"}"""),
};

Console.WriteLine("Atlas.Codegen sample: PrivateLinkEndpoint responses through the generated converters");
foreach (var (label, body) in responses)
{
    var endpoint = JsonSerializer.Deserialize(body, json.PrivateLinkEndpoint)!;
    var detail = endpoint switch
    {
        AWSInterfaceEndpoint aws => $"interface endpoint {aws.InterfaceEndpointId}, connection {aws.ConnectionStatus}",
        AzurePrivateEndpoint azure => $"private IP {azure.PrivateEndpointIPAddress}, status {azure.Status}",
        PrivateGCPEndpointGroup gcp => $"{gcp.Endpoints?.Count ?? 0} endpoint(s), status {gcp.Status}",
        UnknownPrivateLinkEndpoint unknown => $"unknown provider '{unknown.CloudProvider}', raw JSON kept: {unknown.RawJson.GetRawText()}",
        _ => "?",
    };
    Console.WriteLine($"- {label}: {endpoint.GetType().Name} ({endpoint.CloudProvider}) {detail}");
}

CreateEndpointRequest request = new CreateAzureEndpointRequest
{
    Id = "/subscriptions/4e133d35/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/test-endpoint",
    PrivateEndpointIPAddress = "192.0.2.5",
};
Console.WriteLine($"Request body (discriminator written by the variant): {JsonSerializer.Serialize(request, json.CreateEndpointRequest)}");

try
{
    JsonSerializer.Deserialize("""{"connectionStatus":"PENDING","interfaceEndpointId":"vpce-08fb7e9319909ec7b"}""", json.PrivateLinkEndpoint);
}
catch (JsonException ex)
{
    Console.WriteLine($"Legacy body without cloudProvider: {ex.Message}");
}

var error = JsonSerializer.Deserialize("""{"detail":"A private endpoint service already exists for AWS region US_EAST_1.","error":409,"errorCode":"PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION","parameters":["AWS","US_EAST_1"],"reason":"Conflict"}""", json.ApiError)!;
Console.WriteLine($"ApiError {error.Error} {error.ErrorCode}: {error.Detail} (parameters: {string.Join(", ", error.Parameters!.Select(p => p.ToString()))})");
