using System.Net;
using Atlas.Codegen.Tests.Atlas;

namespace Atlas.Codegen.Tests;

/// <summary>HTTP Digest (RFC 7616) against lighttpd's mod_auth, a server nobody here wrote, proxying to the local Atlas.</summary>
public sealed class DigestTests(LighttpdFixture lighttpd) : IClassFixture<LighttpdFixture>
{
    private const string GroupId = "32b6e34b3d91647abb20e7b8";
    private const string ServiceId = "5f1e9c3a2b4d6e8f0a1b2c3d";

    /// <summary>Counts what actually goes on the wire below the Digest handler.</summary>
    private sealed class Wire : DelegatingHandler
    {
        public List<(string Method, HttpStatusCode Status, string? Authorization, string Body)> Exchanges { get; } = new();

        public Wire() : base(new SocketsHttpHandler()) { }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            lock (Exchanges) Exchanges.Add((request.Method.Method, response.StatusCode, request.Headers.Authorization?.ToString(), body));
            return response;
        }
    }

    private (AtlasClient Client, Wire Wire) Client(string algorithm, string password = LighttpdFixture.Password)
    {
        var wire = new Wire();
        var digest = new AtlasDigestHandler(LighttpdFixture.User, password) { InnerHandler = wire };
        return (new AtlasClient(new HttpClient(digest) { BaseAddress = lighttpd.Servers[algorithm] }), wire);
    }

    [RequiresLighttpdTheory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public async Task Digest_challenge_is_answered_and_the_body_is_sent_again(string algorithm)
    {
        var (client, wire) = Client(algorithm);
        var id = "vpce-" + algorithm.Replace("-", "").ToLowerInvariant() + "0001";
        var result = await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = id });

        Assert.Equal(id, Assert.IsType<AWSInterfaceEndpoint>(result).InterfaceEndpointId);
        Assert.Equal(2, wire.Exchanges.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, wire.Exchanges[0].Status);
        Assert.Equal(HttpStatusCode.OK, wire.Exchanges[1].Status);
        Assert.Equal(wire.Exchanges[0].Body, wire.Exchanges[1].Body);
        Assert.Contains("algorithm=" + algorithm, wire.Exchanges[1].Authorization);
        Assert.Contains("qop=auth", wire.Exchanges[1].Authorization);
        Assert.Contains("nc=00000001", wire.Exchanges[1].Authorization);
        JsonAssert.Equivalent($$"""{"cloudProvider":"AWS","id":"{{id}}"}""", lighttpd.Atlas.Requests.Last().Body);
    }

    [RequiresLighttpdTheory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public async Task Nonce_is_reused_with_a_counting_nc(string algorithm)
    {
        var (client, wire) = Client(algorithm);
        for (var i = 0; i < 3; i++)
        {
            await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = $"vpce-reuse-{algorithm}-{i}" });
        }
        // One challenge, then three authenticated calls with nc 1, 2, 3 and the same nonce.
        Assert.Equal(4, wire.Exchanges.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, wire.Exchanges[0].Status);
        Assert.All(wire.Exchanges.Skip(1), e => Assert.Equal(HttpStatusCode.OK, e.Status));
        Assert.Equal(["nc=00000001", "nc=00000002", "nc=00000003"], wire.Exchanges.Skip(1).Select(e => System.Text.RegularExpressions.Regex.Match(e.Authorization!, "nc=[0-9a-f]{8}").Value));
        var nonces = wire.Exchanges.Skip(1).Select(e => System.Text.RegularExpressions.Regex.Match(e.Authorization!, "nonce=\"([^\"]+)\"").Groups[1].Value).Distinct();
        Assert.Single(nonces);
    }

    [RequiresLighttpdFact]
    public async Task Wrong_password_is_a_401_AtlasApiException_without_the_secret()
    {
        const string wrong = "WRONG-SECRET-9f8e7d";
        var (client, wire) = Client("SHA-256", wrong);
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = "vpce-wrong" }));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(2, wire.Exchanges.Count); // one answer to the challenge, no loop
        Assert.DoesNotContain(wrong, ex.ToString());
        Assert.DoesNotContain(wrong, ex.Message);
    }
}

/// <summary>Digest behaviours lighttpd does not show on demand: <c>stale=true</c> recovery and the strongest algorithm offered.</summary>
public sealed class DigestProtocolTests
{
    private sealed class StaleServer : HttpMessageHandler
    {
        public List<(string? Authorization, string Body)> Seen { get; } = new();
        private int _nonce = 1;
        private int _usesOfCurrentNonce;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var auth = request.Headers.Authorization?.ToString();
            Seen.Add((auth, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            var current = "nonce-" + _nonce;
            if (auth is not null && auth.Contains($"nonce=\"{current}\"") && _usesOfCurrentNonce++ < 1)
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"cloudProvider":"AWS","interfaceEndpointId":"vpce-1"}""", System.Text.Encoding.UTF8, "application/vnd.atlas.2023-01-01+json") };
            }
            var stale = auth is not null && auth.Contains($"nonce=\"{current}\"");
            if (stale)
            {
                _nonce++;
                _usesOfCurrentNonce = 0;
            }
            var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ParseAdd($"Digest realm=\"r\", nonce=\"nonce-{_nonce}\", qop=\"auth\", algorithm=MD5{(stale ? ", stale=true" : "")}");
            response.Headers.WwwAuthenticate.ParseAdd($"Digest realm=\"r\", nonce=\"nonce-{_nonce}\", qop=\"auth\", algorithm=SHA-256{(stale ? ", stale=true" : "")}");
            return response;
        }
    }

    [Fact]
    public async Task Stale_nonce_is_renewed_and_the_body_sent_again()
    {
        var server = new StaleServer();
        var client = new AtlasClient(new HttpClient(new AtlasDigestHandler("user", "pass") { InnerHandler = server }) { BaseAddress = new Uri("http://atlas.invalid/") });
        var body = new CreateAWSEndpointRequest { Id = "vpce-stale" };
        await client.PrivateEndpointServices.CreatePrivateEndpointAsync("32b6e34b3d91647abb20e7b8", CloudProvider.Aws, "5f1e9c3a2b4d6e8f0a1b2c3d", body);
        await client.PrivateEndpointServices.CreatePrivateEndpointAsync("32b6e34b3d91647abb20e7b8", CloudProvider.Aws, "5f1e9c3a2b4d6e8f0a1b2c3d", body);

        // call 1: challenge, answer (nonce-1); call 2: nonce-1 again -> stale=true with nonce-2, answer with nonce-2
        Assert.Equal(4, server.Seen.Count);
        Assert.Null(server.Seen[0].Authorization);
        Assert.Contains("nonce=\"nonce-1\"", server.Seen[1].Authorization);
        Assert.Contains("nonce=\"nonce-1\"", server.Seen[2].Authorization);
        Assert.Contains("nonce=\"nonce-2\"", server.Seen[3].Authorization);
        Assert.Contains("nc=00000001", server.Seen[3].Authorization);
        Assert.All(server.Seen, s => Assert.Contains("vpce-stale", s.Body));
        Assert.All(server.Seen.Skip(1), s => Assert.Contains("algorithm=SHA-256", s.Authorization)); // the stronger of the two offered
    }
}
