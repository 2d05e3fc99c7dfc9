namespace Atlas.Codegen.Templates
{
    /// <summary>Options of <see cref="TemplateClient"/>.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateClientOptions : global::Atlas.Codegen.Runtime.IAtlasClientSettings
    {
        /// <summary>The server, when the HttpClient has no BaseAddress (default <see cref="TemplateClient.DefaultServer"/>).</summary>
        public global::System.Uri? Server { get; set; }
#if ATLAS_OAUTH

        /// <summary>Service account client id (OAuth 2.0 client credentials), used by <see cref="TemplateClient.Create"/>.</summary>
        public string? ClientId { get; set; }

        /// <summary>Service account secret. Never printed.</summary>
        public string? ClientSecret { get; set; }

        /// <summary>Token endpoint; default: the document's (TemplateSpec.TokenUrl), on the client's server when that differs.</summary>
        public global::System.Uri? TokenUrl { get; set; }
#endif
#if ATLAS_DIGEST

        /// <summary>HTTP Digest user name (an API public key), used by <see cref="TemplateClient.Create"/>.</summary>
        public string? DigestUsername { get; set; }

        /// <summary>HTTP Digest password (an API private key). Never printed.</summary>
        public string? DigestPassword { get; set; }
#endif

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
        /// the client uses is being retired); the client registered with <c>AddTemplateClient</c> logs it as a warning.
        /// </summary>
        public global::System.Action<global::Atlas.Codegen.Templates.TemplateDeprecationNotice>? OnDeprecation { get; set; }

        /// <summary>The bound of one call (default 100 s): the timeout of the HttpClient made by <see cref="TemplateClient.Create"/> or <c>AddTemplateClient</c>, or with the standard resilience handler its total and per-attempt timeout.</summary>
        public global::System.TimeSpan Timeout { get; set; } = global::System.TimeSpan.FromSeconds(100);

        /// <summary>The options without secrets.</summary>
        public override string ToString()
            => "TemplateClientOptions(Server=" + (Server?.ToString() ?? "(default)")
#if ATLAS_OAUTH
                + ", ClientId=" + (ClientId ?? "(none)") + ", ClientSecret=" + (ClientSecret is null ? "(none)" : "***")
#endif
#if ATLAS_DIGEST
                + ", DigestUsername=" + (DigestUsername ?? "(none)") + ", DigestPassword=" + (DigestPassword is null ? "(none)" : "***")
#endif
                + ")";

        bool global::Atlas.Codegen.Runtime.IAtlasClientSettings.ObservesDeprecation => OnDeprecation is not null;

        void global::Atlas.Codegen.Runtime.IAtlasClientSettings.ReportDeprecation(string operation, string? version, string method, string path, string? deprecation, string? sunset, global::System.DateTimeOffset? sunsetDate)
            => OnDeprecation?.Invoke(new global::Atlas.Codegen.Templates.TemplateDeprecationNotice(operation, version, method, path, deprecation, sunset, sunsetDate));
    }
}
