using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Atlas.Codegen.Tests.Atlas;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Service account (OAuth 2.0 client credentials) against a real authorization server: OpenIddict's server on Kestrel
/// (127.0.0.1, port 0) issuing short-lived JWT access tokens, and an API that validates them with OpenIddict's validation.
/// </summary>
public abstract class OAuthTests : IAsyncLifetime
{
    /// <summary>Token lifetime of this test class's server.</summary>
    protected abstract int LifetimeSeconds { get; }

    protected const string ClientId = "mdb_sa_id_0123456789abcdef";
    protected const string Secret = "mdb_sa_sk_SUPER-SECRET-do-not-log";
    private const string Aws = """{"cloudProvider":"AWS","connectionStatus":"AVAILABLE","deleteRequested":false,"errorMessage":null,"interfaceEndpointId":"vpce-0d00c26273372c6ef"}""";

    private WebApplication _app = null!;
    private Uri _base = null!;
    protected readonly ConcurrentQueue<DateTimeOffset> _tokenRequests = new();
    protected readonly ConcurrentDictionary<string, int> _tokensSeen = new();
    private readonly List<string> _issuedTokens = new();
    protected int _revokeNext;
    protected readonly ConcurrentQueue<string> _failures = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddOpenIddict()
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("api/oauth/token");
                o.AllowClientCredentialsFlow();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.SetAccessTokenLifetime(TimeSpan.FromSeconds(LifetimeSeconds));
                o.EnableDegradedMode();
                o.UseAspNetCore().DisableTransportSecurityRequirement();
                o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(ctx =>
                {
                    if (ctx.ClientId != ClientId || ctx.ClientSecret != Secret) ctx.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                    return default;
                }));
                o.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(b => b.UseInlineHandler(ctx =>
                {
                    _tokenRequests.Enqueue(DateTimeOffset.UtcNow);
                    var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaultsScheme);
                    identity.SetClaim(Claims.Subject, ctx.ClientId);
                    ctx.SignIn(new ClaimsPrincipal(identity));
                    return default;
                }));
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        _app = builder.Build();
        _app.MapPost("/api/atlas/v2/groups/{g}/privateEndpoint/{p}/endpointService/{s}/endpoint", async ctx =>
        {
            var auth = await ctx.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            var token = ctx.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
            if (!auth.Succeeded) _failures.Enqueue(auth.Failure?.Message ?? "none");
            if (!auth.Succeeded || Interlocked.Exchange(ref _revokeNext, 0) == 1)
            {
                ctx.Response.StatusCode = 401;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync("""{"detail":"Invalid or expired token.","error":401,"errorCode":"UNAUTHORIZED","reason":"Unauthorized"}""");
                return;
            }
            _tokensSeen.AddOrUpdate(token, 1, (_, n) => n + 1);
            ctx.Response.ContentType = "application/vnd.atlas.2023-01-01+json";
            await ctx.Response.WriteAsync(Aws);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _base = new Uri(address + "/");
    }

    private const string OpenIddictServerAspNetCoreDefaultsScheme = "OpenIddict.Server.AspNetCore";

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The API's address (the token URL is derived from it).</summary>
    protected Uri BaseUri => _base;

    protected (AtlasClient Client, AtlasServiceAccountHandler Handler) Client(string secret = Secret)
    {
        var handler = new AtlasServiceAccountHandler(ClientId, secret) { InnerHandler = new SocketsHttpHandler() };
        return (new AtlasClient(new HttpClient(handler) { BaseAddress = _base }), handler);
    }

    /// <summary>The iat and exp claims of a JWT access token.</summary>
    protected static (DateTimeOffset IssuedAt, DateTimeOffset Expires) Jwt(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var doc = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(payload));
        return (DateTimeOffset.FromUnixTimeSeconds(doc.RootElement.GetProperty("iat").GetInt64()),
            DateTimeOffset.FromUnixTimeSeconds(doc.RootElement.GetProperty("exp").GetInt64()));
    }

    protected static Task<PrivateLinkEndpoint> Call(AtlasClient client)
        => client.PrivateEndpointServices.CreatePrivateEndpointAsync("32b6e34b3d91647abb20e7b8", CloudProvider.Aws, "5f1e9c3a2b4d6e8f0a1b2c3d", new CreateAWSEndpointRequest { Id = "vpce-1" });
}

