using System.Linq;
using System.Text;
using Atlas.Codegen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Emit;

/// <summary>
/// Emits <c>services.Add{Base}Client(...)</c> when the consumer references Microsoft.Extensions.Http: a typed client
/// through IHttpClientFactory with the authentication handler of the options. With Microsoft.Extensions.Http.Resilience
/// it adds the standard resilience handler (retries disabled for unsafe methods, so a POST is never sent twice) and
/// turns the client's own 429 retry off.
/// </summary>
internal static class RegistrationEmitter
{
    public static void Emit(SourceProductionContext spc, (ClientSpec Client, Capabilities Capabilities) input)
        => spc.AddSource(GeneratedFiles.Of(input.Client).Registration, SourceText.From(Render(input.Client, input.Capabilities), Encoding.UTF8));

    internal static string Render(ClientSpec spec, Capabilities capabilities)
    {
        var handlers = new StringBuilder();
        if (spec.TokenUrl is not null)
        {
            handlers.Append("""
            if (options.ClientId is not null)
            {
                var secret = options.ClientSecret ?? throw new global::System.ArgumentException("ClientSecret is required with ClientId.");
                global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddHttpMessageHandler(builder, () => new global::__NS__.__BASE__ServiceAccountHandler(options.ClientId, secret, options.TokenUrl));
            }

""");
        }
        if (spec.HasDigest)
        {
            handlers.Append("""
            if (options.DigestUsername is not null)
            {
                var password = options.DigestPassword ?? throw new global::System.ArgumentException("DigestPassword is required with DigestUsername.");
                global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddHttpMessageHandler(builder, () => new global::__NS__.__BASE__DigestHandler(options.DigestUsername, password));
            }

""");
        }
        var resilience = capabilities.HasResilience
            ? """
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
            });

"""
            : "";
        var resilienceParameter = capabilities.HasResilience
            ? ",\n            global::System.Action<global::Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions>? resilience = null"
            : "";
        var groups = new StringBuilder();
        foreach (var g in spec.Operations.Select(o => o.Group).Distinct().OrderBy(g => g, System.StringComparer.Ordinal))
        {
            groups.Append("            global::Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddTransient<global::__NS__.I").Append(g).Append("Operations>(services,\n")
                .Append("                provider => global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::__NS__.__BASE__Client>(provider).").Append(g).Append(");\n");
        }
        var text = Template.Replace("__HANDLERS__", handlers.ToString()).Replace("__RESILIENCE__", resilience).Replace("__GROUPS__", groups.ToString()).Replace("__RESILIENCE_PARAMETER__", resilienceParameter)
            .Replace("__RESILIENCE_DOC__", capabilities.HasResilience ? "\n        /// <param name=\"resilience\">Tunes the standard resilience handler after the client's settings (retries off for unsafe methods; total and attempt timeout <c>Timeout</c> of the options).</param>" : "")
            .Replace("__HTTP_TIMEOUT__", capabilities.HasResilience ? "global::System.Threading.Timeout.InfiniteTimeSpan" : "options.Timeout");
        return text.Replace("__NS__", spec.Namespace).Replace("__BASE__", spec.BaseName).Replace("__ACCESS__", CSharp.Keyword(spec.Accessibility)).Replace("__VERSION__", KnownTypes.Version);
    }

    private const string Template = SourceWriter.Header + """
// DisableForUnsafeHttpMethods is marked experimental (EXTEXP0001); it is exactly the rule this client needs.
#pragma warning disable EXTEXP0001

namespace __NS__
{
    /// <summary>Registers <see cref="__BASE__Client"/> with IHttpClientFactory.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ static class __BASE__ServiceCollectionExtensions
    {
        /// <summary>Adds <see cref="__BASE__Client"/> as a typed client.</summary>
        /// <param name="services">The application's services.</param>
        /// <param name="configure">Sets the server, credentials, timeout and retries.</param>__RESILIENCE_DOC__
        public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add__BASE__Client(
            this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::System.Action<global::__NS__.__BASE__ClientOptions>? configure = null__RESILIENCE_PARAMETER__)
        {
            var options = new global::__NS__.__BASE__ClientOptions();
            configure?.Invoke(options);
            var builder = global::Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, nameof(__BASE__Client), http =>
            {
                http.BaseAddress = options.Server ?? new global::System.Uri(global::__NS__.__BASE__Client.DefaultServer);
                http.Timeout = __HTTP_TIMEOUT__;
            });
            // One handler chain for the application, so that the token cache and the Digest nonce live on; the
            // primary handler still renews its connections (DNS changes) every five minutes.
            global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.SetHandlerLifetime(builder, global::System.Threading.Timeout.InfiniteTimeSpan);
            global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.ConfigurePrimaryHttpMessageHandler(builder,
                () => new global::System.Net.Http.SocketsHttpHandler { PooledConnectionLifetime = global::System.TimeSpan.FromMinutes(5) });
__HANDLERS____RESILIENCE__            global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddTypedClient<global::__NS__.__BASE__Client>(builder, (http, provider) =>
            {
                // Deprecation and Sunset headers go to the application's log unless the options name a hook.
                if (options.OnDeprecation is null && provider.GetService(typeof(global::Microsoft.Extensions.Logging.ILoggerFactory)) is global::Microsoft.Extensions.Logging.ILoggerFactory loggers)
                {
                    var logger = global::Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<global::__NS__.__BASE__Client>(loggers);
                    options.OnDeprecation = notice => global::Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "{Notice}", notice.ToString());
                }
                return new global::__NS__.__BASE__Client(http, options);
            });
            // The interfaces resolve to the typed client (code that depends on them is tested with fakes).
            global::Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddTransient<global::__NS__.I__BASE__Client>(services,
                provider => global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::__NS__.__BASE__Client>(provider));
__GROUPS__            return builder;
        }

    }
}
""";
}
