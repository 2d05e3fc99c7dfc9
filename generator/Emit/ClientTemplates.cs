using Atlas.Codegen.Model;

namespace Atlas.Codegen.Emit;

/// <summary>
/// The fixed parts of the generated client (transport, errors, authentication). They depend on the document only
/// through names (<c>__BASE__</c>), the error type and the declared security schemes.
/// </summary>
internal static class ClientTemplates
{
    private static string Apply(string template, ClientSpec spec)
        => template
            .Replace("__NS__", spec.Namespace)
            .Replace("__BASE__", spec.BaseName)
            .Replace("__ACCESS__", CSharp.Keyword(spec.Accessibility))
            .Replace("__VERSION__", KnownTypes.Version)
            .Replace("__TOKENURL__", TypeEmitter.Literal(spec.TokenUrl ?? ""))
            .Replace("__ERRORTYPE__", spec.ErrorType is null ? KnownTypes.JsonElement : CSharp.Type(spec.ErrorType))
            .Replace("__READERROR__", spec.ErrorType is { IsGenerated: true } err ? "static (ref global::System.Text.Json.Utf8JsonReader r, global::System.Text.Json.JsonSerializerOptions o) => " + CSharp.Converter(err) + ".ReadValue(ref r, o)" : "static (ref global::System.Text.Json.Utf8JsonReader r, global::System.Text.Json.JsonSerializerOptions o) => global::Atlas.Codegen.Runtime.AtlasJson.ReadRaw(ref r)");

    /// <summary>Members of the client class: construction, transport with 429 handling, response reading, argument checks.</summary>
    public static string Core(ClientSpec spec)
    {
        var create = "global::System.Net.Http.HttpMessageHandler handler = new global::System.Net.Http.SocketsHttpHandler { PooledConnectionLifetime = global::System.TimeSpan.FromMinutes(5) };\n";
        if (spec.TokenUrl is not null)
        {
            create += "        if (options.ClientId is not null) handler = new global::__NS__.__BASE__ServiceAccountHandler(options.ClientId, options.ClientSecret ?? throw new global::System.ArgumentException(\"ClientSecret is required with ClientId.\", nameof(options)), options.TokenUrl) { InnerHandler = handler };\n";
        }
        if (spec.HasDigest)
        {
            create += "        " + (spec.TokenUrl is not null ? "else " : "") + "if (options.DigestUsername is not null) handler = new global::__NS__.__BASE__DigestHandler(options.DigestUsername, options.DigestPassword ?? throw new global::System.ArgumentException(\"DigestPassword is required with DigestUsername.\", nameof(options))) { InnerHandler = handler };\n";
        }
        return Apply(CoreTemplate.Replace("__CREATE__", create.TrimEnd('\n')), spec);
    }

