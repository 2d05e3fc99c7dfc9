namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// Options of one call (the <c>requestOptions</c> parameter of every operation method): headers, a timeout and
    /// retries for that call only, over the client's <see cref="TemplateClientOptions"/>. One instance can serve many calls.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateRequestOptions : global::Atlas.Codegen.Runtime.IAtlasRequestOptions
    {
        private global::System.TimeSpan? _timeout;
        private int? _maxRetries;

        /// <summary>Headers added to the request (case-insensitive names; one the call already sets, such as <c>Accept</c>, is replaced).</summary>
        public global::System.Collections.Generic.IDictionary<string, string> Headers { get; }
            = new global::System.Collections.Generic.Dictionary<string, string>(global::System.StringComparer.OrdinalIgnoreCase);

        /// <summary>A bound for this call instead of the client's <c>RequestTimeout</c>: when it passes (and the caller did not cancel) the call fails with
        /// <see cref="global::System.TimeoutException"/>. It cannot outlast the HttpClient's own timeout.</summary>
        public global::System.TimeSpan? Timeout
        {
            get => _timeout;
            set => _timeout = value is { } t && t <= global::System.TimeSpan.Zero && t != global::System.Threading.Timeout.InfiniteTimeSpan
                ? throw new global::System.ArgumentOutOfRangeException(nameof(value), t, "The timeout must be positive.")
                : value;
        }

        /// <summary>How many times this call is sent again after a 429 or 503 with Retry-After, instead of the client's <c>MaxRateLimitRetries</c>; with the
        /// standard resilience handler, a cap on its retries of this call (0: none).</summary>
        public int? MaxRetries
        {
            get => _maxRetries;
            set => _maxRetries = value < 0
                ? throw new global::System.ArgumentOutOfRangeException(nameof(value), value, "Retries cannot be negative.")
                : value;
        }

        global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, string>>?
            global::Atlas.Codegen.Runtime.IAtlasRequestOptions.Headers => Headers.Count == 0 ? null : Headers;
    }
}
