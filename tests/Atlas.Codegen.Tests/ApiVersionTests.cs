using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Atlas.Codegen.LocalAtlas;
using Atlas.Codegen.Parsing;
using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

/// <summary>Code generated in memory from a spec and options, compiled and loaded: for calling generated clients built with other options than the test project's.</summary>
public sealed class GeneratedAssembly
{
    private GeneratedAssembly(Assembly assembly, ImmutableArray<Diagnostic> diagnostics, string clientText)
    {
        Assembly = assembly;
        Diagnostics = diagnostics;
        ClientText = clientText;
    }

    public Assembly Assembly { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public string ClientText { get; }

    public static GeneratedAssembly Build(string yaml, Dictionary<string, string> metadata)
    {
        var (result, output, diagnostics) = TestDriver.Run("openapi/spec.yaml", yaml, metadata);
        using var pe = new MemoryStream();
        var emit = output.Emit(pe);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        pe.Position = 0;
        var assembly = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: false).LoadFromStream(pe);
        var client = result.Results[0].GeneratedSources.FirstOrDefault(s => s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal) && !s.HintName.Contains("Options")).SourceText?.ToString() ?? "";
        return new GeneratedAssembly(assembly, diagnostics, client);
    }

    public Type Type(string name) => Assembly.GetType(metadataNamespace + "." + name) ?? throw new InvalidOperationException(name + " not generated");

    private string metadataNamespace => (Assembly.GetTypes().FirstOrDefault(t => t.Name.EndsWith("ClientOptions", StringComparison.Ordinal))
        ?? Assembly.GetTypes().First(t => t.Namespace != "Atlas.Codegen.Runtime" && t.GetInterfaces().Any(i => i.Name == "IAtlasJsonValue`1"))).Namespace!;

    /// <summary>A client over <paramref name="http"/>; notices of <c>OnDeprecation</c> go to <paramref name="notices"/>.</summary>
    public dynamic Client(HttpClient http, List<object>? notices = null, Action<dynamic>? configure = null)
    {
        var clientType = Assembly.GetTypes().First(t => t.Name.EndsWith("Client", StringComparison.Ordinal) && t.GetMethod("Create") is not null);
        var optionsType = Assembly.GetTypes().First(t => t.Name.EndsWith("ClientOptions", StringComparison.Ordinal));
        var options = Activator.CreateInstance(optionsType)!;
        if (notices is not null)
        {
            var noticeType = Assembly.GetTypes().First(t => t.Name.EndsWith("DeprecationNotice", StringComparison.Ordinal));
            var p = Expression.Parameter(noticeType);
            var body = Expression.Call(Expression.Constant(notices), typeof(List<object>).GetMethod("Add")!, Expression.Convert(p, typeof(object)));
            optionsType.GetProperty("OnDeprecation")!.SetValue(options, Expression.Lambda(typeof(Action<>).MakeGenericType(noticeType), body, p).Compile());
        }
        configure?.Invoke(options);
        return Activator.CreateInstance(clientType, http, options)!;
    }
}

/// <summary>
/// API versions over the vendor's whole spec: for several targets, every operation's media type equals an independent
/// implementation of the vendor's rule (written here, not the generator's code).
/// </summary>
public class ApiVersionTableTests
{
    private static readonly Lazy<string> Spec = new(() => TestDriver.Openapi("atlas/atlas-admin-v2.yaml"));
    private static readonly Regex Versioned = new(@"^application/vnd\.[a-z0-9-]+\.(?<v>[^+]+)\+(?<suffix>[a-z0-9.-]+)$", RegexOptions.Compiled);
    private static readonly Regex Date = new(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.Compiled);

