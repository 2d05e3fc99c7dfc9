namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// OAuth 2.0 client credentials (a service account) as a handler for your own HttpClient: it gets a bearer token
    /// from the token endpoint (HTTP Basic client id and secret, <c>grant_type=client_credentials</c>), caches it until
    /// shortly before <c>expires_in</c>, lets only one token request be in flight however many calls wait for it, and
    /// retries a call once with a fresh token when the API answers 401. Secrets and tokens never appear in messages.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateServiceAccountHandler : global::System.Net.Http.DelegatingHandler
    {
        /// <summary>The token endpoint the document declares.</summary>
        public const string DefaultTokenUrl = TemplateSpec.TokenUrl;

        private readonly global::Atlas.Codegen.Runtime.AtlasServiceAccount _account;

        /// <summary>Creates the handler. <paramref name="tokenUrl"/> defaults to <see cref="DefaultTokenUrl"/>, moved to the API's server when the API is elsewhere (a local or proxied server).</summary>
        public TemplateServiceAccountHandler(string clientId, string clientSecret, global::System.Uri? tokenUrl = null, global::System.TimeProvider? timeProvider = null)
            => _account = new global::Atlas.Codegen.Runtime.AtlasServiceAccount(clientId, clientSecret, tokenUrl, timeProvider, DefaultTokenUrl, global::Atlas.Codegen.Templates.TemplateClient.DefaultServer);

        /// <summary>How many token requests this handler has made.</summary>
        public int TokenRequests => _account.TokenRequests;

        /// <summary>The handler without its secret.</summary>
        public override string ToString() => "TemplateServiceAccountHandler(clientId=" + _account.ClientId + ")";

        /// <inheritdoc/>
        protected override global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(
            global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken)
            => _account.SendAsync(request, (r, ct) => base.SendAsync(r, ct), cancellationToken);
    }
}