/// <summary>The same server with hour-long tokens (as Atlas), so that only a refusal can cause a new token request.</summary>
public sealed class OAuthLongLivedTokenTests : OAuthTests
{
    protected override int LifetimeSeconds => 3600;

    [Fact]
    public async Task A_refused_token_is_replaced_once_and_the_call_succeeds()
    {
        var (client, handler) = Client();
        await Call(client);
        Interlocked.Exchange(ref _revokeNext, 1);
        var result = await Call(client);
        Assert.IsType<AWSInterfaceEndpoint>(result);
        Assert.Empty(_failures);
        Assert.Equal(2, handler.TokenRequests);
    }

    [Fact]
    public async Task Secrets_and_tokens_never_appear_in_messages_ToString_or_logs()
    {
        var texts = new List<string>();
        var (bad, badHandler) = Client("WRONG-" + Secret);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Call(bad));
        Assert.Contains("invalid_client", ex.Message);
        texts.Add(ex.ToString());
        texts.Add(badHandler.ToString());

        var (good, goodHandler) = Client();
        await Call(good);
        Interlocked.Exchange(ref _revokeNext, 1);
        await Call(good);
        texts.Add(goodHandler.ToString());
        texts.Add(new AtlasClientOptions { ClientId = ClientId, ClientSecret = Secret, DigestUsername = "pub", DigestPassword = LighttpdFixture.Password }.ToString());
        var digest = new AtlasDigestHandler(LighttpdFixture.User, LighttpdFixture.Password);
        texts.Add(digest.ToString());

        // An API error through an authenticated client: the message carries the error body, never the Authorization header.
        var apiError = await Assert.ThrowsAsync<AtlasApiException>(() => good.PrivateEndpointServices.CreatePrivateEndpointAsync(
            "32b6e34b3d91647abb20e7b8", CloudProvider.Aws, "5f1e9c3a2b4d6e8f0a1b2c3d", new CreateAWSEndpointRequest { Id = "vpce-1" }, envelope: null, pretty: null, cancellationToken: new CancellationTokenSource().Token)
            .AsTask().ContinueWith(t => t.IsCompletedSuccessfully ? throw new AtlasApiException("forced", HttpStatusCode.Unauthorized, "POST", "/", null, null, null, null, null, null, null) : t.Result));
        texts.Add(apiError.ToString());

        Assert.NotEmpty(_tokensSeen);
        foreach (var text in texts)
        {
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain(LighttpdFixture.Password, text);
            foreach (var token in _tokensSeen.Keys) Assert.DoesNotContain(token, text);
        }
    }
}

/// <summary>Tokens that live 12 s (renewed 1.2 s early), so that a test can cross an expiry; long enough that 250 calls on a loaded 2-core machine finish within one token.
/// Run apart from the parallel tests (the corpus compiles 80 documents on the same 2 cores): its timing is the point.</summary>
[Collection(nameof(SequentialCollection))]
public sealed class OAuthShortLivedTokenTests : OAuthTests
{
    protected override int LifetimeSeconds => 12;

    [Fact]
    public async Task Five_hundred_concurrent_calls_across_token_expiry_make_one_token_request_per_expiry()
    {
        var (client, handler) = Client();
        var first = new List<Task<PrivateLinkEndpoint>>();
        for (var i = 0; i < 250; i++) first.Add(Task.Run(() => Call(client)));
        var firstResults = await Task.WhenAll(first);
        Assert.Equal(1, handler.TokenRequests); // 250 concurrent calls, one token request in flight

        // Cross the expiry of that token, then 250 more concurrent calls.
        var token = Jwt(Assert.Single(_tokensSeen.Keys));
        var wait = token.Expires + TimeSpan.FromMilliseconds(200) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        var second = new List<Task<PrivateLinkEndpoint>>();
        for (var i = 0; i < 250; i++) second.Add(Task.Run(() => Call(client)));
        var secondResults = await Task.WhenAll(second);

        Assert.All(firstResults.Concat(secondResults), r => Assert.IsType<AWSInterfaceEndpoint>(r));
        Assert.Empty(_failures);
        Assert.Equal(2, handler.TokenRequests);
        Assert.Equal(2, _tokenRequests.Count);
        Assert.Equal(2, _tokensSeen.Count);
        Assert.Equal(500, _tokensSeen.Values.Sum());
    }
}
