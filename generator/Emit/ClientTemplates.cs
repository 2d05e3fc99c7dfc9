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
            .Replace("__READERROR__", spec.ErrorType is { IsGenerated: true } err ? "static (ref global::System.Text.Json.Utf8JsonReader r, global::System.Text.Json.JsonSerializerOptions o) => " + CSharp.JsonMembersOf(err) + ".ReadValue(ref r, o)" : "static (ref global::System.Text.Json.Utf8JsonReader r, global::System.Text.Json.JsonSerializerOptions o) => global::Atlas.Codegen.Runtime.AtlasJson.ReadRaw(ref r)");

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

        /// <summary>The bound of one call (default 100 s): the timeout of the HttpClient made by <see cref="__BASE__Client.Create"/> or <c>Add__BASE__Client</c>, or with the standard resilience handler its total and per-attempt timeout.</summary>
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

    /// <summary>Every item of a paginated list operation, its pages, and waiting for a resource to be ready.</summary>
    public static string Lists(ClientSpec spec) => Apply(ListsTemplate, spec);

    private const string ListsTemplate = """
// <auto-generated/>
// Generated by Atlas.Codegen from an OpenAPI document. Do not edit: edit the spec and build.
#nullable enable

namespace __NS__
{
    /// <summary>
    /// Every item of a paginated list operation, across pages: <c>await foreach (var item in pageable)</c> requests
    /// pages lazily, one at a time, and stops on an empty page, when the reported total is reached, when the links
    /// name no next page, or on a short page. <see cref="AsPages"/> gives the pages themselves. An error of any page
    /// is the typed exception, raised where the enumeration is; the items already yielded are not yielded again.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed class __BASE__Pageable<T> : global::System.Collections.Generic.IAsyncEnumerable<T>
    {
        private readonly global::Atlas.Codegen.Runtime.AtlasPageFetch<T> _fetch;
        private readonly global::System.Threading.CancellationToken _cancellationToken;

        internal __BASE__Pageable(global::Atlas.Codegen.Runtime.AtlasPageFetch<T> fetch, int pageSize, global::System.Threading.CancellationToken cancellationToken)
        {
            _fetch = fetch;
            PageSize = pageSize;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Items requested per page.</summary>
        public int PageSize { get; }

        /// <summary>
        /// A pageable over pages given in advance (for fakes in tests): each list is one page, in order, and the
        /// enumeration stops after the last (or on an empty one).
        /// </summary>
        public static __BASE__Pageable<T> FromPages(params global::System.Collections.Generic.IReadOnlyList<T>[] pages)
            => new __BASE__Pageable<T>((number, size, ct) => global::System.Threading.Tasks.Task.FromResult<(global::System.Collections.Generic.IReadOnlyList<T>?, long?, bool?)>(
                number <= pages.Length ? (pages[number - 1], null, number < pages.Length) : (global::System.Array.Empty<T>(), null, false)),
                int.MaxValue, default);

        /// <summary>The pages, requested lazily: items, page number (from 1) and the total the server reports (when it does).</summary>
        public async global::System.Collections.Generic.IAsyncEnumerable<__BASE__Page<T>> AsPages(
            [global::System.Runtime.CompilerServices.EnumeratorCancellation] global::System.Threading.CancellationToken cancellationToken = default)
        {
            using var linked = global::System.Threading.CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
            await foreach (var (items, number, total) in global::System.Threading.Tasks.TaskAsyncEnumerableExtensions.ConfigureAwait(global::Atlas.Codegen.Runtime.AtlasPaging.PagesAsync(_fetch, PageSize, linked.Token), false))
            {
                yield return new __BASE__Page<T>(items, number, total);
            }
        }

        /// <inheritdoc/>
        public async global::System.Collections.Generic.IAsyncEnumerator<T> GetAsyncEnumerator(global::System.Threading.CancellationToken cancellationToken = default)
        {
            await foreach (var page in global::System.Threading.Tasks.TaskAsyncEnumerableExtensions.ConfigureAwait(AsPages(cancellationToken), false))
            {
                foreach (var item in page.Items) yield return item;
            }
        }

        /// <summary>Every item in one list (all pages requested).</summary>
        public async global::System.Threading.Tasks.Task<global::System.Collections.Generic.List<T>> ToListAsync(global::System.Threading.CancellationToken cancellationToken = default)
        {
            var list = new global::System.Collections.Generic.List<T>();
            await foreach (var item in global::System.Threading.Tasks.TaskAsyncEnumerableExtensions.WithCancellation(this, cancellationToken).ConfigureAwait(false)) list.Add(item);
            return list;
        }
    }

    /// <summary>One page of a paginated list.</summary>
    /// <param name="Items">The items of the page.</param>
    /// <param name="PageNumber">The page number, from 1.</param>
    /// <param name="TotalCount">The total number of items the server reports (null when it does not, e.g. <c>includeCount=false</c>).</param>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed record __BASE__Page<T>(global::System.Collections.Generic.IReadOnlyList<T> Items, int PageNumber, long? TotalCount);

    /// <summary>How long and how often <see cref="__BASE__Wait"/> polls.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed class __BASE__WaitOptions
    {
        /// <summary>Give up after this long (default 30 minutes): the wait ends with <see cref="__BASE__WaitException"/>.</summary>
        public global::System.TimeSpan Timeout { get; set; } = global::System.TimeSpan.FromMinutes(30);

        /// <summary>The first interval between polls (default 5 s).</summary>
        public global::System.TimeSpan Interval { get; set; } = global::System.TimeSpan.FromSeconds(5);

        /// <summary>The longest interval between polls (default 1 minute).</summary>
        public global::System.TimeSpan MaxInterval { get; set; } = global::System.TimeSpan.FromMinutes(1);

        /// <summary>Each interval is the previous one times this factor, up to <see cref="MaxInterval"/> (default 1.5).</summary>
        public double Backoff { get; set; } = 1.5;

        /// <summary>Each interval varies randomly by up to this fraction, so that many waiters do not poll together (default 0.1).</summary>
        public double Jitter { get; set; } = 0.1;

        /// <summary>The clock (tests use a fake one).</summary>
        public global::System.TimeProvider TimeProvider { get; set; } = global::System.TimeProvider.System;
    }

    /// <summary>A wait ended without the resource being ready: it failed, or the timeout passed. Carries the last result.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ sealed class __BASE__WaitException : global::System.Exception
    {
        /// <summary>A wait that failed or timed out.</summary>
        public __BASE__WaitException(string message, bool timedOut, object? lastResult, int polls, global::System.TimeSpan elapsed)
            : base(message)
        {
            TimedOut = timedOut;
            LastResult = lastResult;
            Polls = polls;
            Elapsed = elapsed;
        }

        /// <summary>True when the timeout passed; false when the resource reached a failed state.</summary>
        public bool TimedOut { get; }

        /// <summary>The last result polled (null if none).</summary>
        public object? LastResult { get; }

        /// <summary>Number of polls made.</summary>
        public int Polls { get; }

        /// <summary>Time spent waiting.</summary>
        public global::System.TimeSpan Elapsed { get; }
    }

    /// <summary>
    /// Waits for a resource to be ready: polls a get operation until a predicate on its result says done (or failed),
    /// with a timeout, an interval that grows with backoff and jitter, and cancellation.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    __ACCESS__ static class __BASE__Wait
    {
        /// <summary>
        /// Polls <paramref name="poll"/> until <paramref name="isDone"/> returns true (the last result is returned) or
        /// <paramref name="isFailed"/> does, or the timeout passes (both: <see cref="__BASE__WaitException"/> with the last result).
        /// </summary>
        /// <example><code>
        /// var ready = await __BASE__Wait.UntilAsync(ct => client.X.GetThingAsync(id, cancellationToken: ct),
        ///     t => t.Status == "AVAILABLE", t => t.Status == "FAILED");
        /// </code></example>
        public static async global::System.Threading.Tasks.Task<T> UntilAsync<T>(
            global::System.Func<global::System.Threading.CancellationToken, global::System.Threading.Tasks.Task<T>> poll,
            global::System.Func<T, bool> isDone,
            global::System.Func<T, bool>? isFailed = null,
            __BASE__WaitOptions? options = null,
            global::System.Threading.CancellationToken cancellationToken = default)
        {
            if (poll is null) throw new global::System.ArgumentNullException(nameof(poll));
            if (isDone is null) throw new global::System.ArgumentNullException(nameof(isDone));
            var o = options ?? new __BASE__WaitOptions();
            var (outcome, last, polls, elapsed) = await global::Atlas.Codegen.Runtime.AtlasWaiting.UntilAsync(poll, isDone, isFailed, null,
                o.Timeout, o.Interval, o.MaxInterval, o.Backoff, o.Jitter, o.TimeProvider, cancellationToken).ConfigureAwait(false);
            return outcome switch
            {
                global::Atlas.Codegen.Runtime.AtlasWaitOutcome.Done => last!,
                global::Atlas.Codegen.Runtime.AtlasWaitOutcome.Failed => throw new __BASE__WaitException("The resource reached a failed state after " + polls + " poll(s): " + last, false, last, polls, elapsed),
                _ => throw new __BASE__WaitException("The resource was not ready after " + elapsed + " (" + polls + " poll(s)); last state: " + last, true, last, polls, elapsed),
            };
        }

        /// <summary>
        /// Polls <paramref name="poll"/> until the resource is gone: the operation answers 404 (as after a delete).
        /// A result that <paramref name="isFailed"/> accepts, or the timeout, ends it with <see cref="__BASE__WaitException"/>.
        /// </summary>
        public static async global::System.Threading.Tasks.Task UntilGoneAsync<T>(
            global::System.Func<global::System.Threading.CancellationToken, global::System.Threading.Tasks.Task<T>> poll,
            global::System.Func<T, bool>? isFailed = null,
            __BASE__WaitOptions? options = null,
            global::System.Threading.CancellationToken cancellationToken = default)
        {
            if (poll is null) throw new global::System.ArgumentNullException(nameof(poll));
            var o = options ?? new __BASE__WaitOptions();
            var (outcome, last, polls, elapsed) = await global::Atlas.Codegen.Runtime.AtlasWaiting.UntilAsync(poll, static _ => false, isFailed,
                static e => e is __BASE__ApiException api && api.IsNotFound,
                o.Timeout, o.Interval, o.MaxInterval, o.Backoff, o.Jitter, o.TimeProvider, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case global::Atlas.Codegen.Runtime.AtlasWaitOutcome.Gone:
                    return;
                case global::Atlas.Codegen.Runtime.AtlasWaitOutcome.Failed:
                    throw new __BASE__WaitException("The resource reached a failed state after " + polls + " poll(s): " + last, false, last, polls, elapsed);
                default:
                    throw new __BASE__WaitException("The resource was still there after " + elapsed + " (" + polls + " poll(s)); last state: " + last, true, last, polls, elapsed);
            }
        }
    }
}
""";

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
