namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// The server answered with an error status (also inside an envelope), or with a body that does not match the spec.
    /// The message stands on its own (method, path, status and the error's fields); <see cref="Error"/> is the parsed
    /// error body when it has the documented shape, <see cref="RawBody"/> the body as received (an HTML page from a proxy, say).
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateApiException : global::System.Exception
    {
        /// <summary>Creates the exception.</summary>
        public TemplateApiException(string message, global::System.Net.HttpStatusCode statusCode, string method, string path,
            TemplateError? error, string? rawBody, string? contentType, global::System.TimeSpan? retryAfter,
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
        public TemplateError? Error { get; }

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

        /// <summary>The response: its status and every header, the request id among them (null for an exception made by a fake).</summary>
        public global::Atlas.Codegen.Templates.TemplateResponse? Response { get; init; }

        /// <summary>Creates an exception for a status (and optionally a body), e.g. to throw from a fake in tests.</summary>
        public TemplateApiException(global::System.Net.HttpStatusCode statusCode, string? rawBody = null, string? message = null)
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