    private const string CoreTemplate = """
    internal static readonly global::System.Text.Json.JsonSerializerOptions JsonOptions = new global::System.Text.Json.JsonSerializerOptions();

    internal readonly global::Atlas.Codegen.Runtime.AtlasTransport _transport;
    internal readonly string _server;
    internal readonly global::__NS__.__BASE__ClientOptions _options;

    /// <summary>Creates a client over <paramref name="httpClient"/>: its <c>BaseAddress</c> is the server (default <see cref="DefaultServer"/>), its handlers authenticate.</summary>
    public __BASE__Client(global::System.Net.Http.HttpClient httpClient)
        : this(httpClient, null)
    {
    }

    /// <summary>Creates a client over <paramref name="httpClient"/> with <paramref name="options"/> (retries, validation).</summary>
    public __BASE__Client(global::System.Net.Http.HttpClient httpClient, global::__NS__.__BASE__ClientOptions? options)
    {
        if (httpClient is null) throw new global::System.ArgumentNullException(nameof(httpClient));
        _options = options ?? new global::__NS__.__BASE__ClientOptions();
        var server = httpClient.BaseAddress ?? _options.Server ?? new global::System.Uri(DefaultServer);
        _server = server.AbsoluteUri.TrimEnd('/');
        _transport = new global::Atlas.Codegen.Runtime.AtlasTransport(httpClient, _options, Fail, __READERROR__, JsonOptions,
            global::Atlas.Codegen.Runtime.AtlasTransport.UserAgent("__BASE__Client", "__VERSION__", _options.ApplicationName));
    }

    /// <summary>Creates a client with its own <see cref="global::System.Net.Http.HttpClient"/> that authenticates with the credentials in <paramref name="options"/>.</summary>
    public static __BASE__Client Create(global::__NS__.__BASE__ClientOptions options)
    {
        if (options is null) throw new global::System.ArgumentNullException(nameof(options));
        __CREATE__
        var http = new global::System.Net.Http.HttpClient(handler) { BaseAddress = options.Server ?? new global::System.Uri(DefaultServer), Timeout = options.Timeout };
        return new __BASE__Client(http, options);
    }

    private static global::System.Exception Fail(global::Atlas.Codegen.Runtime.AtlasFailure f)
        => new global::__NS__.__BASE__ApiException(f.Message, (global::System.Net.HttpStatusCode)f.Status, f.Method, f.Path, (__ERRORTYPE__?)f.Error, f.RawBody, f.ContentType,
            f.RetryAfter, f.RateLimitLimit, f.RateLimitRemaining, f.Inner);

    internal global::System.Threading.Tasks.Task<T> CallAsync<T>(
        global::System.Net.Http.HttpMethod method, string url, string accept, byte[]? content, string contentType,
        global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>? headers,
        global::Atlas.Codegen.Runtime.AtlasJsonReader<T>? read, bool enveloped, string operation, string? version, global::System.Threading.CancellationToken cancellationToken)
        => _transport.CallAsync(method, url, accept, content, contentType, headers, read, enveloped, operation, version, cancellationToken);

    internal async global::System.Threading.Tasks.Task<global::__NS__.__BASE__Download> DownloadAsync(
        global::System.Net.Http.HttpMethod method, string url, string accept, byte[]? content, string contentType,
        global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>? headers,
        string operation, string? version, global::System.Threading.CancellationToken cancellationToken)
    {
        var (response, stream) = await _transport.DownloadAsync(method, url, accept, content, contentType, headers, operation, version, cancellationToken).ConfigureAwait(false);
        return new global::__NS__.__BASE__Download(response, stream);
    }
""";

    public static string Options(ClientSpec spec)
    {
        var auth = "";
        var redacted = "";
        if (spec.TokenUrl is not null)
        {
            auth += """

        /// <summary>Service account client id (OAuth 2.0 client credentials), used by <see cref="__BASE__Client.Create"/>.</summary>
        public string? ClientId { get; set; }

        /// <summary>Service account secret. Never printed.</summary>
        public string? ClientSecret { get; set; }

        /// <summary>Token endpoint; default: the document's (__TOKENURL__), on the client's server when that differs.</summary>
        public global::System.Uri? TokenUrl { get; set; }
""";
            redacted += " + \", ClientId=\" + (ClientId ?? \"(none)\") + \", ClientSecret=\" + (ClientSecret is null ? \"(none)\" : \"***\")";
        }
        if (spec.HasDigest)
        {
            auth += """

        /// <summary>HTTP Digest user name (an API public key), used by <see cref="__BASE__Client.Create"/>.</summary>
        public string? DigestUsername { get; set; }

        /// <summary>HTTP Digest password (an API private key). Never printed.</summary>
        public string? DigestPassword { get; set; }
""";
            redacted += " + \", DigestUsername=\" + (DigestUsername ?? \"(none)\") + \", DigestPassword=\" + (DigestPassword is null ? \"(none)\" : \"***\")";
        }
        return Apply(OptionsTemplate.Replace("__AUTH__", auth).Replace("__REDACTED__", redacted), spec);
    }