    /// <summary>What the vendor's rule gives for an operation: the version and the Accept media type, or null when left out.</summary>
    private static (string Version, string Accept)? Expected(YNode op, string target, Func<YNode?, YNode?> resolve)
    {
        var versions = new HashSet<string>();
        var keys = new List<(string Status, string Key)>();
        if (resolve(op["requestBody"])?["content"] is { IsMapping: true } rb)
        {
            foreach (var e in rb.Entries) keys.Add(("request", e.Key));
        }
        foreach (var r in op["responses"]!.Entries.Where(r => r.Key.StartsWith('2')).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (resolve(r.Value)?["content"] is { IsMapping: true } c) foreach (var e in c.Entries) keys.Add((r.Key, e.Key));
        }
        foreach (var (_, key) in keys)
        {
            if (Versioned.Match(key) is { Success: true } m) versions.Add(m.Groups["v"].Value);
        }
        var dates = versions.Where(v => Date.IsMatch(v)).Order(StringComparer.Ordinal).ToList();
        string? chosen = target switch
        {
            "latest" => dates.LastOrDefault(),
            "preview" => versions.Contains("preview") ? "preview" : dates.LastOrDefault() ?? versions.Order(StringComparer.Ordinal).LastOrDefault(),
            _ => dates.LastOrDefault(d => string.CompareOrdinal(d, target) <= 0),
        };
        if (chosen is null) return null;
        // Accept: the first success response (by status) that has content, in the chosen version, JSON preferred.
        foreach (var status in keys.Where(k => k.Status != "request").Select(k => k.Status).Distinct())
        {
            var mine = keys.Where(k => k.Status == status && Versioned.Match(k.Key) is { Success: true } m && m.Groups["v"].Value == chosen).Select(k => k.Key).ToList();
            if (mine.Count == 0) continue;
            return (chosen, mine.FirstOrDefault(k => k.EndsWith("+json", StringComparison.Ordinal)) ?? mine[0]);
        }
        return (chosen, keys.First(k => k.Status == "request" && k.Key.Contains(chosen, StringComparison.Ordinal)).Key);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("2023-01-01")]
    [InlineData("2024-08-05")]
    [InlineData("2025-03-12")]
    [InlineData("preview")]
    public void Every_operation_uses_the_version_the_vendors_rule_gives(string target)
    {
        var (result, _, diagnostics) = TestDriver.Run("openapi/atlas/atlas-admin-v2.yaml", Spec.Value, new() { ["AtlasApiVersion"] = target, ["AtlasClientName"] = "AtlasClient" });
        var client = result.Results[0].GeneratedSources.Single(s => s.HintName.EndsWith(".AtlasClient.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        // Per method: its operationId, version and the Accept it sends (the call's named arguments), and the same in its
        // docs (on the interface, which the class's methods inherit; same order). The first method of an operation is the main one.
        var generated = new Dictionary<string, (string Version, string Accept)>();
        var call = new Regex(@"(?:CallAsync<[^\n(]*>|SendAsync|DownloadAsync)\(method: (?:global::System\.Net\.Http\.HttpMethod\.\w+|global::Atlas\.Codegen\.Runtime\.AtlasCompat\.Patch), url: url\.ToStringAndClear\(\), content: [^,\n]+, accept: ""(?<accept>[^""]+)""[^\n]*operation: ""(?<id>[^""]+)"", route: ""[^""]*"", version: ""(?<v>[^""]+)""");
        var doc = new Regex(@"\(operationId <c>(?<id>[^<]+)</c>\)[^\n]*\n\s*/// <para>API version <c>(?<v>[^<]+)</c> \(<c>(?<accept>[^<]+)</c>\)");
        var calls = call.Matches(client).ToList();
        var docs = doc.Matches(client).ToList();
        Assert.Equal(calls.Count, docs.Count);
        Assert.True(calls.Count > 100, calls.Count + " versioned calls");
        foreach (var (c, d) in calls.Zip(docs))
        {
            Assert.Equal((d.Groups["id"].Value, d.Groups["v"].Value, d.Groups["accept"].Value), (c.Groups["id"].Value, c.Groups["v"].Value, c.Groups["accept"].Value));
            generated.TryAdd(c.Groups["id"].Value, (c.Groups["v"].Value, c.Groups["accept"].Value));
        }

        var root = YamlTreeReader.Parse("spec.yaml", Spec.Value, default).Root!;
        YNode? Resolve(YNode? n)
        {
            for (var i = 0; n?.Str("$ref") is { } r && i < 10; i++)
            {
                n = root;
                foreach (var seg in r[2..].Split('/')) n = n?[seg];
            }
            return n;
        }
        var mismatches = new List<string>();
        var leftOut = 0;
        var operations = 0;
        foreach (var path in root["paths"]!.Entries)
        {
            foreach (var op in path.Value.Entries.Where(e => e.Value.IsMapping && e.Value["responses"] is not null))
            {
                operations++;
                var id = op.Value.Str("operationId")!;
                var expected = Expected(op.Value, target, Resolve);
                generated.TryGetValue(id, out var actual);
                if (expected is null)
                {
                    leftOut++;
                    if (generated.ContainsKey(id)) mismatches.Add(id + ": generated, but the rule leaves it out");
                }
                else if (!generated.ContainsKey(id)) mismatches.Add(id + ": missing, expected " + expected.Value.Accept);
                else if (actual != expected.Value) mismatches.Add(id + ": " + actual + ", expected " + expected.Value);
            }
        }
        Assert.True(mismatches.Count == 0, mismatches.Count + " of " + operations + ":\n" + string.Join("\n", mismatches.Take(30)));
        Assert.Equal(540, operations);
        if (leftOut > 0)
        {
            var info = Assert.Single(diagnostics, d => d.Id == "ATLAS017");
            Assert.Equal(DiagnosticSeverity.Info, info.Severity);
            Assert.StartsWith(leftOut + " operation(s)", info.GetMessage(), StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(diagnostics, d => d.Id == "ATLAS017");
        }
        if (target == "latest")
        {
            // No preview where a stable version exists (the 10 operations the issue names among them).
            Assert.DoesNotContain(generated.Values, v => v.Version == "preview");
        }
    }

    [Fact]
    public void A_version_with_a_sunset_makes_the_method_obsolete_and_one_warning_names_the_operations()
    {
        var (result, _, diagnostics) = TestDriver.Run("openapi/atlas/atlas-admin-v2.yaml", Spec.Value,
            new() { ["AtlasApiVersion"] = "2023-01-01", ["AtlasOperations"] = "getIdentityProvider;downloadClusterLog;getInvoice" });
        var warning = Assert.Single(diagnostics, d => d.Id == "ATLAS018");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("getIdentityProvider", warning.GetMessage());
        Assert.Contains("downloadClusterLog", warning.GetMessage());
        var client = string.Concat(result.Results[0].GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("[global::System.Obsolete(\"API version 2023-01-01 of getFederationSettingIdentityProvider is removed by the server on 2025-01-01; version 2023-11-15 is available: set AtlasApiVersion to 2023-11-15 or later.\")]", client);

        var invalid = TestDriver.Run("openapi/atlas/atlas-admin-v2.yaml", Spec.Value, new() { ["AtlasApiVersion"] = "2023-13", ["AtlasOperations"] = "getInvoice" }).Diagnostics;
        Assert.Contains(invalid, d => d.Id == "ATLAS019");
    }
}

/// <summary>
/// Versions, downloads and deprecation at run time, over real HTTP against the local Atlas: the client pinned to
/// 2023-01-01 and the client on the latest versions, both generated from the vendor's whole spec.
/// </summary>
[Collection(nameof(SequentialCollection))]
public class ApiVersionRuntimeTests : IAsyncLifetime
{
    private const string Operations = "getIdentityProvider;downloadClusterLog;getInvoice";
    private static readonly Lazy<GeneratedAssembly> Pinned = new(() => GeneratedAssembly.Build(TestDriver.Openapi("atlas/atlas-admin-v2.yaml"),
        new() { ["AtlasApiVersion"] = "2023-01-01", ["AtlasOperations"] = Operations, ["AtlasNamespace"] = "Pinned" }));
    private static readonly Lazy<GeneratedAssembly> Latest = new(() => GeneratedAssembly.Build(TestDriver.Openapi("atlas/atlas-admin-v2.yaml"),
        new() { ["AtlasOperations"] = Operations, ["AtlasNamespace"] = "Latest" }));

    private const string Federation = "55fa922fb343282757d9554e";
    private const string Group = "32b6e34b3d91647abb20e7b8";
    private readonly string _log = Path.Combine(Path.GetTempPath(), "atlas-log-" + Guid.NewGuid().ToString("N") + ".gz");
    private LocalAtlasServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalAtlasServer.StartAsync(new LocalAtlasOptions { ClusterLogFile = _log });
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        File.Delete(_log);
    }

    [Fact]
    public async Task Latest_reads_the_newer_versions_schema()
    {
        dynamic client = Latest.Value.Client(_http);
        object provider = await client.FederatedAuthentication.GetIdentityProviderAsync(Federation, "32b6e34b3d91647abb20e7b8");
        // 2023-11-15 answers FederationIdentityProvider, a oneOf of OIDC and SAML providers without a discriminator and
        // nothing that tells them apart (one record with every member's properties, ATLAS021); 2023-01-01 answered
        // FederationSamlIdentityProvider.
        Type ResultOf(GeneratedAssembly g) => g.Assembly.GetTypes().Single(t => t.Name == "FederatedAuthenticationOperations").GetMethod("GetIdentityProviderAsync")!.ReturnType.GetGenericArguments()[0];
        Assert.Equal("FederationSamlIdentityProvider", ResultOf(Pinned.Value).Name);
        Assert.NotEqual("FederationSamlIdentityProvider", ResultOf(Latest.Value).Name);
        Assert.Equal("FederationIdentityProvider", ResultOf(Latest.Value).Name);
        Assert.Equal("OIDC", provider.GetType().GetProperty("Protocol")!.GetValue(provider)!.ToString());
        var request = _server.Requests.Last();
        Assert.Equal("application/vnd.atlas.2023-11-15+json", request.Headers["Accept"]);
        Assert.Contains("<c>2023-11-15</c>", Latest.Value.ClientText);
    }

    [Fact]
    public async Task A_sunset_version_is_a_410_exception_that_says_what_to_do_and_is_not_retried()
    {
        dynamic client = Pinned.Value.Client(_http);
        var before = _server.ApiRequestCount;
        Exception? ex = null;
        try
        {
            await client.FederatedAuthentication.GetIdentityProviderAsync(Federation, "32b6e34b3d91647abb20e7b8");
        }
        catch (Exception e)
        {
            ex = e;
        }
        Assert.NotNull(ex);
        Assert.Equal("AtlasApiException", ex!.GetType().Name.Replace("MongoDBAtlasAdministration", "Atlas"));
        Assert.Equal(410, (int)ex.GetType().GetProperty("StatusCode")!.GetValue(ex)!);
        Assert.Contains("API version 2023-01-01 of operation 'getFederationSettingIdentityProvider' is gone", ex.Message);
        Assert.Contains("newer AtlasApiVersion", ex.Message);
        Assert.Contains("VERSION_GONE", ex.Message);
        Assert.Equal(before + 1, _server.ApiRequestCount);
    }

    [Fact]
    public async Task A_wrong_Accept_is_refused_with_406_by_the_local_Atlas()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/atlas/v2/federationSettings/{Federation}/identityProviders/x");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        using var response = await _http.SendAsync(request);
        Assert.Equal(406, (int)response.StatusCode);
    }

    [Fact]
    public async Task Deprecation_headers_are_reported_once_per_operation_through_the_hook()
    {
        File.WriteAllBytes(_log, [0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]);
        var notices = new List<object>();
        dynamic client = Pinned.Value.Client(_http, notices);
        for (var i = 0; i < 2; i++)
        {
            using IDisposable download = await client.MonitoringAndLogs.DownloadClusterLogAsync(Group, "cluster0-shard-00-00.mongodb.net", "mongodb");
        }
        var notice = Assert.Single(notices);
        Assert.Equal("downloadGroupClusterLog", notice.GetType().GetProperty("OperationId")!.GetValue(notice));
        Assert.Equal("2023-01-01", notice.GetType().GetProperty("ApiVersion")!.GetValue(notice));
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero), notice.GetType().GetProperty("SunsetDate")!.GetValue(notice));
        Assert.Contains("will be removed on " + LocalAtlasServer.ClusterLogSunset, notice.ToString());
        Assert.Equal("application/vnd.atlas.2023-01-01+gzip", _server.Requests.Last().Headers["Accept"]);
    }

