using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Atlas.Codegen.Parsing;
using Atlas.Codegen.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Direct unit tests of the runtime files (generator/Runtime/*.cs). This project consumes the generator, so the same
/// files are compiled into it (with warnings as errors in CI) and their internal types are reachable here.
/// </summary>
public class RuntimeTests
{
    // ---- Digest (RFC 2617 and RFC 7616 examples)

    [Fact]
    public void Digest_hashes_give_the_rfc_example_responses()
    {
        // RFC 2617 3.5 (MD5, qop=auth).
        var ha1 = AtlasDigest.Hash("MD5", "Mufasa:testrealm@host.com:Circle Of Life");
        var ha2 = AtlasDigest.Hash("MD5", "GET:/dir/index.html");
        Assert.Equal("939e7578ed9e3c518a452acee763bce9", ha1);
        Assert.Equal("6629fae49393a05397450978507c4ef1", AtlasDigest.Hash("MD5", ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:" + ha2));
        // RFC 7616 3.9.1 (SHA-256, qop=auth).
        var sha1 = AtlasDigest.Hash("SHA-256", "Mufasa:http-auth@example.org:Circle of Life");
        var sha2 = AtlasDigest.Hash("SHA-256", "GET:/dir/index.html");
        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
            AtlasDigest.Hash("SHA-256", sha1 + ":7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ:auth:" + sha2));
    }

    [Fact]
    public void Digest_challenge_parameters_with_quotes_escapes_and_lists()
    {
        var p = AtlasDigest.Parameters("realm=\"a \\\"quoted\\\" realm\", nonce=\"n,1\", qop=\"auth,auth-int\", algorithm=SHA-256, stale=TRUE");
        Assert.Equal("a \"quoted\" realm", p["realm"]);
        Assert.Equal("n,1", p["nonce"]);
        Assert.Equal("auth,auth-int", p["qop"]);
        Assert.Equal("SHA-256", p["ALGORITHM"]);
        Assert.Equal("TRUE", p["stale"]);
    }

    [Fact]
    public void Digest_picks_the_strongest_supported_challenge()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Digest", "realm=\"r\", nonce=\"m\", qop=\"auth\", algorithm=MD5"));
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Digest", "realm=\"r\", nonce=\"i\", qop=\"auth-int\", algorithm=SHA-256"));
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Digest", "realm=\"r\", nonce=\"s\", qop=\"auth\", algorithm=SHA-256-sess, stale=true"));
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "realm=\"x\""));
        var c = AtlasDigest.Parse(response)!;
        Assert.Equal("SHA-256", c.Algorithm);
        Assert.Equal("SHA-256-SESS", c.AlgorithmName);
        Assert.True(c.Session);
        Assert.True(c.Stale);
        Assert.Equal("s", c.Nonce);

        using var none = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        none.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Digest", "realm=\"r\", nonce=\"i\", qop=\"auth-int\""));
        Assert.Null(AtlasDigest.Parse(none));
    }

    [Fact]
    public void Digest_authorization_counts_nonce_uses()
    {
        var digest = new AtlasDigest("user", "secret");
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Digest", "realm=\"r\", nonce=\"n\", qop=\"auth\", opaque=\"o\""));
        var c = AtlasDigest.Parse(response)!;
        string Header()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://h/p?q=1");
            digest.Authorize(request, c);
            return request.Headers.Authorization!.ToString();
        }
        var first = Header();
        var second = Header();
        Assert.Contains("username=\"user\"", first);
        Assert.Contains("uri=\"/p?q=1\"", first);
        Assert.Contains("nc=00000001", first);
        Assert.Contains("nc=00000002", second);
        Assert.Contains("opaque=\"o\"", second);
        Assert.DoesNotContain("secret", first + second);
    }

    // ---- Service account token cache

    [Theory]
    [InlineData(3600, 60)]
    [InlineData(300, 30)]
    [InlineData(10, 1)]
    [InlineData(1, 0.5)]
    public void Tokens_are_renewed_shortly_before_they_expire(double expiresIn, double margin)
        => Assert.Equal(TimeSpan.FromSeconds(margin), AtlasServiceAccount.RenewalMargin(expiresIn));

    [Fact]
    public void Token_responses_are_parsed_and_errors_named()
    {
        Assert.Equal(("t", 120), AtlasServiceAccount.ParseToken("""{"token_type":"Bearer","access_token":"t","expires_in":"120","x":{"y":1}}"""u8.ToArray()));
        Assert.Equal(("t", 3600), AtlasServiceAccount.ParseToken("""{"access_token":"t"}"""u8.ToArray()));
        Assert.Throws<HttpRequestException>(() => AtlasServiceAccount.ParseToken("<html>"u8.ToArray()));
        Assert.Equal(": invalid_client", AtlasServiceAccount.OAuthError("""{"error":"invalid_client"}"""u8.ToArray()));
        Assert.Equal("", AtlasServiceAccount.OAuthError("not json"u8.ToArray()));
    }

    [Fact]
    public void The_declared_token_endpoint_follows_a_local_or_proxied_server()
    {
        var account = new AtlasServiceAccount("id", "secret", null, null, "https://cloud.example.com/api/oauth/token", "https://cloud.example.com");
        Assert.Equal("http://127.0.0.1:5000/api/oauth/token", account.TokenUrlFor(new Uri("http://127.0.0.1:5000/api/v2/x")).ToString());
        Assert.Equal("https://cloud.example.com/api/oauth/token", account.TokenUrlFor(new Uri("https://cloud.example.com/api/v2/x")).ToString());
        var explicitUrl = new AtlasServiceAccount("id", "secret", new Uri("https://auth.example.net/token"), null, "https://cloud.example.com/api/oauth/token", "https://cloud.example.com");
        Assert.Equal("https://auth.example.net/token", explicitUrl.TokenUrlFor(new Uri("http://127.0.0.1:5000/")).ToString());
    }

    [Fact]
    public async Task A_token_is_reused_until_shortly_before_expiry_by_the_clock_given()
    {
        var time = new ManualTime();
        var account = new AtlasServiceAccount("id", "secret", new Uri("http://token/"), time, "http://token/", "http://api/");
        var tokens = 0;
        Task<HttpResponseMessage> Send(HttpRequestMessage r, CancellationToken ct)
        {
            if (r.RequestUri!.Host == "token")
            {
                tokens++;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"access_token\":\"t" + tokens + "\",\"expires_in\":100}") });
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(r.Headers.Authorization!.Parameter!) });
        }
        async Task<string> Call() => await (await account.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://api/x"), Send, default)).Content.ReadAsStringAsync();

        Assert.Equal("t1", await Call());
        time.Now += TimeSpan.FromSeconds(89); // renewed 10 s before the 100 s expiry
        Assert.Equal("t1", await Call());
        time.Now += TimeSpan.FromSeconds(2);
        Assert.Equal("t2", await Call());
        Assert.Equal(2, account.TokenRequests);
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    // ---- Transport pieces

    [Fact]
    public void Retry_After_as_seconds_or_date()
    {
        using var seconds = new HttpResponseMessage((HttpStatusCode)429);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), AtlasTransport.RetryDelay(seconds));
        using var past = new HttpResponseMessage((HttpStatusCode)429);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(TimeSpan.Zero, AtlasTransport.RetryDelay(past));
        using var future = new HttpResponseMessage((HttpStatusCode)429);
        future.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.InRange(AtlasTransport.RetryDelay(future)!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        using var none = new HttpResponseMessage((HttpStatusCode)429);
        Assert.Null(AtlasTransport.RetryDelay(none));
    }

    [Fact]
    public void Envelopes_are_unwrapped_wherever_status_and_content_are()
    {
        var body = Encoding.UTF8.GetBytes("""{"content":{"a":[1,{"b":2}]},"other":true,"status":404}""");
        Assert.True(AtlasTransport.Unwrap(body, out var status, out var start, out var length, out var problem));
        Assert.Equal(404, status);
        Assert.Null(problem);
        Assert.Equal("""{"a":[1,{"b":2}]}""", Encoding.UTF8.GetString(body, start, length));

        Assert.False(AtlasTransport.Unwrap("""{"status":200}"""u8.ToArray(), out _, out _, out _, out problem));
        Assert.Contains("lacks", problem);
        Assert.False(AtlasTransport.Unwrap("""[1]"""u8.ToArray(), out _, out _, out _, out problem));
        Assert.Contains("not a JSON object", problem);
        Assert.False(AtlasTransport.Unwrap("""{"status":"""u8.ToArray(), out _, out _, out _, out problem));
        Assert.Contains("not valid JSON", problem);
    }

    [Fact]
    public void Error_summaries_name_the_top_level_scalars_even_of_a_truncated_body()
    {
        var summary = AtlasTransport.Summarize(new ArraySegment<byte>("""{"detail":"No endpoint","error":404,"parameters":["x"],"errorCode":"NOT_FOUND","reason":"""u8.ToArray()));
        Assert.Equal(" (detail=No endpoint, error=404, errorCode=NOT_FOUND)", summary);
    }

    [Fact]
    public void Arguments_are_checked_before_anything_is_sent()
    {
        var hex = AtlasArguments.Pattern("^([a-f0-9]{24})$");
        const string Hex = "^([a-f0-9]{24})$";
        Assert.Null(AtlasArguments.Path(null, "32b6e34b3d91647abb20e7b8", "groupId", hex, Hex));
        Assert.Equal(["groupId: 'nope' does not match the pattern " + Hex], AtlasArguments.Path(null, "nope", "groupId", hex, Hex));
        Assert.Equal(["groupId: must not be empty (a path parameter)"], AtlasArguments.Path(null, "", "groupId", null, null));
        Assert.Equal(["groupId: must not be '..' (a path parameter)"], AtlasArguments.Path(null, "..", "groupId", null, null));
        Assert.Equal(["groupId: contains a control character"], AtlasArguments.Path(null, "32b6e34b3d91647abb20e7b8\n", "groupId", hex, Hex));
        Assert.Throws<ArgumentNullException>(() => AtlasArguments.Header(null, null, "h", null, null));
        Assert.Equal(["body.a: x", "body: y"], AtlasArguments.Body(null, ["a: x", ": y"]));
        // One parameter at fault: ArgumentOutOfRangeException naming it; several: ArgumentException; every violation in the message.
        var one = Assert.Throws<ArgumentOutOfRangeException>(() => AtlasArguments.CheckParameters(["body.a: x", "body: y"]));
        Assert.Equal("body", one.ParamName);
        Assert.Contains("body.a: x; body: y", one.Message);
        var many = Assert.Throws<ArgumentException>(() => AtlasArguments.CheckParameters(["groupId: must not be empty (a path parameter)", "body.a: x"]));
        Assert.Null(many.ParamName);
        Assert.StartsWith("Invalid arguments, nothing was sent: groupId: must not be empty (a path parameter); body.a: x", many.Message);
        AtlasArguments.CheckParameters(null);
        // ECMA-262 semantics (the generator rewrites the pattern): \d is ASCII only, by the automaton and by the regular expression.
        var digits = global::Atlas.Codegen.Model.EcmaPattern.ToDotNet(@"^\d+$", out _);
        var byAutomaton = AtlasArguments.Pattern(digits, global::Atlas.Codegen.Model.PatternAutomaton.Compile(digits)).IsMatch("١٢٣");
        var byRegex = AtlasArguments.Pattern(digits).IsMatch("١٢٣");
        Assert.Equal((false, false), (byAutomaton, byRegex));
    }

    // ---- Every combination of declared security schemes compiles without a warning

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Every_combination_of_security_schemes_compiles_without_warnings(bool digest, bool oauth)
    {
        var spec = FuzzTests.ToJson(YamlTreeReader.Parse("f.yaml", TestDriver.Fragment, default).Root!)!.AsObject();
        var schemes = spec["components"]!["securitySchemes"]!.AsObject();
        if (!digest) schemes.Remove("DigestAuth");
        if (!oauth) schemes.Remove("ServiceAccounts");
        foreach (var target in new[] { Basic.Reference.Assemblies.Net80.References.All, Basic.Reference.Assemblies.Net100.References.All })
        {
            var compilation = TestDriver.Compilation(target).WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999));
            var (result, output, diagnostics) = TestDriver.Run("openapi/schemes.json", spec.ToJsonString(), compilation: compilation);
            Assert.Empty(diagnostics);
            var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
            var names = result.Results[0].GeneratedSources.Select(s => s.HintName).ToList();
            Assert.Equal(digest, names.Any(n => n.EndsWith("DigestHandler.g.cs")));
            Assert.Equal(oauth, names.Any(n => n.EndsWith("ServiceAccountHandler.g.cs")));
        }
    }

    [Fact]
    public void The_runtime_files_are_the_ones_the_model_reserves()
    {
        Assert.Equal(Model.GeneratedFiles.Runtime.Where(n => n != Model.GeneratedFiles.Polyfills).Order(StringComparer.Ordinal),
            Emit.RuntimeSource.Files.Select(f => f.HintName).Order(StringComparer.Ordinal));
        // A document that would generate a runtime file's name gets ATLAS007, not a generator failure.
        const string spec = "openapi: 3.0.1\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    AtlasJson:\n      type: object\n      properties:\n        a: {type: string}\n";
        var (_, _, diagnostics) = TestDriver.Run("openapi/clash.yaml", spec, new() { ["AtlasNamespace"] = "Atlas.Codegen.Runtime" });
        Assert.Contains(diagnostics, d => d.Id == "ATLAS007" && d.GetMessage().Contains("the Atlas.Codegen runtime"));
        Assert.DoesNotContain(diagnostics, d => d.Id is "ATLAS900" or "CS8785");
    }
}