    private const string OptionsTemplate = """
// <auto-generated/>
#nullable enable

namespace __NS__
{
    /// <summary>Options of <see cref="__BASE__Client"/>.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed class __BASE__ClientOptions : global::Atlas.Codegen.Runtime.IAtlasClientSettings
    {
        /// <summary>The server, when the HttpClient has no BaseAddress (default <see cref="__BASE__Client.DefaultServer"/>).</summary>
        public global::System.Uri? Server { get; set; }
__AUTH__
        /// <summary>How many times a 429 or 503 answer with a Retry-After header is waited for and sent again (default 2; 0 disables). A request that failed in transport is never sent again.</summary>
        public int MaxRateLimitRetries { get; set; } = 2;

        /// <summary>A bound for each call, distinct from <c>HttpClient.Timeout</c>: when it passes (and the caller did not cancel) the call fails with <see cref="global::System.TimeoutException"/>. Null (default): no bound of its own.</summary>
        public global::System.TimeSpan? RequestTimeout { get; set; }

        /// <summary>Your application's product token (<c>MyApp/1.2</c>), put first in every request's <c>User-Agent</c>.</summary>
        public string? ApplicationName { get; set; }

        /// <summary>The longest Retry-After that is waited for; a longer one is reported as an error at once (default 60 s).</summary>
        public global::System.TimeSpan MaxRetryAfter { get; set; } = global::System.TimeSpan.FromSeconds(60);

        /// <summary>Checks request bodies against the spec's patterns before sending (off by default: some vendor patterns reject values the vendor's own tools send).</summary>
        public bool ValidateRequestBodies { get; set; }

        /// <summary>
        /// Reads responses strictly: a required property the server leaves out (or sends as null) fails the call with the
        /// exception instead. Off by default: servers omit properties their spec marks required, and the value is then
        /// returned with those names in <c>MissingRequiredProperties</c> (also reported by <c>GetValidationErrors()</c>).
        /// writeOnly properties never count as missing in a response.
        /// </summary>
        public bool StrictResponses { get; set; }

        /// <summary>
        /// Called once per operation when a response carries <c>Deprecation</c> or <c>Sunset</c> headers (the API version
        /// the client uses is being retired); the client registered with <c>Add__BASE__Client</c> logs it as a warning.
        /// </summary>
        public global::System.Action<global::__NS__.__BASE__DeprecationNotice>? OnDeprecation { get; set; }

        /// <summary>Timeout of the HttpClient made by <see cref="__BASE__Client.Create"/> (default 100 s).</summary>
        public global::System.TimeSpan Timeout { get; set; } = global::System.TimeSpan.FromSeconds(100);

        /// <summary>The options without secrets.</summary>
        public override string ToString() => "__BASE__ClientOptions(Server=" + (Server?.ToString() ?? "(default)")__REDACTED__ + ")";

        bool global::Atlas.Codegen.Runtime.IAtlasClientSettings.ObservesDeprecation => OnDeprecation is not null;

        void global::Atlas.Codegen.Runtime.IAtlasClientSettings.ReportDeprecation(string operation, string? version, string method, string path, string? deprecation, string? sunset, global::System.DateTimeOffset? sunsetDate)
            => OnDeprecation?.Invoke(new global::__NS__.__BASE__DeprecationNotice(operation, version, method, path, deprecation, sunset, sunsetDate));
    }

    /// <summary>A response announced that the API version an operation uses is deprecated (<c>Deprecation</c>) or will be removed (<c>Sunset</c>).</summary>
    /// <param name="OperationId">The operation.</param>
    /// <param name="ApiVersion">The API version the client uses for it (null when unversioned).</param>
    /// <param name="Method">The HTTP method of the call.</param>
    /// <param name="Path">The path and query of the call.</param>
    /// <param name="Deprecation">The <c>Deprecation</c> header, as sent.</param>
    /// <param name="Sunset">The <c>Sunset</c> header, as sent.</param>
    /// <param name="SunsetDate">The <c>Sunset</c> header as a date, when it parses.</param>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed record __BASE__DeprecationNotice(string OperationId, string? ApiVersion, string Method, string Path, string? Deprecation, string? Sunset, global::System.DateTimeOffset? SunsetDate)
    {
        /// <summary>One line for a log.</summary>
        public override string ToString()
            => "API version " + (ApiVersion ?? "(unversioned)") + " of operation '" + OperationId + "' is deprecated"
                + (Sunset is null ? "" : " and will be removed on " + Sunset) + " (" + Method + " " + Path + "); generate the client with a newer AtlasApiVersion.";
    }

    /// <summary>
    /// The body of a download (a response that is not JSON: gzip, csv, ...) as a stream that is not buffered, with its
    /// content type, length and headers. Dispose it to release the connection.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed class __BASE__Download : global::System.IDisposable, global::System.IAsyncDisposable
    {
        private readonly global::System.Net.Http.HttpResponseMessage _response;

        internal __BASE__Download(global::System.Net.Http.HttpResponseMessage response, global::System.IO.Stream content)
        {
            _response = response;
            Content = content;
        }

        /// <summary>The body, read from the network as it is consumed.</summary>
        public global::System.IO.Stream Content { get; }

        /// <summary>The media type of the body (e.g. <c>application/vnd.atlas.2023-02-01+gzip</c>).</summary>
        public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

        /// <summary>The length of the body, when the server sent it.</summary>
        public long? ContentLength => _response.Content.Headers.ContentLength;

        /// <summary>The file name of <c>Content-Disposition</c>, when the server sent one.</summary>
        public string? FileName => _response.Content.Headers.ContentDisposition?.FileNameStar ?? _response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

        /// <summary>The HTTP status.</summary>
        public global::System.Net.HttpStatusCode StatusCode => _response.StatusCode;

        /// <summary>The response headers.</summary>
        public global::System.Net.Http.Headers.HttpResponseHeaders Headers => _response.Headers;

        /// <summary>The content headers.</summary>
        public global::System.Net.Http.Headers.HttpContentHeaders ContentHeaders => _response.Content.Headers;

        /// <summary>Copies the body to <paramref name="destination"/> (a file, say) without buffering it.</summary>
        public global::System.Threading.Tasks.Task CopyToAsync(global::System.IO.Stream destination, global::System.Threading.CancellationToken cancellationToken = default)
            => Content.CopyToAsync(destination, cancellationToken);

        /// <inheritdoc/>
        public void Dispose()
        {
            Content.Dispose();
            _response.Dispose();
        }

        /// <inheritdoc/>
        public async global::System.Threading.Tasks.ValueTask DisposeAsync()
        {
            await Content.DisposeAsync().ConfigureAwait(false);
            _response.Dispose();
        }
    }
}
""";