    [Fact]
    public async Task A_50_MB_gzip_log_streams_to_a_file_with_flat_memory_and_identical_bytes()
    {
        // A real gzip file of 50 MB (incompressible content, so the compressed size is the size).
        var seed = new Random(42);
        using (var file = File.Create(_log))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            var chunk = new byte[1 << 16];
            for (long written = 0; written < 50L << 20; written += chunk.Length)
            {
                seed.NextBytes(chunk);
                gzip.Write(chunk);
            }
        }
        var expected = SHA256.HashData(File.ReadAllBytes(_log));
        var size = new FileInfo(_log).Length;
        Assert.True(size > 50L << 20);
        var target = _log + ".downloaded";
        dynamic client = Latest.Value.Client(_http);

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        await using (var download = await client.MonitoringAndLogs.DownloadClusterLogAsync(Group, "cluster0-shard-00-00.mongodb.net", "mongodb"))
        {
            Assert.Equal("application/vnd.atlas.2023-02-01+gzip", (string)download.ContentType);
            Assert.Equal(size, (long?)download.ContentLength);
            Assert.Equal("mongodb.gz", (string)download.FileName);
            await using var file = File.Create(target);
            await download.CopyToAsync(file, CancellationToken.None);
        }
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        try
        {
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(target))));
            // Streamed, not buffered: everything allocated in the process meanwhile (client, server, test) is a small
            // fraction of the file.
            Assert.True(allocated < size / 10, $"{allocated:N0} bytes allocated for a {size:N0}-byte download");
        }
        finally
        {
            File.Delete(target);
        }
        Assert.Equal("application/vnd.atlas.2023-02-01+gzip", _server.Requests.Last().Headers["Accept"]);
    }

    [Fact]
    public async Task An_operation_offering_JSON_and_CSV_has_both_methods()
    {
        dynamic client = Latest.Value.Client(_http);
        object invoice = await client.Invoices.GetInvoiceAsync(Group, "32b6e34b3d91647abb20e7b9");
        Assert.Equal("BillingInvoice", invoice.GetType().Name);
        Assert.Equal("application/vnd.atlas.2023-01-01+json", _server.Requests.Last().Headers["Accept"]);
        await using var csv = await client.Invoices.GetInvoiceCsvAsync(Group, "32b6e34b3d91647abb20e7b9");
        using var reader = new StreamReader((Stream)csv.Content);
        Assert.StartsWith("Invoice Number,Amount", await reader.ReadToEndAsync());
        Assert.Equal("application/vnd.atlas.2023-01-01+csv", _server.Requests.Last().Headers["Accept"]);
    }

    [Fact]
    public async Task A_download_that_fails_is_the_typed_exception_with_the_error_body()
    {
        File.Delete(_log);
        dynamic client = Latest.Value.Client(_http);
        Exception? ex = null;
        try
        {
            using IDisposable _ = await client.MonitoringAndLogs.DownloadClusterLogAsync(Group, "cluster0-shard-00-00.mongodb.net", "mongodb");
        }
        catch (Exception e)
        {
            ex = e;
        }
        Assert.NotNull(ex);
        Assert.EndsWith("ApiException", ex!.GetType().Name);
        Assert.Equal(404, (int)ex.GetType().GetProperty("StatusCode")!.GetValue(ex)!);
        var error = ex.GetType().GetProperty("Error")!.GetValue(ex)!;
        Assert.Equal("LOG_NOT_FOUND", error.GetType().GetProperty("ErrorCode")!.GetValue(error));
    }
}

