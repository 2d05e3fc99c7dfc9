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
            .Replace("__ACCESS__", spec.Accessibility)
            .Replace("__VERSION__", KnownTypes.Version)
            .Replace("__TOKENURL__", TypeEmitter.Literal(spec.TokenUrl ?? ""))
            .Replace("__ERRORTYPE__", spec.ErrorType?.TypeName ?? "global::System.Text.Json.JsonElement")
            .Replace("__READERROR__", spec.ErrorType is { Converter: { } conv } ? conv + ".ReadValue(ref reader, JsonOptions)" : "global::System.Text.Json.JsonElement.ParseValue(ref reader)");

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

    private readonly global::System.Net.Http.HttpClient _http;
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
        _http = httpClient ?? throw new global::System.ArgumentNullException(nameof(httpClient));
        _options = options ?? new global::__NS__.__BASE__ClientOptions();
        var server = httpClient.BaseAddress ?? _options.Server ?? new global::System.Uri(DefaultServer);
        _server = server.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>Creates a client with its own <see cref="global::System.Net.Http.HttpClient"/> that authenticates with the credentials in <paramref name="options"/>.</summary>
    public static __BASE__Client Create(global::__NS__.__BASE__ClientOptions options)
    {
        if (options is null) throw new global::System.ArgumentNullException(nameof(options));
        __CREATE__
        var http = new global::System.Net.Http.HttpClient(handler) { BaseAddress = options.Server ?? new global::System.Uri(DefaultServer), Timeout = options.Timeout };
        return new __BASE__Client(http, options);
    }

    internal static global::System.Text.RegularExpressions.Regex Pattern(string pattern)
    {
        // Patterns are spec input: always with a match timeout. ECMAScript semantics where the pattern allows it (\d is [0-9]).
        try
        {
            return new global::System.Text.RegularExpressions.Regex(pattern, global::System.Text.RegularExpressions.RegexOptions.ECMAScript, global::System.TimeSpan.FromSeconds(1));
        }
        catch (global::System.ArgumentException)
        {
            return new global::System.Text.RegularExpressions.Regex(pattern, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));
        }
    }

    internal static void CheckPath(string? value, string name, global::System.Text.RegularExpressions.Regex? pattern, string? patternText)
    {
        if (value is null) throw new global::System.ArgumentNullException(name);
        if (value.Length == 0) throw new global::System.ArgumentException($"The path parameter '{name}' must not be empty.", name);
        if (value == "." || value == "..") throw new global::System.ArgumentException($"The path parameter '{name}' must not be '{value}'.", name);
        CheckText(value, name, pattern, patternText, "path parameter");
    }

    internal static void CheckHeader(string? value, string name, global::System.Text.RegularExpressions.Regex? pattern, string? patternText)
    {
        if (value is null) throw new global::System.ArgumentNullException(name);
        CheckText(value, name, pattern, patternText, "header parameter");
    }

    internal static void CheckQuery(string value, string name, global::System.Text.RegularExpressions.Regex pattern, string patternText)
        => CheckText(value, name, pattern, patternText, "query parameter");

    private static void CheckText(string value, string name, global::System.Text.RegularExpressions.Regex? pattern, string? patternText, string kind)
    {
        foreach (var c in value)
        {
            // $ in a .NET pattern also matches before a final newline: control characters are refused before the pattern runs.
            if (char.IsControl(c)) throw new global::System.ArgumentException($"The {kind} '{name}' contains a control character.", name);
        }
        if (pattern is null) return;
        bool match;
        try
        {
            match = pattern.IsMatch(value);
        }
        catch (global::System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            match = false;
        }
        if (!match) throw new global::System.ArgumentException($"The {kind} '{name}' does not match the pattern {patternText}.", name);
    }

    internal static void CheckBody(global::System.Collections.Generic.IReadOnlyList<string> errors)
    {
        if (errors.Count > 0) throw new global::System.ArgumentException("The request body is invalid: " + string.Join("; ", errors), "body");
    }

    private static global::System.TimeSpan? RetryDelay(global::System.Net.Http.HttpResponseMessage response)
    {
        var retry = response.Headers.RetryAfter;
        if (retry?.Delta is { } delta) return delta < global::System.TimeSpan.Zero ? global::System.TimeSpan.Zero : delta;
        if (retry?.Date is { } date)
        {
            var wait = date - global::System.DateTimeOffset.UtcNow;
            return wait < global::System.TimeSpan.Zero ? global::System.TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>Sends the request (429 with Retry-After waited for and sent again); reports deprecation headers once per operation.</summary>
    private async global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(
        global::System.Net.Http.HttpMethod method, global::System.Uri uri, string accept, byte[]? content, string contentType,
        global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>? headers,
        string operation, string? version, global::System.Threading.CancellationToken cancellationToken)
    {
        global::System.Net.Http.HttpResponseMessage response;
        for (var attempt = 0; ; attempt++)
        {
            var request = new global::System.Net.Http.HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            if (headers is not null)
            {
                foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }
            if (content is not null)
            {
                var body = new global::System.Net.Http.ByteArrayContent(content);
                body.Headers.TryAddWithoutValidation("Content-Type", contentType);
                request.Content = body;
            }
            // Transport failures are not retried here: a POST that may have reached the server must not be sent twice.
            response = await _http.SendAsync(request, global::System.Net.Http.HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 429 && attempt < _options.MaxRateLimitRetries && RetryDelay(response) is { } delay && delay <= _options.MaxRetryAfter)
            {
                // The server refused the request (nothing was created): waiting as told and sending again is safe.
                response.Dispose();
                await global::System.Threading.Tasks.Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }
            break;
        }
        if (response.Headers.Contains("Deprecation") || response.Headers.Contains("Sunset")) ReportDeprecation(response, method.Method, uri.PathAndQuery, operation, version);
        return response;
    }

    private readonly global::System.Collections.Concurrent.ConcurrentDictionary<string, bool> _deprecationReported = new global::System.Collections.Concurrent.ConcurrentDictionary<string, bool>();

    private void ReportDeprecation(global::System.Net.Http.HttpResponseMessage response, string method, string path, string operation, string? version)
    {
        var hook = _options.OnDeprecation;
        if (hook is null || !_deprecationReported.TryAdd(operation, true)) return;
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
        var sunset = Header("Sunset");
        global::System.DateTimeOffset? sunsetDate = sunset is not null && global::System.DateTimeOffset.TryParse(sunset, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d : null;
        try
        {
            hook(new global::__NS__.__BASE__DeprecationNotice(operation, version, method, path, Header("Deprecation"), sunset, sunsetDate));
        }
        catch (global::System.Exception)
        {
            // A failing hook must not fail the call it observes.
        }
    }

    /// <summary>Sends the request and reads the typed result or the error.</summary>
    internal async global::System.Threading.Tasks.Task<T> CallAsync<T>(
        global::System.Net.Http.HttpMethod method, string url, string accept, byte[]? content, string contentType,
        global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>? headers,
        global::Atlas.Codegen.Runtime.AtlasJsonReader<T>? read, bool enveloped, string operation, string? version, global::System.Threading.CancellationToken cancellationToken)
    {
        var uri = new global::System.Uri(url, global::System.UriKind.Absolute);
        var response = await SendAsync(method, uri, accept, content, contentType, headers, operation, version, cancellationToken).ConfigureAwait(false);
        var path = uri.PathAndQuery;
        var methodName = method.Method;
        using (response)
        {
            // An operation without a response body: a success is not read at all (the connection is released as is).
            if (read is null && !enveloped && (int)response.StatusCode is >= 200 and <= 299) return default!;
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (global::System.Exception ex) when (ex is global::System.Net.Http.HttpRequestException or global::System.IO.IOException)
            {
                throw Fail(response, global::System.Array.Empty<byte>(), 0, 0, (int)response.StatusCode, methodName, path, operation, version, "the response body could not be read (" + ex.Message + ")", ex);
            }
            var status = (int)response.StatusCode;
            if (status < 200 || status > 299) throw Fail(response, body, 0, body.Length, status, methodName, path, operation, version, null, null);
            var start = 0;
            var length = body.Length;
            if (enveloped)
            {
                if (!Unwrap(body, out status, out start, out length, out var problem))
                {
                    throw Fail(response, body, 0, body.Length, status, methodName, path, operation, version, problem, null);
                }
                if (status < 200 || status > 299) throw Fail(response, body, start, length, status, methodName, path, operation, version, "error inside the envelope", null);
            }
            if (read is null) return default!;
            if (length == 0) throw Fail(response, body, start, length, status, methodName, path, operation, version, "the response body is empty", null);
            try
            {
                return Parse(body, start, length, read, _options.StrictResponses ? global::Atlas.Codegen.Runtime.AtlasJson.Strict : JsonOptions);
            }
            catch (global::System.Exception ex) when (ex is global::System.Text.Json.JsonException or global::System.InvalidOperationException or global::System.FormatException)
            {
                throw Fail(response, body, start, length, status, methodName, path, operation, version, "the response body does not match the spec (" + ex.Message + ")", ex);
            }
        }
    }

    private static T Parse<T>(byte[] body, int start, int length, global::Atlas.Codegen.Runtime.AtlasJsonReader<T> read, global::System.Text.Json.JsonSerializerOptions options)
    {
        var reader = new global::System.Text.Json.Utf8JsonReader(new global::System.ReadOnlySpan<byte>(body, start, length));
        reader.Read();
        var value = read(ref reader, options);
        if (reader.Read()) throw new global::System.Text.Json.JsonException("unexpected data after the JSON value");
        return value;
    }

    /// <summary>Reads <c>{"status": n, "content": {...}}</c>: the status inside and where the content is.</summary>
    private static bool Unwrap(byte[] body, out int status, out int start, out int length, out string? problem)
    {
        status = 0;
        start = 0;
        length = 0;
        problem = null;
        try
        {
            var reader = new global::System.Text.Json.Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject)
            {
                problem = "the enveloped response is not a JSON object";
                return false;
            }
            var hasStatus = false;
            var hasContent = false;
            while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    status = reader.GetInt32();
                    hasStatus = true;
                }
                else if (reader.ValueTextEquals("content"u8))
                {
                    reader.Read();
                    start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    length = (int)reader.BytesConsumed - start;
                    hasContent = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (!hasStatus || !hasContent) problem = "the enveloped response lacks 'status' or 'content'";
            return hasStatus && hasContent;
        }
        catch (global::System.Exception ex) when (ex is global::System.Text.Json.JsonException or global::System.InvalidOperationException or global::System.FormatException)
        {
            problem = "the enveloped response is not valid JSON (" + ex.Message + ")";
            return false;
        }
    }

    /// <summary>
    /// Sends the request of an operation whose success response is not JSON and returns its body as a stream (read with
    /// <c>ResponseHeadersRead</c>: nothing is buffered); an error status is read and thrown as the typed exception.
    /// </summary>
    internal async global::System.Threading.Tasks.Task<global::__NS__.__BASE__Download> DownloadAsync(
        global::System.Net.Http.HttpMethod method, string url, string accept, byte[]? content, string contentType,
        global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>? headers,
        string operation, string? version, global::System.Threading.CancellationToken cancellationToken)
    {
        var uri = new global::System.Uri(url, global::System.UriKind.Absolute);
        var response = await SendAsync(method, uri, accept, content, contentType, headers, operation, version, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status >= 200 && status <= 299)
        {
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return new global::__NS__.__BASE__Download(response, stream);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        using (response)
        {
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (global::System.Exception ex) when (ex is global::System.Net.Http.HttpRequestException or global::System.IO.IOException)
            {
                throw Fail(response, global::System.Array.Empty<byte>(), 0, 0, status, method.Method, uri.PathAndQuery, operation, version, "the response body could not be read (" + ex.Message + ")", ex);
            }
            throw Fail(response, body, 0, body.Length, status, method.Method, uri.PathAndQuery, operation, version, null, null);
        }
    }

    private static global::__NS__.__BASE__ApiException Fail(
        global::System.Net.Http.HttpResponseMessage response, byte[] body, int start, int length, int status,
        string method, string path, string operation, string? version, string? problem, global::System.Exception? inner)
    {
        if (status == 410 && problem is null)
        {
            problem = version is null
                ? "operation '" + operation + "' is gone from the server"
                : "API version " + version + " of operation '" + operation + "' is gone (sunset): the server no longer serves it; generate the client with a newer AtlasApiVersion";
        }
        var segment = new global::System.ArraySegment<byte>(body, start, length);
        var text = length == 0 ? "" : global::System.Text.Encoding.UTF8.GetString(body, start, length);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        __ERRORTYPE__? error = null;
        var summary = "";
        if (status is < 200 or > 299 && LooksLikeJsonObject(segment))
        {
            try
            {
                var reader = new global::System.Text.Json.Utf8JsonReader(segment);
                reader.Read();
                error = __READERROR__;
            }
            catch (global::System.Exception ex) when (ex is global::System.Text.Json.JsonException or global::System.InvalidOperationException or global::System.FormatException)
            {
                // Not the documented error shape: RawBody keeps it.
            }
            summary = Summarize(segment);
        }
        else if (text.Length > 0 && status is < 200 or > 299)
        {
            var flat = global::System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ").Trim();
            summary = " (" + (mediaType ?? "no content type") + " body: " + (flat.Length > 200 ? flat.Substring(0, 200) + "…" : flat) + ")";
        }
        var message = $"{method} {path} failed with {status} {ReasonPhrase(status, response)}" + (problem is null ? "" : ": " + problem) + summary;
        long? Header(string name)
            => response.Headers.TryGetValues(name, out var values) && long.TryParse(global::System.Linq.Enumerable.FirstOrDefault(values), global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        return new global::__NS__.__BASE__ApiException(message, (global::System.Net.HttpStatusCode)status, method, path, error, text, mediaType,
            RetryDelay(response), Header("RateLimit-Limit"), Header("RateLimit-Remaining"), inner);
    }

    private static string ReasonPhrase(int status, global::System.Net.Http.HttpResponseMessage response)
        => status == (int)response.StatusCode && !string.IsNullOrEmpty(response.ReasonPhrase) ? response.ReasonPhrase! : ((global::System.Net.HttpStatusCode)status).ToString();

    private static bool LooksLikeJsonObject(global::System.ArraySegment<byte> body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'{';
        }
        return false;
    }

    /// <summary>The top-level scalar members of an error body, for a message that is useful on its own.</summary>
    private static string Summarize(global::System.ArraySegment<byte> body)
    {
        var parts = new global::System.Collections.Generic.List<string>();
        try
        {
            var reader = new global::System.Text.Json.Utf8JsonReader(body);
            reader.Read();
            while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName && parts.Count < 6)
            {
                var name = reader.GetString();
                reader.Read();
                switch (reader.TokenType)
                {
                    case global::System.Text.Json.JsonTokenType.String:
                        var s = reader.GetString() ?? "";
                        parts.Add(name + "=" + (s.Length > 300 ? s.Substring(0, 300) + "…" : s));
                        break;
                    case global::System.Text.Json.JsonTokenType.Number:
                        parts.Add(name + "=" + global::System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray()));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (global::System.Text.Json.JsonException)
        {
            // truncated body: what was read is still useful
        }
        return parts.Count == 0 ? "" : " (" + string.Join(", ", parts) + ")";
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
    __ACCESS__ sealed class __BASE__ClientOptions
    {
        /// <summary>The server, when the HttpClient has no BaseAddress (default <see cref="__BASE__Client.DefaultServer"/>).</summary>
        public global::System.Uri? Server { get; set; }
__AUTH__
        /// <summary>How many times a 429 answer with a Retry-After header is waited for and sent again (default 2; 0 disables).</summary>
        public int MaxRateLimitRetries { get; set; } = 2;

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
        private readonly string _username;
        private readonly string _password;
        private readonly object _gate = new object();
        private Challenge? _challenge;
        private int _nc;

        /// <summary>Creates the handler for a user name (an API public key) and password (the private key).</summary>
        public __BASE__DigestHandler(string username, string password)
        {
            _username = username ?? throw new global::System.ArgumentNullException(nameof(username));
            _password = password ?? throw new global::System.ArgumentNullException(nameof(password));
        }

        /// <summary>The handler without its secret.</summary>
        public override string ToString() => "__BASE__DigestHandler(user=" + _username + ")";

        /// <inheritdoc/>
        protected override async global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(
            global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken)
        {
            byte[]? body = null;
            if (request.Content is not null)
            {
                body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            Challenge? known;
            lock (_gate) known = _challenge;
            if (known is not null) Authorize(request, known);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != global::System.Net.HttpStatusCode.Unauthorized) return response;

            // One new attempt per call: first contact, an expired nonce (stale=true) or a server that rotated its nonces.
            // If that answer is refused too (wrong credentials), the 401 goes back to the caller.
            var fresh = Parse(response);
            if (fresh is null) return response;
            lock (_gate)
            {
                _challenge = fresh;
                _nc = 0;
            }
            response.Dispose();
            var retry = global::Atlas.Codegen.Runtime.AtlasHttp.Copy(request, body);
            Authorize(retry, fresh);
            return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        }

        private void Authorize(global::System.Net.Http.HttpRequestMessage request, Challenge c)
        {
            int nc;
            lock (_gate) nc = ++_nc;
            var uri = request.RequestUri!.PathAndQuery;
            var cnonce = global::System.Convert.ToHexString(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var ncText = nc.ToString("x8", global::System.Globalization.CultureInfo.InvariantCulture);
            var ha1 = Hash(c.Algorithm, _username + ":" + c.Realm + ":" + _password);
            if (c.Session) ha1 = Hash(c.Algorithm, ha1 + ":" + c.Nonce + ":" + cnonce);
            var ha2 = Hash(c.Algorithm, request.Method.Method + ":" + uri);
            var answer = c.Qop is null
                ? Hash(c.Algorithm, ha1 + ":" + c.Nonce + ":" + ha2)
                : Hash(c.Algorithm, ha1 + ":" + c.Nonce + ":" + ncText + ":" + cnonce + ":auth:" + ha2);
            var header = new global::System.Text.StringBuilder("Digest ");
            header.Append("username=\"").Append(Quote(_username)).Append("\", realm=\"").Append(Quote(c.Realm))
                .Append("\", nonce=\"").Append(Quote(c.Nonce)).Append("\", uri=\"").Append(Quote(uri))
                .Append("\", algorithm=").Append(c.AlgorithmName).Append(", response=\"").Append(answer).Append('"');
            if (c.Qop is not null) header.Append(", qop=auth, nc=").Append(ncText).Append(", cnonce=\"").Append(cnonce).Append('"');
            if (c.Opaque is not null) header.Append(", opaque=\"").Append(Quote(c.Opaque)).Append('"');
            request.Headers.Remove("Authorization");
            request.Headers.TryAddWithoutValidation("Authorization", header.ToString());
        }

        private static string Quote(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");

        private static string Hash(string algorithm, string text)
        {
            var bytes = global::System.Text.Encoding.UTF8.GetBytes(text);
            var hash = algorithm == "SHA-256"
                ? global::System.Security.Cryptography.SHA256.HashData(bytes)
                : global::System.Security.Cryptography.MD5.HashData(bytes);
            return global::System.Convert.ToHexString(hash).ToLowerInvariant();
        }

        /// <summary>The strongest supported Digest challenge of a 401 (SHA-256 before MD5), or null.</summary>
        private static Challenge? Parse(global::System.Net.Http.HttpResponseMessage response)
        {
            Challenge? best = null;
            foreach (var value in response.Headers.WwwAuthenticate)
            {
                if (!string.Equals(value.Scheme, "Digest", global::System.StringComparison.OrdinalIgnoreCase) || value.Parameter is null) continue;
                var p = Parameters(value.Parameter);
                p.TryGetValue("algorithm", out var algorithm);
                algorithm = (algorithm ?? "MD5").ToUpperInvariant();
                var session = algorithm.EndsWith("-SESS", global::System.StringComparison.Ordinal);
                var baseAlgorithm = session ? algorithm.Substring(0, algorithm.Length - 5) : algorithm;
                if (baseAlgorithm != "MD5" && baseAlgorithm != "SHA-256") continue;
                string? qop = null;
                if (p.TryGetValue("qop", out var qops))
                {
                    foreach (var q in qops.Split(','))
                    {
                        if (q.Trim() == "auth") qop = "auth";
                    }
                    if (qop is null) continue; // only auth-int offered: not supported
                }
                if (!p.TryGetValue("nonce", out var nonce)) continue;
                p.TryGetValue("realm", out var realm);
                p.TryGetValue("opaque", out var opaque);
                p.TryGetValue("stale", out var stale);
                var candidate = new Challenge(realm ?? "", nonce, opaque, qop, baseAlgorithm, algorithm, session, string.Equals(stale, "true", global::System.StringComparison.OrdinalIgnoreCase));
                if (best is null || (best.Algorithm == "MD5" && candidate.Algorithm == "SHA-256")) best = candidate;
            }
            return best;
        }

        private static global::System.Collections.Generic.Dictionary<string, string> Parameters(string text)
        {
            var result = new global::System.Collections.Generic.Dictionary<string, string>(global::System.StringComparer.OrdinalIgnoreCase);
            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && (text[i] == ' ' || text[i] == ',')) i++;
                var eq = text.IndexOf('=', i);
                if (eq < 0) break;
                var key = text.Substring(i, eq - i).Trim();
                i = eq + 1;
                string value;
                if (i < text.Length && text[i] == '"')
                {
                    var sb = new global::System.Text.StringBuilder();
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length) i++;
                        sb.Append(text[i++]);
                    }
                    i++;
                    value = sb.ToString();
                }
                else
                {
                    var end = text.IndexOf(',', i);
                    if (end < 0) end = text.Length;
                    value = text.Substring(i, end - i).Trim();
                    i = end;
                }
                result[key] = value;
            }
            return result;
        }

        private sealed class Challenge
        {
            public Challenge(string realm, string nonce, string? opaque, string? qop, string algorithm, string algorithmName, bool session, bool stale)
            {
                Realm = realm;
                Nonce = nonce;
                Opaque = opaque;
                Qop = qop;
                Algorithm = algorithm;
                AlgorithmName = algorithmName;
                Session = session;
                Stale = stale;
            }

            public string Realm { get; }
            public string Nonce { get; }
            public string? Opaque { get; }
            public string? Qop { get; }
            public string Algorithm { get; }
            public string AlgorithmName { get; }
            public bool Session { get; }
            public bool Stale { get; }
        }
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

        private readonly string _clientId;
        private readonly string _clientSecret;
        private readonly global::System.Uri? _tokenUrl;
        private readonly global::System.TimeProvider _time;
        private readonly global::System.Threading.SemaphoreSlim _refresh = new global::System.Threading.SemaphoreSlim(1, 1);
        private volatile Token? _token;
        private int _tokenRequests;

        /// <summary>Creates the handler. <paramref name="tokenUrl"/> defaults to <see cref="DefaultTokenUrl"/>, moved to the API's server when the API is elsewhere (a local or proxied server).</summary>
        public __BASE__ServiceAccountHandler(string clientId, string clientSecret, global::System.Uri? tokenUrl = null, global::System.TimeProvider? timeProvider = null)
        {
            _clientId = clientId ?? throw new global::System.ArgumentNullException(nameof(clientId));
            _clientSecret = clientSecret ?? throw new global::System.ArgumentNullException(nameof(clientSecret));
            _tokenUrl = tokenUrl;
            _time = timeProvider ?? global::System.TimeProvider.System;
        }

        /// <summary>How many token requests this handler has made.</summary>
        public int TokenRequests => global::System.Threading.Volatile.Read(ref _tokenRequests);

        /// <summary>The handler without its secret.</summary>
        public override string ToString() => "__BASE__ServiceAccountHandler(clientId=" + _clientId + ")";

        /// <inheritdoc/>
        protected override async global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(
            global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken)
        {
            byte[]? body = null;
            if (request.Content is not null) body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var token = await GetTokenAsync(request.RequestUri!, null, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new global::System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != global::System.Net.HttpStatusCode.Unauthorized) return response;

            // The token was refused (revoked, or expired early): one retry with a fresh one.
            response.Dispose();
            token = await GetTokenAsync(request.RequestUri!, token, cancellationToken).ConfigureAwait(false);
            var retry = global::Atlas.Codegen.Runtime.AtlasHttp.Copy(request, body);
            retry.Headers.Authorization = new global::System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
            return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        }

        private async global::System.Threading.Tasks.Task<Token> GetTokenAsync(global::System.Uri api, Token? refused, global::System.Threading.CancellationToken cancellationToken)
        {
            var current = _token;
            if (current is not null && current != refused && current.ValidUntil > _time.GetUtcNow()) return current;
            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another caller may have refreshed while this one waited.
                current = _token;
                if (current is not null && current != refused && current.ValidUntil > _time.GetUtcNow()) return current;
                var fresh = await RequestTokenAsync(api, cancellationToken).ConfigureAwait(false);
                _token = fresh;
                return fresh;
            }
            finally
            {
                _refresh.Release();
            }
        }

        private global::System.Uri TokenUrlFor(global::System.Uri api)
        {
            if (_tokenUrl is not null) return _tokenUrl;
            var declared = new global::System.Uri(DefaultTokenUrl);
            var server = new global::System.Uri(global::__NS__.__BASE__Client.DefaultServer);
            var sameAuthority = declared.Scheme == server.Scheme && declared.Authority == server.Authority;
            return sameAuthority && api.Authority != declared.Authority
                ? new global::System.Uri(new global::System.Uri(api.GetLeftPart(global::System.UriPartial.Authority)), declared.PathAndQuery)
                : declared;
        }

        private async global::System.Threading.Tasks.Task<Token> RequestTokenAsync(global::System.Uri api, global::System.Threading.CancellationToken cancellationToken)
        {
            global::System.Threading.Interlocked.Increment(ref _tokenRequests);
            var url = TokenUrlFor(api);
            using var request = new global::System.Net.Http.HttpRequestMessage(global::System.Net.Http.HttpMethod.Post, url);
            // RFC 6749 2.3.1: id and secret are form-encoded before Base64.
            var basic = global::System.Convert.ToBase64String(global::System.Text.Encoding.UTF8.GetBytes(
                global::System.Uri.EscapeDataString(_clientId) + ":" + global::System.Uri.EscapeDataString(_clientSecret)));
            request.Headers.Authorization = new global::System.Net.Http.Headers.AuthenticationHeaderValue("Basic", basic);
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            request.Content = new global::System.Net.Http.FormUrlEncodedContent(new[] { new global::System.Collections.Generic.KeyValuePair<string, string>("grant_type", "client_credentials") });
            using var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new global::System.Net.Http.HttpRequestException(
                    $"The token request to {url.GetLeftPart(global::System.UriPartial.Path)} for client '{_clientId}' failed with {(int)response.StatusCode}{OAuthError(body)}.",
                    null, response.StatusCode);
            }
            var (accessToken, expiresIn) = ParseToken(body);
            if (string.IsNullOrEmpty(accessToken)) throw new global::System.Net.Http.HttpRequestException("The token response has no access_token.");
            // expires_in counts from the response. Renew shortly before: a tenth of the lifetime, at least a second (token
            // expiries are whole seconds) and at most a minute (hour-long tokens), never more than half of it.
            var margin = global::System.TimeSpan.FromSeconds(global::System.Math.Min(global::System.Math.Min(60, global::System.Math.Max(1, expiresIn / 10)), expiresIn / 2));
            return new Token(accessToken!, _time.GetUtcNow() + global::System.TimeSpan.FromSeconds(expiresIn) - margin);
        }

        private static (string? AccessToken, double ExpiresIn) ParseToken(byte[] body)
        {
            string? accessToken = null;
            double expiresIn = 3600;
            try
            {
                var reader = new global::System.Text.Json.Utf8JsonReader(body);
                reader.Read();
                while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("access_token"u8)) { reader.Read(); accessToken = reader.GetString(); }
                    else if (reader.ValueTextEquals("expires_in"u8)) { reader.Read(); expiresIn = reader.TokenType == global::System.Text.Json.JsonTokenType.Number ? reader.GetDouble() : double.Parse(reader.GetString()!, global::System.Globalization.CultureInfo.InvariantCulture); }
                    else { reader.Read(); reader.Skip(); }
                }
            }
            catch (global::System.Exception ex) when (ex is global::System.Text.Json.JsonException or global::System.InvalidOperationException or global::System.FormatException)
            {
                throw new global::System.Net.Http.HttpRequestException("The token response is not valid JSON.", ex);
            }
            return (accessToken, expiresIn);
        }

        private static string OAuthError(byte[] body)
        {
            try
            {
                var reader = new global::System.Text.Json.Utf8JsonReader(body);
                reader.Read();
                while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("error"u8)) { reader.Read(); return ": " + reader.GetString(); }
                    reader.Read();
                    reader.Skip();
                }
            }
            catch (global::System.Exception ex) when (ex is global::System.Text.Json.JsonException or global::System.InvalidOperationException)
            {
            }
            return "";
        }

        private sealed class Token
        {
            public Token(string accessToken, global::System.DateTimeOffset validUntil)
            {
                AccessToken = accessToken;
                ValidUntil = validUntil;
            }

            public string AccessToken { get; }
            public global::System.DateTimeOffset ValidUntil { get; }

            public override string ToString() => "Token(***)";
        }
    }
}
""";
}