    public static string Exception(ClientSpec spec) => Apply(ExceptionTemplate, spec);

    private const string ExceptionTemplate = """
// <auto-generated/>
#nullable enable

namespace __NS__
{
    /// <summary>
    /// The server answered with an error status (also inside an envelope), or with a body that does not match the spec.
    /// The message stands on its own (method, path, status and the error's fields); <see cref="Error"/> is the parsed
    /// error body when it has the documented shape, <see cref="RawBody"/> the body as received (an HTML page from a proxy, say).
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed class __BASE__ApiException : global::System.Exception
    {
        /// <summary>Creates the exception.</summary>
        public __BASE__ApiException(string message, global::System.Net.HttpStatusCode statusCode, string method, string path,
            __ERRORTYPE__? error, string? rawBody, string? contentType, global::System.TimeSpan? retryAfter,
            long? rateLimitLimit, long? rateLimitRemaining, global::System.Exception? innerException)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            Method = method;
            Path = path;
            Error = error;
            RawBody = rawBody;
            ContentType = contentType;
            RetryAfter = retryAfter;
            RateLimitLimit = rateLimitLimit;
            RateLimitRemaining = rateLimitRemaining;
        }

        /// <summary>The HTTP status (the one inside the envelope for enveloped calls).</summary>
        public global::System.Net.HttpStatusCode StatusCode { get; }

        /// <summary>The HTTP method of the call.</summary>
        public string Method { get; }

        /// <summary>The path and query of the call.</summary>
        public string Path { get; }

        /// <summary>The error body parsed as the spec documents it, or null when it is not JSON or has another shape.</summary>
        public __ERRORTYPE__? Error { get; }

        /// <summary>The response body as text (empty when there was none).</summary>
        public string? RawBody { get; }

        /// <summary>The media type of the response body.</summary>
        public string? ContentType { get; }

        /// <summary>The Retry-After header, when present.</summary>
        public global::System.TimeSpan? RetryAfter { get; }

        /// <summary>The RateLimit-Limit header, when present.</summary>
        public long? RateLimitLimit { get; }

        /// <summary>The RateLimit-Remaining header, when present.</summary>
        public long? RateLimitRemaining { get; }

        /// <summary>Creates an exception for a status (and optionally a body), e.g. to throw from a fake in tests.</summary>
        public __BASE__ApiException(global::System.Net.HttpStatusCode statusCode, string? rawBody = null, string? message = null)
            : this(message ?? ("The call failed with " + (int)statusCode + " " + statusCode + "."), statusCode, "", "", null, rawBody, rawBody is null ? null : "application/json", null, null, null, null)
        {
        }

        /// <summary>The error code of the body (its top-level <c>errorCode</c>, else <c>code</c>), when it has one.</summary>
        public string? ErrorCode => global::Atlas.Codegen.Runtime.AtlasErrors.Code(RawBody);

        /// <summary>True when the body's error code is <paramref name="code"/> (e.g. <c>CLUSTER_NOT_FOUND</c>).</summary>
        public bool IsErrorCode(string code) => string.Equals(ErrorCode, code, global::System.StringComparison.Ordinal);

        /// <summary>True for 404 Not Found.</summary>
        public bool IsNotFound => StatusCode == global::System.Net.HttpStatusCode.NotFound;

        /// <summary>True for 409 Conflict.</summary>
        public bool IsConflict => StatusCode == global::System.Net.HttpStatusCode.Conflict;

        /// <summary>True for 429, and for an error code that says the caller is rate limited (<c>…RATE_LIMITED…</c>, as some APIs send on 400).</summary>
        public bool IsRateLimited => (int)StatusCode == 429 || (ErrorCode?.IndexOf("RATE_LIMIT", global::System.StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
""";

