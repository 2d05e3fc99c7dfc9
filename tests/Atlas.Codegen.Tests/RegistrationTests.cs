using Atlas.Codegen.LocalAtlas;
using Atlas.Codegen.Tests.Atlas;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atlas.Codegen.Tests;

/// <summary>services.AddAtlasClient(...) is generated only when the consumer references Microsoft.Extensions.Http.
/// Run apart from the parallel tests: one of them bounds a call by a 700 ms timeout, which the corpus compile on the
/// same 2 cores can starve.</summary>
[Collection(nameof(SequentialCollection))]
public class RegistrationTests
{
    private static string? RegistrationSource(IEnumerable<MetadataReference> extra)
    {
        var compilation = TestDriver.Compilation(Basic.Reference.Assemblies.Net100.References.All.Concat(extra));
        var (result, _, _) = TestDriver.Run("openapi/atlas/create-private-endpoint.yaml", TestDriver.Fragment, compilation: compilation);
        return result.Results[0].GeneratedSources.FirstOrDefault(s => s.HintName.EndsWith("ServiceCollectionExtensions.g.cs")).SourceText?.ToString();
    }

    private static MetadataReference Ref(Type t) => MetadataReference.CreateFromFile(t.Assembly.Location);

    [Fact]
    public void Registration_follows_the_references_of_the_consumer()
    {
        Assert.Null(RegistrationSource([]));

        var factoryOnly = RegistrationSource([Ref(typeof(HttpClientFactoryServiceCollectionExtensions))]);
        Assert.NotNull(factoryOnly);
        Assert.Contains("AddMongoDBAtlasAdministrationClient", factoryOnly);
        Assert.DoesNotContain("AddStandardResilienceHandler", factoryOnly);

        var withResilience = RegistrationSource([Ref(typeof(HttpClientFactoryServiceCollectionExtensions)), Ref(typeof(ResilienceHttpClientBuilderExtensions))]);
        Assert.Contains("AddStandardResilienceHandler", withResilience);
        Assert.Contains("DisableForUnsafeHttpMethods", withResilience);
    }

    [Fact]
    public async Task Typed_client_from_the_service_provider_calls_the_local_Atlas_with_a_service_account()
    {
        await using var server = await LocalAtlasServer.StartAsync(new LocalAtlasOptions { ServiceAccount = ("id-1", "secret-1") });
        var services = new ServiceCollection();
        services.AddAtlasClient(o =>
        {
            o.Server = server.BaseAddress;
            o.ClientId = "id-1";
            o.ClientSecret = "secret-1";
        });
        await using var provider = services.BuildServiceProvider();

        for (var i = 0; i < 3; i++)
        {
            var client = provider.GetRequiredService<AtlasClient>();
            var result = await client.PrivateEndpointServices.CreatePrivateEndpointAsync("32b6e34b3d91647abb20e7b8", CloudProvider.Aws, "5f1e9c3a2b4d6e8f0a1b2c3d", new CreateAWSEndpointRequest { Id = "vpce-di-" + i });
            Assert.IsType<AWSInterfaceEndpoint>(result);
        }
        Assert.Equal(3, server.ApiRequestCount);
        Assert.Equal(1, server.TokenRequestCount); // one handler chain: the token is cached across typed client instances
    }

    [Fact]
    public async Task Deprecation_headers_reach_the_applications_log_once_per_operation()
    {
        await using var server = await LocalAtlasServer.StartAsync();
        var logs = new LogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddAtlasClient(o => o.Server = server.BaseAddress);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AtlasClient>();
        var body = """{"cloudProvider":"AWS","interfaceEndpointId":"vpce-0d00c26273372c6ef"}""";
        var headers = new Dictionary<string, string> { ["Deprecation"] = "@1688169600", ["Sunset"] = "Thu, 01 Jul 2027 00:00:00 GMT" };
        for (var i = 0; i < 2; i++)
        {
            server.Enqueue(200, body, "application/vnd.atlas.2023-01-01+json", headers);
            await client.PrivateEndpointServices.CreatePrivateEndpointAsync("32b6e34b3d91647abb20e7b8", CloudProvider.Aws, "5f1e9c3a2b4d6e8f0a1b2c3d", new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" });
        }
        var warning = Assert.Single(logs.Messages, m => m.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("API version 2023-01-01 of operation 'createGroupPrivateEndpointEndpointServiceEndpoint' is deprecated and will be removed on Thu, 01 Jul 2027", warning.Text);
        Assert.EndsWith("AtlasClient", warning.Category);
    }

    [Fact]
    public async Task The_options_timeout_bounds_a_call_through_the_resilience_handler()
    {
        await using var server = await LocalAtlasServer.StartAsync();
        var services = new ServiceCollection();
        services.AddAtlasClient(o =>
        {
            o.Server = server.BaseAddress;
            o.Timeout = TimeSpan.FromMilliseconds(700);
        });
        await using var provider = services.BuildServiceProvider();
        var standard = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions>>().Get("AtlasClient-standard");
        Assert.Equal(TimeSpan.FromMilliseconds(700), standard.TotalRequestTimeout.Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(700), standard.AttemptTimeout.Timeout);

        // The server answers after 5 s: the call ends at the options' bound, and the POST is not sent again.
        server.Enqueue(async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted).ContinueWith(_ => { });
            ctx.Response.StatusCode = 200;
        });
        var client = provider.GetRequiredService<AtlasClient>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.PrivateEndpointServices.CreatePrivateEndpointAsync("32b6e34b3d91647abb20e7b8", CloudProvider.Aws, "5f1e9c3a2b4d6e8f0a1b2c3d", new CreateAWSEndpointRequest { Id = "vpce-0d00c26273372c6ef" }));
        Assert.Equal("Polly.Timeout.TimeoutRejectedException", error.GetType().FullName); // Polly 7 and Polly.Core both define it
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the call ended after {watch.Elapsed}, not at the options' timeout");
        Assert.Equal(1, server.ApiRequestCount);
    }

    [Fact]
    public void The_resilience_handler_is_tuned_after_the_clients_settings()
    {
        var services = new ServiceCollection();
        services.AddAtlasClient(o => o.Timeout = TimeSpan.FromMinutes(3), r => r.AttemptTimeout.Timeout = TimeSpan.FromSeconds(20));
        using var provider = services.BuildServiceProvider();
        var standard = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions>>().Get("AtlasClient-standard");
        Assert.Equal(TimeSpan.FromMinutes(3), standard.TotalRequestTimeout.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(20), standard.AttemptTimeout.Timeout);
        Assert.False(standard.Retry.ShouldHandle is null);
    }

    private sealed class LogCollector : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Category, Microsoft.Extensions.Logging.LogLevel Level, string Text)> Messages { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCollector owner, string category) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Messages.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
