namespace Atlas.Codegen.Templates
{
    public sealed partial class TemplateClient
    {
        internal static readonly global::System.Text.Json.JsonSerializerOptions JsonOptions = new global::System.Text.Json.JsonSerializerOptions();

        /// <summary>
        /// The name of the client's <see cref="global::System.Diagnostics.ActivitySource"/> (one span per operation call,
        /// named after its operationId) and <see cref="global::System.Diagnostics.Metrics.Meter"/> (histogram
        /// <c>client.operation.duration</c>): give it to OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>.
        /// </summary>
        public static readonly string TelemetryName = typeof(TemplateClient).FullName!;

        private static readonly global::Atlas.Codegen.Runtime.AtlasTelemetry Telemetry
            = new global::Atlas.Codegen.Runtime.AtlasTelemetry(TelemetryName, "__VERSION__");

        internal readonly global::Atlas.Codegen.Runtime.AtlasTransport _transport;
        internal readonly string _server;
        internal readonly global::Atlas.Codegen.Templates.TemplateClientOptions _options;

        /// <summary>Creates a client over <paramref name="httpClient"/>: its <c>BaseAddress</c> is the server (default <see cref="DefaultServer"/>), its handlers authenticate.</summary>
        public TemplateClient(global::System.Net.Http.HttpClient httpClient)
            : this(httpClient, null)
        {
        }

        /// <summary>Creates a client over <paramref name="httpClient"/> with <paramref name="options"/> (retries, validation).</summary>
        public TemplateClient(global::System.Net.Http.HttpClient httpClient, global::Atlas.Codegen.Templates.TemplateClientOptions? options)
        {
            if (httpClient is null) throw new global::System.ArgumentNullException(nameof(httpClient));
            _options = options ?? new global::Atlas.Codegen.Templates.TemplateClientOptions();
            var server = httpClient.BaseAddress ?? _options.Server ?? new global::System.Uri(DefaultServer);
            _server = server.AbsoluteUri.TrimEnd('/');
            _transport = new global::Atlas.Codegen.Runtime.AtlasTransport(httpClient, _options, Fail, TemplateSpec.ReadError, JsonOptions,
                global::Atlas.Codegen.Runtime.AtlasTransport.UserAgent("TemplateClient", "__VERSION__", _options.ApplicationName), Telemetry);
        }

        /// <summary>Creates a client with its own <see cref="global::System.Net.Http.HttpClient"/> that authenticates with the credentials in <paramref name="options"/>.</summary>
        public static TemplateClient Create(global::Atlas.Codegen.Templates.TemplateClientOptions options)
        {
            if (options is null) throw new global::System.ArgumentNullException(nameof(options));
            var handler = global::Atlas.Codegen.Runtime.AtlasCompat.DefaultHandler();
#if ATLAS_OAUTH
            if (options.ClientId is not null) handler = new global::Atlas.Codegen.Templates.TemplateServiceAccountHandler(options.ClientId, options.ClientSecret ?? throw new global::System.ArgumentException("ClientSecret is required with ClientId.", nameof(options)), options.TokenUrl) { InnerHandler = handler };
#endif
#if ATLAS_OAUTH && ATLAS_DIGEST
            else if (options.DigestUsername is not null) handler = new global::Atlas.Codegen.Templates.TemplateDigestHandler(options.DigestUsername, options.DigestPassword ?? throw new global::System.ArgumentException("DigestPassword is required with DigestUsername.", nameof(options))) { InnerHandler = handler };
#endif
#if ATLAS_DIGEST && !ATLAS_OAUTH
            if (options.DigestUsername is not null) handler = new global::Atlas.Codegen.Templates.TemplateDigestHandler(options.DigestUsername, options.DigestPassword ?? throw new global::System.ArgumentException("DigestPassword is required with DigestUsername.", nameof(options))) { InnerHandler = handler };
#endif
            var http = new global::System.Net.Http.HttpClient(handler) { BaseAddress = options.Server ?? new global::System.Uri(DefaultServer), Timeout = options.Timeout };
            return new TemplateClient(http, options);
        }

        private static global::System.Exception Fail(global::Atlas.Codegen.Runtime.AtlasFailure f)
            => new global::Atlas.Codegen.Templates.TemplateApiException(f.Message, (global::System.Net.HttpStatusCode)f.Status, f.Method, f.Path, (TemplateError?)f.Error, f.RawBody, f.ContentType,
                f.RetryAfter, f.RateLimitLimit, f.RateLimitRemaining, f.Inner)
            {
                Response = f.Response is null ? null : new global::Atlas.Codegen.Templates.TemplateResponse(f.Status, f.Response),
            };

        internal global::Atlas.Codegen.Templates.TemplateCall<T> CallAsync<T>(
            global::System.Net.Http.HttpMethod method, string url, global::Atlas.Codegen.Runtime.AtlasContent content, string accept, string contentType,
            global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>? headers,
            global::Atlas.Codegen.Runtime.AtlasJsonReader<T> read, bool enveloped, string operation, string route, string? version,
            global::Atlas.Codegen.Templates.TemplateRequestOptions? requestOptions, global::System.Threading.CancellationToken cancellationToken)
            => _transport.CallAsync(method, url, accept, content, contentType, headers, read, enveloped, operation, route, version, requestOptions,
                static (status, response, value) => new global::Atlas.Codegen.Templates.TemplateResponse<T>(status, response, value), cancellationToken);

        internal global::Atlas.Codegen.Templates.TemplateCall SendAsync(
            global::System.Net.Http.HttpMethod method, string url, global::Atlas.Codegen.Runtime.AtlasContent content, string accept, string contentType,
            global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>? headers,
            bool enveloped, string operation, string route, string? version,
            global::Atlas.Codegen.Templates.TemplateRequestOptions? requestOptions, global::System.Threading.CancellationToken cancellationToken)
            => _transport.CallAsync<object?, global::Atlas.Codegen.Templates.TemplateResponse>(method, url, accept, content, contentType, headers, null, enveloped,
                operation, route, version, requestOptions,
                static (status, response, value) => new global::Atlas.Codegen.Templates.TemplateResponse(status, response), cancellationToken);

        internal async global::System.Threading.Tasks.Task<global::Atlas.Codegen.Templates.TemplateDownload> DownloadAsync(
            global::System.Net.Http.HttpMethod method, string url, global::Atlas.Codegen.Runtime.AtlasContent content, string accept, string contentType,
            global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>? headers,
            string operation, string route, string? version, global::Atlas.Codegen.Templates.TemplateRequestOptions? requestOptions,
            global::System.Threading.CancellationToken cancellationToken)
        {
            var (response, stream) = await _transport.DownloadAsync(method, url, accept, content, contentType, headers, operation, route, version, requestOptions,
                cancellationToken).ConfigureAwait(false);
            return new global::Atlas.Codegen.Templates.TemplateDownload(response, stream);
        }
    }
}
