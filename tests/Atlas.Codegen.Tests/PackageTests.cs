using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Atlas.Codegen.Tests;

/// <summary>Packs the generator once (unique version, isolated package folder: a stale cached copy can never be used).</summary>
public sealed class PackedGenerator : IDisposable
{
    public PackedGenerator()
    {
        Root = Directory.CreateTempSubdirectory("atlas-package-").FullName;
        Feed = Path.Combine(Root, "feed");
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;
        var (code, output) = Dotnet.Run(TestDriver.Repo, "pack", "generator", "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nodeReuse:false");
        Assert.True(code == 0, "dotnet pack failed:\n" + output);
        Package = Path.Combine(Feed, $"Atlas.Codegen.{Version}.nupkg");
        Assert.True(File.Exists(Package), output);
    }

    public string Root { get; }
    public string Feed { get; }
    public string Version { get; }
    public string Package { get; }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class Dotnet
{
    public static (int Code, string Output) Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    public static (int Code, string Output) Run(string workingDirectory, IDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (env is not null) foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            return (-1, "timed out: dotnet " + string.Join(' ', args));
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>The analyzer package as a user gets it: its file list, and a brand-new project that consumes it with two csproj lines.</summary>
public sealed class PackageTests(PackedGenerator packed) : IClassFixture<PackedGenerator>
{
    [Fact]
    public void Package_holds_exactly_the_analyzer_YamlDotNet_the_props_and_targets_and_no_dependencies()
    {
        using var zip = ZipFile.OpenRead(packed.Package);
        var files = zip.Entries.Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/") && !n.StartsWith("package/") && n != "[Content_Types].xml" && !n.EndsWith(".nuspec"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["analyzers/dotnet/cs/Atlas.Codegen.dll", "analyzers/dotnet/cs/YamlDotNet.dll", "build/Atlas.Codegen.props", "build/Atlas.Codegen.targets"], files);

        using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
        Assert.Null(metadata.Element(ns + "dependencies"));
        Assert.Equal(packed.Version, metadata.Element(ns + "version")!.Value);

        using var props = new StreamReader(zip.GetEntry("build/Atlas.Codegen.props")!.Open());
        var text = props.ReadToEnd();
        foreach (var option in new[] { "AtlasNamespace", "AtlasClientName", "AtlasOperations", "AtlasVisibility", "AtlasEnvelopeParameter", "AtlasApiVersion",
            "AtlasPageNumberParameter", "AtlasPageSizeParameter", "AtlasPageItemsProperty", "AtlasPageTotalProperty", "AtlasPageLinksProperty", "AtlasAssemblyName" })
        {
            Assert.Contains($"MetadataName=\"{option}\"", text);
        }
    }

    [Fact]
    public void Another_vendors_paging_convention_set_in_the_csproj_pages_every_item()
    {
        // A spec with its own names (page, per_page, items, total): the options, as item metadata through a real
        // MSBuild build, make its list paginated; a fake server answers 7 items in pages.
        var app = NewApp("""
            <AdditionalFiles Include="openapi/things.yaml" AtlasPageNumberParameter="page" AtlasPageSizeParameter="per_page"
                             AtlasPageItemsProperty="items" AtlasPageTotalProperty="total" AtlasPageLinksProperty="none" />
            """);
        File.WriteAllText(Path.Combine(app, "openapi", "things.yaml"), """
            openapi: 3.1.0
            info: {title: Things, version: '1'}
            paths:
              /things:
                get:
                  operationId: listThings
                  parameters:
                    - {name: page, in: query, schema: {type: integer}}
                    - {name: per_page, in: query, schema: {type: integer, maximum: 3}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              items: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                              total: {type: integer}
            components:
              schemas:
                Thing:
                  type: object
                  properties:
                    name: {type: string}
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """"
            using System.Net;
            using Consumer;
            var fake = new Fake();
            var client = new ThingsClient(new HttpClient(fake) { BaseAddress = new Uri("http://127.0.0.1:9") });
            var names = new List<string?>();
            await foreach (var thing in client.Default.ListAllThingsAsync()) names.Add(thing.Name);
            Console.WriteLine("items " + string.Join(",", names));
            foreach (var call in fake.Calls) Console.WriteLine(call);

            sealed class Fake : HttpMessageHandler
            {
                public List<string> Calls { get; } = new();

                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    Calls.Add("call " + request.RequestUri!.PathAndQuery);
                    var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
                    int page = int.Parse(query["page"]!), size = int.Parse(query["per_page"]!);
                    var items = Enumerable.Range(0, 7).Skip((page - 1) * size).Take(size).Select(i => new { name = "t" + i });
                    var body = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { items, total = 7 }));
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = body });
                }
            }
            """");
        var (code, output) = Dotnet.Run(app, Env, "run", "-nodeReuse:false");
        Assert.True(code == 0, output);
        Assert.Contains("items t0,t1,t2,t3,t4,t5,t6", output);
        var calls = output.Split('\n').Where(l => l.StartsWith("call ")).Select(l => l.Trim()).ToList();
        // The spec's maximum (3) is the page size; the total ends the list after the third page.
        Assert.Equal(["call /things?page=1&per_page=3", "call /things?page=2&per_page=3", "call /things?page=3&per_page=3"], calls);
    }

    [Fact]
    public void Operations_separated_by_semicolons_in_the_csproj_are_all_generated_and_called()
    {
        // The README's form: AtlasOperations="a;b;c" as item metadata, through a real MSBuild build (the generated
        // .editorconfig would cut the value at the first ';').
        var app = NewApp("""
            <AdditionalFiles Include="openapi/atlas-admin-v2.yaml" AtlasApiVersion="2024-08-05" AtlasOperations="createPrivateEndpoint;getPrivateEndpoint;
                             deletePrivateEndpoint" />
            """);
        File.Copy(Path.Combine(TestDriver.Repo, "openapi", "atlas", "atlas-admin-v2.yaml"), Path.Combine(app, "openapi", "atlas-admin-v2.yaml"));
        File.WriteAllText(Path.Combine(app, "Program.cs"), """"
            using System.Net;
            using Consumer;
            var fake = new Fake();
            var client = new MongoDBAtlasAdministrationClient(new HttpClient(fake) { BaseAddress = new Uri("http://127.0.0.1:9") });
            const string group = "32b6e34b3d91647abb20e7b8", service = "32b6e34b3d91647abb20e7b9";
            var created = await client.PrivateEndpointServices.CreatePrivateEndpointAsync(group, "AWS", service, new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" });
            var read = await client.PrivateEndpointServices.GetPrivateEndpointAsync(group, "AWS", service, "vpce-0d00c26273372c6ef");
            await client.PrivateEndpointServices.DeletePrivateEndpointAsync(group, "AWS", service, "vpce-0d00c26273372c6ef");
            Console.WriteLine(created.GetType().Name + " " + read.GetType().Name);
            Console.WriteLine("generated by " + ((System.CodeDom.Compiler.GeneratedCodeAttribute)Attribute.GetCustomAttribute(typeof(MongoDBAtlasAdministrationClient), typeof(System.CodeDom.Compiler.GeneratedCodeAttribute))!).Version);
            foreach (var call in fake.Calls) Console.WriteLine(call);

            sealed class Fake : HttpMessageHandler
            {
                public List<string> Calls { get; } = new();

                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    Calls.Add("call " + request.Method + " " + request.RequestUri!.AbsolutePath + " accept=" + string.Join(",", request.Headers.Accept));
                    if (request.Method == HttpMethod.Delete) return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
                    var body = new StringContent("""{"cloudProvider":"AWS","interfaceEndpointId":"vpce-0d00c26273372c6ef","connectionStatus":"AVAILABLE"}""");
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = body });
                }
            }
            """");
        var (code, output) = Dotnet.Run(app, Env, "run", "-nodeReuse:false");
        Assert.True(code == 0, output);
        Assert.Contains("AWSInterfaceEndpoint AWSInterfaceEndpoint", output);
        // The generated code carries the version the package was packed with.
        Assert.Contains("generated by " + packed.Version, output);
        var calls = output.Split('\n').Where(l => l.StartsWith("call ")).Select(l => l.Trim()).ToList();
        Assert.Equal(3, calls.Count);
        Assert.StartsWith("call POST /api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/privateEndpoint/AWS/endpointService/32b6e34b3d91647abb20e7b9/endpoint accept=application/vnd.atlas.", calls[0]);
        Assert.StartsWith("call GET ", calls[1]);
        // A 204 without a schema still asks for the operation's versioned media type, not application/json.
        Assert.StartsWith("call DELETE ", calls[2]);
        // AtlasApiVersion=2024-08-05: each operation's newest version not later than that date (2023-01-01 for these).
        Assert.All(calls, c => Assert.EndsWith("accept=application/vnd.atlas.2023-01-01+json", c));
    }

    [Fact]
    public void The_whole_spec_in_its_own_library_builds_strictly_and_an_application_edit_does_not_recompile_it()
    {
        // The README's layout for a large spec: the generated API in a class library (every operation, nullable,
        // warnings as errors, no NoWarn: no ATLAS100 left, the other diagnostics of this spec are infos), referenced by
        // the application. An edit of the application recompiles the application only.
        var root = Path.Combine(packed.Root, "layout-" + Guid.NewGuid().ToString("N")[..8]);
        var lib = Path.Combine(root, "Atlas.Api");
        var app = Path.Combine(root, "App");
        Directory.CreateDirectory(Path.Combine(lib, "openapi"));
        Directory.CreateDirectory(app);
        WriteNugetConfig(root);
        File.Copy(Path.Combine(TestDriver.Repo, "openapi", "atlas", "atlas-admin-v2.yaml"), Path.Combine(lib, "openapi", "atlas-admin-v2.yaml"));
        WriteLibrary(lib, "Atlas.Api", """<AdditionalFiles Include="openapi/atlas-admin-v2.yaml" />""");
        WriteReferencingApp(app, "../Atlas.Api/Atlas.Api.csproj");
        var program = Path.Combine(app, "Program.cs");
        File.WriteAllText(program, """
            using Atlas.Api;
            IMongoDBAtlasAdministrationClient client = new MongoDBAtlasAdministrationClient(new HttpClient());
            Console.WriteLine(client.Clusters.GetType().Name + " " + MongoDBAtlasAdministrationJsonContext.Default.GetType().Name);
            """);
        var (code, output) = Dotnet.Run(app, Env, "build", "-nodeReuse:false");
        Assert.True(code == 0, output.Length > 6000 ? output[^6000..] : output);
        Assert.DoesNotContain(": warning ", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(" 0 Warning(s)", output);
        var libDll = Path.Combine(lib, "obj", "Debug", "net10.0", "Atlas.Api.dll");
        var appDll = Path.Combine(app, "obj", "Debug", "net10.0", "App.dll");
        var (libBefore, appBefore) = (File.GetLastWriteTimeUtc(libDll), File.GetLastWriteTimeUtc(appDll));

        File.AppendAllText(program, "Console.WriteLine(\"edited\");\n");
        (code, output) = Dotnet.Run(app, Env, "run", "-nodeReuse:false");
        Assert.True(code == 0, output.Length > 6000 ? output[^6000..] : output);
        Assert.Contains("ClustersOperations MongoDBAtlasAdministrationJsonContext", output);
        Assert.Contains("edited", output);
        Assert.Equal(libBefore, File.GetLastWriteTimeUtc(libDll)); // the library was not compiled again
        Assert.NotEqual(appBefore, File.GetLastWriteTimeUtc(appDll));
    }

    [Fact]
    public void The_whole_spec_compiled_into_its_own_assembly_from_the_application_project_is_not_compiled_again_on_an_edit()
    {
        // The README's two lines plus AtlasAssemblyName: every operation (nullable, warnings as errors, no NoWarn), the
        // API compiled by the package's targets into Consumer.AtlasApi.dll with its XML docs, referenced by the
        // application and copied next to it. An edit of the application compiles the application only.
        var app = NewApp("""<AdditionalFiles Include="openapi/atlas-admin-v2.yaml" AtlasAssemblyName="Consumer.AtlasApi" />""");
        File.Copy(Path.Combine(TestDriver.Repo, "openapi", "atlas", "atlas-admin-v2.yaml"), Path.Combine(app, "openapi", "atlas-admin-v2.yaml"));
        var program = Path.Combine(app, "Program.cs");
        File.WriteAllText(program, """"
            using System.Text.Json;
            using Consumer;
            IMongoDBAtlasAdministrationClient client = new MongoDBAtlasAdministrationClient(new HttpClient());
            var error = JsonSerializer.Deserialize("""{"detail":"d","error":409,"errorCode":"DUPLICATE","extra":[1]}""", MongoDBAtlasAdministrationJsonContext.Default.ApiError)!;
            Console.WriteLine(client.Clusters.GetType().Assembly.GetName().Name + " " + JsonSerializer.Serialize(error, MongoDBAtlasAdministrationJsonContext.Default.ApiError));
            """");
        var (code, output) = Dotnet.Run(app, Env, "build", "-nodeReuse:false");
        Assert.True(code == 0, output.Length > 6000 ? output[^6000..] : output);
        Assert.DoesNotContain(": warning ", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(" 0 Warning(s)", output);
        var obj = Path.Combine(app, "obj", "Debug", "net10.0");
        var apiDll = Path.Combine(obj, "atlas", "Consumer.AtlasApi.dll");
        var appDll = Path.Combine(obj, "Consumer.dll");
        Assert.True(new FileInfo(apiDll).Length > 4_000_000, "the API assembly holds the whole spec");
        Assert.True(new FileInfo(appDll).Length < 400_000, $"the application does not compile the API again ({new FileInfo(appDll).Length} bytes)");
        Assert.Contains("<member name=\"T:Consumer.MongoDBAtlasAdministrationClient\">", File.ReadAllText(Path.Combine(obj, "atlas", "ref", "Consumer.AtlasApi.xml")));
        Assert.True(File.Exists(Path.Combine(app, "bin", "Debug", "net10.0", "Consumer.AtlasApi.dll")));
        var (apiBefore, appBefore) = (File.GetLastWriteTimeUtc(apiDll), File.GetLastWriteTimeUtc(appDll));

        File.AppendAllText(program, "Console.WriteLine(\"edited\");\n");
        (code, output) = Dotnet.Run(app, Env, "build", "-nodeReuse:false", "-v:n");
        Assert.True(code == 0, output.Length > 6000 ? output[^6000..] : output);
        // The application's own compilation has no spec left to generate from: it does not even load the generator.
        var appCompile = Assert.Single(output.Split('\n'), l => l.Contains("/out:obj/Debug/net10.0/Consumer.dll"));
        Assert.DoesNotContain("Atlas.Codegen.dll", appCompile);
        Assert.Contains("/reference:", appCompile);
        Assert.Contains("Consumer.AtlasApi.dll", appCompile); // its reference assembly
        Assert.DoesNotMatch(@"/out:\S*Consumer\.AtlasApi\.dll", output); // and the API was not compiled again
        (code, output) = Dotnet.Run(app, Env, "run", "--no-build");
        Assert.True(code == 0, output);
        Assert.Contains("""Consumer.AtlasApi {"detail":"d","error":409,"errorCode":"DUPLICATE","extra":[1]}""", output);
        Assert.Contains("edited", output);
        Assert.Equal(apiBefore, File.GetLastWriteTimeUtc(apiDll)); // the API was not compiled again
        Assert.NotEqual(appBefore, File.GetLastWriteTimeUtc(appDll));

        (code, output) = Dotnet.Run(app, Env, "clean", "-nodeReuse:false");
        Assert.True(code == 0, output);
        Assert.False(File.Exists(apiDll), "dotnet clean removes the API assembly");
    }

    [Fact]
    public void An_internal_api_in_its_own_assembly_is_visible_to_the_application_and_follows_spec_and_option_edits()
    {
        var app = NewApp("""<AdditionalFiles Include="openapi/create-private-endpoint.yaml" AtlasAssemblyName="Consumer.Endpoints" AtlasVisibility="internal" />""");
        var csproj = Path.Combine(app, "Consumer.csproj");
        var spec = Path.Combine(app, "openapi", "create-private-endpoint.yaml");
        File.WriteAllText(spec, TestDriver.Fragment);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """"
            using System.Text.Json;
            using Consumer;
            var json = """{"interfaceEndpointId":"vpce-0d00c26273372c6ef","cloudProvider":"AWS","connectionStatus":"AVAILABLE"}""";
            var endpoint = JsonSerializer.Deserialize(json, MongoDBAtlasAdministrationJsonContext.Default.PrivateLinkEndpoint)!;
            Console.WriteLine($"{endpoint.GetType().Assembly.GetName().Name} {endpoint.GetType().IsPublic} {((AWSInterfaceEndpoint)endpoint).ConnectionStatus}");
            """");
        var (code, output) = Dotnet.Run(app, Env, "run", "-nodeReuse:false", "-p:EmitCompilerGeneratedFiles=true");
        Assert.True(code == 0, output.Length > 6000 ? output[^6000..] : output);
        Assert.Contains("Consumer.Endpoints False AVAILABLE", output);
        // EmitCompilerGeneratedFiles writes the API's generated files too, under the API's own folder.
        Assert.True(File.Exists(Path.Combine(app, "obj", "Debug", "net10.0", "atlas", "generated", "Consumer.Endpoints",
            "Atlas.Codegen", "Atlas.Codegen.AtlasGenerator", "Consumer.AWSInterfaceEndpoint.g.cs")));

        // A spec edit compiles the API again; so does an option edit (the namespace).
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("AtlasVisibility=\"internal\"", "AtlasVisibility=\"internal\" AtlasNamespace=\"Vendor.Endpoints\""));
        AddAVendorPropertyAndRun(app, spec, "Vendor.Endpoints");

        // A broken spec: the API's compilation reports it at its YAML line and the build stops there.
        var lines = File.ReadAllLines(spec);
        var at = Array.FindIndex(lines, l => l.Contains("$ref: '#/components/schemas/"));
        lines[at] = lines[at].Replace("#/components/schemas/", "#/components/schemas/Nope");
        File.WriteAllLines(spec, lines);
        (code, output) = Dotnet.Run(app, Env, "build", "-nodeReuse:false");
        Assert.NotEqual(0, code);
        Assert.Contains($"create-private-endpoint.yaml({at + 1},", output);
        Assert.Contains("error ATLAS003", output);
    }

    [Fact]
    public void An_api_in_its_own_assembly_is_published_with_native_AOT_and_trimming_without_warnings()
    {
        var app = NewApp("""<AdditionalFiles Include="openapi/create-private-endpoint.yaml" AtlasAssemblyName="Consumer.Endpoints" />""");
        File.WriteAllText(Path.Combine(app, "openapi", "create-private-endpoint.yaml"), TestDriver.Fragment);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """"
            using System.Text.Json;
            using Consumer;
            var json = """{"interfaceEndpointId":"vpce-0d00c26273372c6ef","cloudProvider":"AWS","connectionStatus":"AVAILABLE","notInTheSpec":{"a":1}}""";
            var endpoint = JsonSerializer.Deserialize(json, MongoDBAtlasAdministrationJsonContext.Default.PrivateLinkEndpoint)!;
            Console.WriteLine($"{endpoint.GetType().Assembly.GetName().Name} {JsonSerializer.Serialize(endpoint, MongoDBAtlasAdministrationJsonContext.Default.PrivateLinkEndpoint)}");
            """");
        var output = Path.Combine(app, "published");
        var (code, log) = Dotnet.Run(app, Env, "publish", "-c", "Release", "-p:PublishAot=true", "-o", output, "-nodeReuse:false");
        Assert.True(code == 0, log.Length > 6000 ? log[^6000..] : log);
        Assert.DoesNotContain(": warning ", log, StringComparison.OrdinalIgnoreCase); // IL2xxx/IL3xxx (trim/AOT) included
        var exe = Path.Combine(output, OperatingSystem.IsWindows() ? "Consumer.exe" : "Consumer");
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.Equal(0, p.ExitCode);
        Assert.Contains("Consumer.Endpoints {", stdout);
        Assert.Contains("\"notInTheSpec\":{\"a\":1}", stdout);
        Assert.Contains("\"interfaceEndpointId\":\"vpce-0d00c26273372c6ef\"", stdout);
    }

    [Fact]
    public void A_library_with_its_api_in_its_own_assembly_gives_it_to_referencing_projects_and_to_its_package()
    {
        // Core exposes generated types in its public surface; App references Core only (the analyzer package is
        // PrivateAssets) and still compiles against and runs with the API assembly; dotnet pack of Core ships it.
        var root = Path.Combine(packed.Root, "core-" + Guid.NewGuid().ToString("N")[..8]);
        var core = Path.Combine(root, "Core");
        var app = Path.Combine(root, "App");
        Directory.CreateDirectory(core);
        Directory.CreateDirectory(app);
        WriteNugetConfig(root);
        File.WriteAllText(Path.Combine(core, "spec.yaml"), TestDriver.Fragment);
        WriteLibrary(core, "Core", """<AdditionalFiles Include="spec.yaml" AtlasAssemblyName="Core.Endpoints" />""");
        File.WriteAllText(Path.Combine(core, "Service.cs"), """
            namespace Core;
            public static class Service
            {
                public static PrivateLinkEndpoint Parse(string json) => System.Text.Json.JsonSerializer.Deserialize(json, MongoDBAtlasAdministrationJsonContext.Default.PrivateLinkEndpoint)!;
            }
            """);
        WriteReferencingApp(app, "../Core/Core.csproj");
        File.WriteAllText(Path.Combine(app, "Program.cs"), """"
            Core.PrivateLinkEndpoint endpoint = Core.Service.Parse("""{"interfaceEndpointId":"vpce-0d00c26273372c6ef","cloudProvider":"AWS"}""");
            Console.WriteLine($"{((Core.AWSInterfaceEndpoint)endpoint).InterfaceEndpointId} from {endpoint.GetType().Assembly.GetName().Name}");
            """");
        var (code, output) = Dotnet.Run(app, Env, "run", "-nodeReuse:false");
        Assert.True(code == 0, output.Length > 6000 ? output[^6000..] : output);
        Assert.Contains("vpce-0d00c26273372c6ef from Core.Endpoints", output);
        Assert.Contains("\"Core.Endpoints.dll\"", File.ReadAllText(Path.Combine(app, "bin", "Debug", "net10.0", "App.deps.json")));

        (code, output) = Dotnet.Run(core, Env, "pack", "-nodeReuse:false", "-o", Path.Combine(root, "out"));
        Assert.True(code == 0, output);
        using var zip = ZipFile.OpenRead(Path.Combine(root, "out", "Core.1.0.0.nupkg"));
        var lib = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["lib/net10.0/Core.Endpoints.dll", "lib/net10.0/Core.Endpoints.xml", "lib/net10.0/Core.dll"], lib);
    }

    [Fact]
    public void A_library_multi_targeting_netstandard20_net462_net8_and_net10_builds_strictly_beside_PolySharp_and_packs()
    {
        // The shape of a NuGet library (Azure SDK guidelines: netstandard2.0 is a MUST), with the README's lines for the
        // older targets, and PolySharp (which generates the same compiler types as the generator's polyfills) beside it:
        // the fragment on every target, and the vendor's whole spec (every operation) on the two shapes (netstandard2.0's,
        // which net462 shares, and net10.0's, which net8.0 shares; tests/Atlas.Codegen.Downlevel builds net462 with a
        // paged list, a wait and a download), to keep the test's time in bounds.
        var root = Path.Combine(packed.Root, "multi-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        WriteNugetConfig(root);
        File.WriteAllText(Path.Combine(root, "spec.yaml"), TestDriver.Fragment);
        File.WriteAllText(Path.Combine(root, "Multi.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>netstandard2.0;net462;net8.0;net10.0</TargetFrameworks>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RootNamespace>Multi</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Atlas.Codegen" Version="{packed.Version}" PrivateAssets="all" />
                <PackageReference Include="PolySharp" Version="1.17.1" PrivateAssets="all" />
                <AdditionalFiles Include="spec.yaml" />
                <AdditionalFiles Include="{Path.Combine(TestDriver.Repo, "openapi", "atlas", "atlas-admin-v2.yaml")}" AtlasNamespace="Multi.Admin" AtlasClientName="AdminClient"
                                 Condition="'$(TargetFramework)' == 'netstandard2.0' or '$(TargetFramework)' == 'net10.0'" />
              </ItemGroup>
              <ItemGroup Condition="'$(TargetFrameworkIdentifier)' != '.NETCoreApp'">
                <PackageReference Include="System.Text.Json" Version="10.0.12" />
                <PackageReference Include="Microsoft.Bcl.AsyncInterfaces" Version="10.0.12" />
                <PackageReference Include="Microsoft.Bcl.TimeProvider" Version="10.0.12" />
                <PackageReference Include="System.Diagnostics.DiagnosticSource" Version="10.0.12" />
              </ItemGroup>
              <ItemGroup Condition="'$(TargetFrameworkIdentifier)' == '.NETFramework'">
                <Reference Include="System.Net.Http" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Service.cs"), """
            namespace Multi;
            public sealed record Found(string Id) { public int Count { get; init; } }
            public static class Service
            {
                public static Found Parse(string json)
                    => new(((AWSInterfaceEndpoint)System.Text.Json.JsonSerializer.Deserialize(json, MongoDBAtlasAdministrationJsonContext.Default.PrivateLinkEndpoint)!).InterfaceEndpointId!);
            }
            """);
        var (code, output) = Dotnet.Run(root, Env, "pack", "-c", "Release", "-nodeReuse:false", "-o", Path.Combine(root, "out"));
        Assert.True(code == 0, output.Length > 8000 ? output[^8000..] : output);
        Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);
        using var zip = ZipFile.OpenRead(Path.Combine(root, "out", "Multi.1.0.0.nupkg"));
        var lib = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["lib/net10.0/Multi.dll", "lib/net462/Multi.dll", "lib/net8.0/Multi.dll", "lib/netstandard2.0/Multi.dll"], lib);

        // The same public API on every target: each public type and member, with its signature, read from the packed
        // assemblies (a library compiled for netstandard2.0 and consumed from .NET 10 looks like the .NET 10 build).
        // Resolved as a .NET 10 consumer sees them: its reference assemblies, and the facade of Microsoft.Bcl.AsyncInterfaces
        // (which forwards IAsyncEnumerable and IAsyncDisposable to them) that the older builds reference.
        var facade = Directory.GetFiles(Path.Combine(packed.Root, "packages", "microsoft.bcl.asyncinterfaces"), "Microsoft.Bcl.AsyncInterfaces.dll", SearchOption.AllDirectories)
            .Single(f => f.Contains(Path.Combine("lib", "netstandard2.1")));
        var apis = lib.ToDictionary(n => n, n => PublicApi(zip.GetEntry(n)!, facade));
        Assert.True(apis["lib/net10.0/Multi.dll"].Count(l => l.StartsWith("Method Multi.Admin.", StringComparison.Ordinal) && l.Contains("Async(")) > 540,
            string.Join("\n", apis["lib/net10.0/Multi.dll"].Take(200)));
        var net10 = apis["lib/net10.0/Multi.dll"];
        foreach (var (name, all) in apis)
        {
            var api = all;
            if (name is "lib/net462/Multi.dll" or "lib/net8.0/Multi.dll") net10 = apis["lib/net10.0/Multi.dll"].Where(l => !l.Contains(" Multi.Admin.", StringComparison.Ordinal)).ToList();
            else net10 = apis["lib/net10.0/Multi.dll"];
            Assert.True(net10.SequenceEqual(api), name + " differs from net10.0:\nonly in net10.0:\n" + string.Join("\n", net10.Except(api)) + "\nonly in " + name + ":\n" + string.Join("\n", api.Except(net10)));
        }
    }

    /// <summary>Every public type and member of an assembly as C# display strings (types resolved against .NET 10's reference assemblies).</summary>
    private static List<string> PublicApi(ZipArchiveEntry entry, string facade)
    {
        using var stream = new MemoryStream();
        using (var source = entry.Open()) source.CopyTo(stream);
        var reference = Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(stream.ToArray());
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("api", references: Basic.Reference.Assemblies.Net100.References.All.Append(reference)
            .Append(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(facade)));
        var assembly = (Microsoft.CodeAnalysis.IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(reference)!;
        var format = Microsoft.CodeAnalysis.SymbolDisplayFormat.CSharpErrorMessageFormat;
        var api = new List<string>();
        void Walk(Microsoft.CodeAnalysis.INamespaceOrTypeSymbol container)
        {
            foreach (var member in container.GetMembers())
            {
                if (member is Microsoft.CodeAnalysis.INamespaceSymbol ns)
                {
                    Walk(ns);
                    continue;
                }
                if (member.DeclaredAccessibility is not (Microsoft.CodeAnalysis.Accessibility.Public or Microsoft.CodeAnalysis.Accessibility.Protected)) continue;
                api.Add(member.Kind + " " + member.ToDisplayString(format)
                    + (member is Microsoft.CodeAnalysis.INamedTypeSymbol t ? " : " + string.Join(", ", t.AllInterfaces.Where(i => i.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public).Select(i => i.ToDisplayString(format)).Order(StringComparer.Ordinal)) : ""));
                if (member is Microsoft.CodeAnalysis.INamedTypeSymbol type) Walk(type);
            }
        }
        Walk(assembly.GlobalNamespace);
        api.Sort(StringComparer.Ordinal);
        return api;
    }

    [Fact]
    public void A_netstandard20_project_without_LangVersion_and_packages_gets_one_located_error_each_and_no_CSharp_errors()
    {
        var root = Path.Combine(packed.Root, "old-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        WriteNugetConfig(root);
        File.WriteAllText(Path.Combine(root, "spec.yaml"), TestDriver.Fragment);
        File.WriteAllText(Path.Combine(root, "Old.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Atlas.Codegen" Version="{packed.Version}" PrivateAssets="all" />
                <AdditionalFiles Include="spec.yaml" />
              </ItemGroup>
            </Project>
            """);
        var (code, output) = Dotnet.Run(root, Env, "build", "-nodeReuse:false");
        Assert.NotEqual(0, code);
        var errors = output.Split('\n').Where(l => l.Contains(": error ")).Select(l => l.Trim()).Distinct().ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("spec.yaml(1,1): error ATLAS023") && e.Contains("C# 7.3") && e.Contains("<LangVersion>11</LangVersion>"));
        Assert.Contains(errors, e => e.Contains("spec.yaml(1,1): error ATLAS024") && e.Contains("System.Text.Json") && e.Contains("Microsoft.Bcl.TimeProvider"));
    }

    private Dictionary<string, string> Env => new() { ["NUGET_PACKAGES"] = Path.Combine(packed.Root, "packages") };

    /// <summary>A class library <paramref name="name"/> (strict, nullable) referencing the packed analyzer, with <paramref name="items"/>.</summary>
    private void WriteLibrary(string dir, string name, string items) => File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <RootNamespace>{name}</RootNamespace>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Atlas.Codegen" Version="{packed.Version}" PrivateAssets="all" />
            {items}
          </ItemGroup>
        </Project>
        """);

    /// <summary>A console application (strict, nullable) whose only reference is the project at <paramref name="projectReference"/>.</summary>
    private static void WriteReferencingApp(string dir, string projectReference) => File.WriteAllText(Path.Combine(dir, "App.csproj"), $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="{projectReference}" />
          </ItemGroup>
        </Project>
        """);

    /// <summary>A nuget.config in <paramref name="dir"/> whose only source is the feed holding the packed analyzer.</summary>
    private void WriteNugetConfig(string dir) => File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="atlas-codegen-local" value="{packed.Feed}" />
          </packageSources>
        </configuration>
        """);

    /// <summary>A new console project referencing the packed analyzer, with <paramref name="items"/> in an ItemGroup.</summary>
    private string NewApp(string items)
    {
        var app = Path.Combine(packed.Root, "app-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(app, "openapi"));
        WriteNugetConfig(app);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>Consumer</RootNamespace>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Atlas.Codegen" Version="{packed.Version}" PrivateAssets="all" />
                {items}
              </ItemGroup>
            </Project>
            """);
        return app;
    }

    [Fact]
    public void A_fresh_console_project_consumes_the_package_and_follows_a_spec_edit()
    {
        var app = NewApp("""<AdditionalFiles Include="openapi/create-private-endpoint.yaml" />""");
        var spec = Path.Combine(app, "openapi", "create-private-endpoint.yaml");
        File.WriteAllText(spec, TestDriver.Fragment);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """"
            using System.Text.Json;
            using Consumer;
            var json = """{"interfaceEndpointId":"vpce-0d00c26273372c6ef","cloudProvider":"AWS","connectionStatus":"AVAILABLE"}""";
            var endpoint = JsonSerializer.Deserialize(json, MongoDBAtlasAdministrationJsonContext.Default.PrivateLinkEndpoint)!;
            var aws = (AWSInterfaceEndpoint)endpoint;
            Console.WriteLine($"{endpoint.GetType().Name} {aws.InterfaceEndpointId} {aws.ConnectionStatus} {MongoDBAtlasAdministrationClient.DefaultServer}");
            """");
        var (code, output) = Dotnet.Run(app, Env, "run", "-nodeReuse:false");
        Assert.True(code == 0, output);
        Assert.Contains("AWSInterfaceEndpoint vpce-0d00c26273372c6ef AVAILABLE https://cloud.mongodb.com", output);

        // Regeneration on spec update: add a property, build, use it.
        AddAVendorPropertyAndRun(app, spec, "Consumer");
    }

    /// <summary>Adds a property to the fragment's AWS endpoint in <paramref name="spec"/>, then runs a program that reads it.</summary>
    private void AddAVendorPropertyAndRun(string app, string spec, string @namespace)
    {
        var edited = TestDriver.Fragment.Replace(
            "        interfaceEndpointId:\n          description: Unique 24-hexadecimal digit string that identifies the interface endpoint.",
            "        vpcRegion:\n          description: A property the vendor added.\n          type: string\n        interfaceEndpointId:\n          description: Unique 24-hexadecimal digit string that identifies the interface endpoint.");
        Assert.NotEqual(TestDriver.Fragment, edited);
        File.WriteAllText(spec, edited);
        File.WriteAllText(Path.Combine(app, "Program.cs"), $$""""
            using System.Text.Json;
            using {{@namespace}};
            var json = """{"interfaceEndpointId":"vpce-0d00c26273372c6ef","cloudProvider":"AWS","vpcRegion":"us-east-1"}""";
            var aws = (AWSInterfaceEndpoint)JsonSerializer.Deserialize(json, MongoDBAtlasAdministrationJsonContext.Default.PrivateLinkEndpoint)!;
            Console.WriteLine($"new property: {aws.VpcRegion}");
            """");
        var (code, output) = Dotnet.Run(app, Env, "run", "-nodeReuse:false");
        Assert.True(code == 0, output);
        Assert.Contains("new property: us-east-1", output);
    }
}
