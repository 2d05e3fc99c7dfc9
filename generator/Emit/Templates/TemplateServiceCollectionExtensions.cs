#if ATLAS_RESILIENCE
// DisableForUnsafeHttpMethods is marked experimental (EXTEXP0001); it is exactly the rule this client needs.
#pragma warning disable EXTEXP0001

#endif
namespace Atlas.Codegen.Templates
{
    /// <summary>Registers <see cref="TemplateClient"/> with IHttpClientFactory.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public static class TemplateServiceCollectionExtensions
    {
        /// <summary>Adds <see cref="TemplateClient"/> as a typed client.</summary>
        /// <param name="services">The application's services.</param>
        /// <param name="configure">Sets the server, credentials, timeout and retries.</param>
#if ATLAS_RESILIENCE
        /// <param name="resilience">Tunes the standard resilience handler after the client's settings (retries off for unsafe methods; total and attempt
        /// timeout <c>Timeout</c> of the options).</param>
#endif
        public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder AddTemplateClient(
            this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services,
#if ATLAS_RESILIENCE
            global::System.Action<global::Atlas.Codegen.Templates.TemplateClientOptions>? configure = null,
            global::System.Action<global::Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions>? resilience = null)
#endif
#if !ATLAS_RESILIENCE
            global::System.Action<global::Atlas.Codegen.Templates.TemplateClientOptions>? configure = null)
#endif
        {
            var options = new global::Atlas.Codegen.Templates.TemplateClientOptions();
            configure?.Invoke(options);
            var builder = global::Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services,
                nameof(TemplateClient), http =>
            {
                http.BaseAddress = options.Server ?? new global::System.Uri(global::Atlas.Codegen.Templates.TemplateClient.DefaultServer);
#if ATLAS_RESILIENCE
                // The resilience handler bounds each attempt and the whole call (below).
                http.Timeout = global::System.Threading.Timeout.InfiniteTimeSpan;
#endif
#if !ATLAS_RESILIENCE
                http.Timeout = options.Timeout;
#endif
            });
            // One handler chain for the application, so that the token cache and the Digest nonce live on; the
            // primary handler still renews its connections (DNS changes) every five minutes.
            global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.SetHandlerLifetime(builder,
                global::System.Threading.Timeout.InfiniteTimeSpan);
            global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.ConfigurePrimaryHttpMessageHandler(builder,
                () => new global::System.Net.Http.SocketsHttpHandler { PooledConnectionLifetime = global::System.TimeSpan.FromMinutes(5) });
#if ATLAS_OAUTH
            if (options.ClientId is not null)
            {
                var secret = options.ClientSecret ?? throw new global::System.ArgumentException("ClientSecret is required with ClientId.");
                global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddHttpMessageHandler(builder,
                    () => new global::Atlas.Codegen.Templates.TemplateServiceAccountHandler(options.ClientId, secret, options.TokenUrl));
            }
#endif
#if ATLAS_DIGEST
            if (options.DigestUsername is not null)
            {
                var password = options.DigestPassword ?? throw new global::System.ArgumentException("DigestPassword is required with DigestUsername.");
                global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddHttpMessageHandler(builder,
                    () => new global::Atlas.Codegen.Templates.TemplateDigestHandler(options.DigestUsername, password));
            }
#endif
#if ATLAS_RESILIENCE
            // Microsoft.Extensions.Http.Resilience is referenced: it retries instead of the client, never for unsafe methods.
            // options.Timeout bounds a call as it does without the handler (its own defaults would cut every attempt at
            // 10 s and a call at 30 s); `resilience` tunes the rest.
            options.MaxRateLimitRetries = 0;
            global::Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions.AddStandardResilienceHandler(builder, r =>
            {
                global::Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptionsExtensions.DisableForUnsafeHttpMethods(r.Retry);
                r.TotalRequestTimeout.Timeout = options.Timeout;
                r.AttemptTimeout.Timeout = options.Timeout;
                r.CircuitBreaker.SamplingDuration = options.Timeout + options.Timeout;
                resilience?.Invoke(r);
                // A call's own MaxRetries (its request options) caps the retries of that call.
                var handle = r.Retry.ShouldHandle;
                r.Retry.ShouldHandle = args => global::Polly.HttpResilienceContextExtensions.GetRequestMessage(args.Context) is { } request
                    && global::Atlas.Codegen.Runtime.AtlasCompat.TryGetMaxRetries(request, out var max) && args.AttemptNumber >= max
                    ? new global::System.Threading.Tasks.ValueTask<bool>(false)
                    : handle(args);
            });
#endif
            global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddTypedClient<global::Atlas.Codegen.Templates.TemplateClient>(builder,
                (http, provider) =>
            {
                // Deprecation and Sunset headers go to the application's log unless the options name a hook.
                if (options.OnDeprecation is null && provider.GetService(typeof(global::Microsoft.Extensions.Logging.ILoggerFactory))
                    is global::Microsoft.Extensions.Logging.ILoggerFactory loggers)
                {
                    var logger = global::Microsoft.Extensions.Logging.LoggerFactoryExtensions
                        .CreateLogger<global::Atlas.Codegen.Templates.TemplateClient>(loggers);
                    options.OnDeprecation = notice => global::Microsoft.Extensions.Logging.LoggerExtensions
                        .LogWarning(logger, "{Notice}", notice.ToString());
                }
                return new global::Atlas.Codegen.Templates.TemplateClient(http, options);
            });
            // The interfaces resolve to the typed client (code that depends on them is tested with fakes).
            global::Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddTransient<global::Atlas.Codegen.Templates.ITemplateClient>(
                services, provider => global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                    .GetRequiredService<global::Atlas.Codegen.Templates.TemplateClient>(provider));
            TemplateSpec.AddOperationGroups(services);
            return builder;
        }
    }
}