    public static string Digest(ClientSpec spec) => Apply(DigestTemplate, spec);

    private const string DigestTemplate = """
// <auto-generated/>
#nullable enable

namespace __NS__
{
    /// <summary>
    /// HTTP Digest authentication (RFC 7616: MD5 and SHA-256, optionally -sess, <c>qop=auth</c>) as a handler for your own
    /// HttpClient. It answers the server's challenge by sending the request again (the body is buffered and sent
    /// again in full), then reuses the nonce with a counting <c>nc</c> so later calls need no extra round trip, and
    /// recovers from <c>stale=true</c>. The password never appears in messages or ToString.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed class __BASE__DigestHandler : global::System.Net.Http.DelegatingHandler
    {
        private readonly global::Atlas.Codegen.Runtime.AtlasDigest _digest;

        /// <summary>Creates the handler for a user name (an API public key) and password (the private key).</summary>
        public __BASE__DigestHandler(string username, string password) => _digest = new global::Atlas.Codegen.Runtime.AtlasDigest(username, password);

        /// <summary>The handler without its secret.</summary>
        public override string ToString() => "__BASE__DigestHandler(user=" + _digest.Username + ")";

        /// <inheritdoc/>
        protected override global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(
            global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken)
            => _digest.SendAsync(request, (r, ct) => base.SendAsync(r, ct), cancellationToken);
    }
}
""";

    public static string ServiceAccount(ClientSpec spec) => Apply(ServiceAccountTemplate, spec);

    private const string ServiceAccountTemplate = """
// <auto-generated/>
#nullable enable

namespace __NS__
{
    /// <summary>
    /// OAuth 2.0 client credentials (a service account) as a handler for your own HttpClient: it gets a bearer token
    /// from the token endpoint (HTTP Basic client id and secret, <c>grant_type=client_credentials</c>), caches it until
    /// shortly before <c>expires_in</c>, lets only one token request be in flight however many calls wait for it, and
    /// retries a call once with a fresh token when the API answers 401. Secrets and tokens never appear in messages.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed class __BASE__ServiceAccountHandler : global::System.Net.Http.DelegatingHandler
    {
        /// <summary>The token endpoint the document declares.</summary>
        public const string DefaultTokenUrl = __TOKENURL__;

        private readonly global::Atlas.Codegen.Runtime.AtlasServiceAccount _account;

        /// <summary>Creates the handler. <paramref name="tokenUrl"/> defaults to <see cref="DefaultTokenUrl"/>, moved to the API's server when the API is elsewhere (a local or proxied server).</summary>
        public __BASE__ServiceAccountHandler(string clientId, string clientSecret, global::System.Uri? tokenUrl = null, global::System.TimeProvider? timeProvider = null)
            => _account = new global::Atlas.Codegen.Runtime.AtlasServiceAccount(clientId, clientSecret, tokenUrl, timeProvider, DefaultTokenUrl, global::__NS__.__BASE__Client.DefaultServer);

        /// <summary>How many token requests this handler has made.</summary>
        public int TokenRequests => _account.TokenRequests;

        /// <summary>The handler without its secret.</summary>
        public override string ToString() => "__BASE__ServiceAccountHandler(clientId=" + _account.ClientId + ")";

        /// <inheritdoc/>
        protected override global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(
            global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken)
            => _account.SendAsync(request, (r, ct) => base.SendAsync(r, ct), cancellationToken);
    }
}
""";
}