/// <summary>Reading responses: tolerant by default, strict on request, over real HTTP.</summary>
public class StrictResponseTests : LocalAtlasTest
{
    private const string Spec = """
        openapi: 3.0.1
        info: {title: Things, version: '1'}
        paths:
          /things/{id}:
            get:
              operationId: getThing
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [id, name, size]
                        properties:
                          id: {type: string}
                          name: {type: string}
                          size: {type: integer}
        """;

    private static readonly Lazy<GeneratedAssembly> Things = new(() => GeneratedAssembly.Build(Spec, new() { ["AtlasNamespace"] = "Things" }));

    [Fact]
    public async Task A_response_without_a_required_property_is_returned_and_reported_or_fails_when_strict()
    {
        Server.Enqueue(200, """{"id":"t1","extra":{"kept":true}}""");
        dynamic tolerant = Things.Value.Client(Http);
        object thing = await tolerant.Default.GetThingAsync("t1");
        Assert.Equal(["name", "size"], (IReadOnlyList<string>)thing.GetType().GetProperty("MissingRequiredProperties")!.GetValue(thing)!);
        var extras = (IReadOnlyDictionary<string, System.Text.Json.JsonElement>)thing.GetType().GetProperty("AdditionalProperties")!.GetValue(thing)!;
        Assert.True(extras["extra"].GetProperty("kept").GetBoolean());

        Server.Enqueue(200, """{"id":"t1"}""");
        dynamic strict = Things.Value.Client(Http, configure: o => o.StrictResponses = true);
        Exception? ex = null;
        try
        {
            await strict.Default.GetThingAsync("t1");
        }
        catch (Exception e)
        {
            ex = e;
        }
        Assert.NotNull(ex);
        Assert.EndsWith("ApiException", ex!.GetType().Name);
        Assert.Contains("the required property 'name' is missing", ex.Message);
        Assert.Equal(200, (int)ex.GetType().GetProperty("StatusCode")!.GetValue(ex)!);
        Assert.Equal("""{"id":"t1"}""", ex.GetType().GetProperty("RawBody")!.GetValue(ex));
    }
}

[CollectionDefinition(nameof(SequentialCollection), DisableParallelization = true)]
public sealed class SequentialCollection;
