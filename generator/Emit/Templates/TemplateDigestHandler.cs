namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// HTTP Digest authentication (RFC 7616: MD5 and SHA-256, optionally -sess, <c>qop=auth</c>) as a handler for your own
    /// HttpClient. It answers the server's challenge by sending the request again (the body is buffered and sent
    /// again in full), then reuses the nonce with a counting <c>nc</c> so later calls need no extra round trip, and
    /// recovers from <c>stale=true</c>. The password never appears in messages or ToString.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateDigestHandler : global::System.Net.Http.DelegatingHandler
    {
        private readonly global::Atlas.Codegen.Runtime.AtlasDigest _digest;

        /// <summary>Creates the handler for a user name (an API public key) and password (the private key).</summary>
        public TemplateDigestHandler(string username, string password) => _digest = new global::Atlas.Codegen.Runtime.AtlasDigest(username, password);

        /// <summary>The handler without its secret.</summary>
        public override string ToString() => "TemplateDigestHandler(user=" + _digest.Username + ")";

        /// <inheritdoc/>
        protected override global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(
            global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken)
            => _digest.SendAsync(request, (r, ct) => base.SendAsync(r, ct), cancellationToken);
    }
}
