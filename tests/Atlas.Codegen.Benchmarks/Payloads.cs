using System.Text;

namespace Atlas.Codegen.Benchmarks;

public static class Payloads
{
    public const string AwsFirst = """{"cloudProvider":"AWS","connectionStatus":"PENDING_ACCEPTANCE","deleteRequested":false,"errorMessage":null,"interfaceEndpointId":"vpce-0df793f9c89c24a3b"}""";
    public const string AwsLast = """{"connectionStatus":"PENDING_ACCEPTANCE","deleteRequested":false,"errorMessage":null,"interfaceEndpointId":"vpce-0df793f9c89c24a3b","cloudProvider":"AWS"}""";
    public const string AzureFirst = """{"cloudProvider":"AZURE","deleteRequested":false,"errorMessage":null,"privateEndpointIPAddress":"10.0.0.4","privateEndpointResourceId":"/subscriptions/19265c27-b60e-4c3b-9426-ae3f507300b5/resourceGroups/test/providers/Microsoft.Network/privateEndpoints/test","status":"INITIATING"}""";
    public const string AzureLast = """{"deleteRequested":false,"errorMessage":null,"privateEndpointIPAddress":"10.0.0.4","privateEndpointResourceId":"/subscriptions/19265c27-b60e-4c3b-9426-ae3f507300b5/resourceGroups/test/providers/Microsoft.Network/privateEndpoints/test","status":"INITIATING","cloudProvider":"AZURE"}""";
    public const string GcpFirst = """{"cloudProvider":"GCP","status":"INITIATING","deleteRequested":false,"endpoints":[{"status":"AVAILABLE","endpointName":"google-endpoint-group-0","ipAddress":"10.0.0.0"},{"status":"AVAILABLE","endpointName":"google-endpoint-group-1","ipAddress":"10.0.0.1"}]}""";
    public const string GcpLast = """{"status":"INITIATING","deleteRequested":false,"endpoints":[{"status":"AVAILABLE","endpointName":"google-endpoint-group-0","ipAddress":"10.0.0.0"},{"status":"AVAILABLE","endpointName":"google-endpoint-group-1","ipAddress":"10.0.0.1"}],"cloudProvider":"GCP"}""";

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
