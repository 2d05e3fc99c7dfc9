namespace Atlas.Codegen.Tests;

/// <summary>The sample published with native AOT (generated converters and client, no reflection) runs the whole demo.</summary>
public class AotSampleTests
{
    [Fact]
    public async Task Sample_published_with_PublishAot_runs_the_demo()
    {
        var output = Directory.CreateTempSubdirectory("atlas-aot-").FullName;
        try
        {
            var (code, log) = Dotnet.Run(TestDriver.Repo, "publish", "sample", "-c", "Release", "-p:PublishAot=true", "-o", output, "-nodeReuse:false");
            Assert.True(code == 0, "dotnet publish -p:PublishAot=true failed:\n" + log);
            Assert.DoesNotMatch(@"warning IL[23]\d{3}", log);

            var binary = Path.Combine(output, OperatingSystem.IsWindows() ? "Atlas.Codegen.Sample.exe" : "Atlas.Codegen.Sample");
            Assert.True(File.Exists(binary), "no native binary in " + output);
            var psi = new System.Diagnostics.ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var name in new[] { "MONGODB_ATLAS_CLIENT_ID", "MONGODB_ATLAS_PUBLIC_API_KEY" }) psi.Environment.Remove(name);
            using var process = System.Diagnostics.Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            var text = await stdout + await stderr;
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Created AWS   -> AWSInterfaceEndpoint", text);
            Assert.Contains("Created AZURE -> AzurePrivateEndpoint", text);
            Assert.Contains("Created GCP   -> PrivateGCPEndpointGroup", text);
            Assert.Contains("With its raw response: 200 OK application/vnd.atlas.2023-01-01+json, AWSInterfaceEndpoint.", text);
            Assert.Matches(@"Traced 4 calls as spans, e\.g\. 'createGroupPrivateEndpointEndpointServiceEndpoint' POST /api/atlas/v2/groups/\{groupId\}/privateEndpoint/\{cloudProvider\}/endpointService/\{endpointServiceId\}/endpoint -> 200 in \d+ ms\.", text);
            Assert.Contains("Rejected before sending (0 requests sent)", text);
            Assert.Contains("Out of range, rejected before sending (0 requests sent): Invalid argument, nothing was sent: itemsPerPage: 1000 is greater than the maximum 500", text);
            Assert.Contains("Creating it again: 409 PRIVATE_ENDPOINT_ALREADY_EXISTS", text);
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        }
    }
}
