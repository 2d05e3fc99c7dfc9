using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atlas.Codegen.LocalAtlas;

/// <summary>A request as the local Atlas received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>Options of <see cref="LocalAtlasServer"/>.</summary>
public sealed class LocalAtlasOptions
{
    /// <summary>When set, the server issues tokens at <c>POST /api/oauth/token</c> for this client id and secret and requires them on API calls.</summary>
    public (string ClientId, string Secret)? ServiceAccount { get; set; }

    /// <summary>Answer 409 when the same endpoint id is created twice (as Atlas does). Benchmarks turn it off.</summary>
    public bool RejectDuplicates { get; set; } = true;

    /// <summary>Lifetime announced in <c>expires_in</c> (Atlas: 3600 s).</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>How long a created private endpoint stays PENDING_ACCEPTANCE / INITIATING (and a deleted one DELETING).</summary>
    public TimeSpan EndpointReadyAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The gzip file served as a cluster log (<c>GET .../clusters/{host}/logs/{name}.gz</c>); none: 404.</summary>
    public string? ClusterLogFile { get; set; }
}

/// <summary>
/// An embedded local Atlas for the "Create One Private Endpoint for One Provider" operation: Kestrel on 127.0.0.1 with a
/// port chosen by the OS. It validates what it receives against the operation (method, path patterns, media types,
/// required body fields per provider) and answers like Atlas, including ApiError bodies, <c>envelope=true</c>,
/// <c>pretty=true</c> and 409 on a duplicate endpoint. Tests can script the next responses with <see cref="Enqueue"/>.
/// </summary>
public sealed partial class LocalAtlasServer : IAsyncDisposable
{
    public const string MediaType = "application/vnd.atlas.2023-01-01+json";

    private readonly WebApplication _app;
    private readonly LocalAtlasOptions _options;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();
    private readonly ConcurrentDictionary<string, byte> _created = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private int _apiRequests;
    private int _tokenRequests;

    private LocalAtlasServer(WebApplication app, LocalAtlasOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every API request received (token requests excluded), in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Number of API requests received.</summary>
    public int ApiRequestCount => Volatile.Read(ref _apiRequests);

    /// <summary>Number of token requests received.</summary>
    public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

    /// <summary>Starts a server on 127.0.0.1, port chosen by the OS.</summary>
    public static async Task<LocalAtlasServer> StartAsync(LocalAtlasOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LocalAtlasServer(app, options ?? new LocalAtlasOptions());
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Answers the next API request with <paramref name="respond"/> instead of the normal behaviour (after recording it).</summary>
    public void Enqueue(Func<HttpContext, Task> respond) => _scripted.Enqueue(respond);

    /// <summary>Answers the next API request with a fixed status, body and content type.</summary>
    public void Enqueue(int status, string body, string contentType = "application/json", IDictionary<string, string>? headers = null)
        => Enqueue(async ctx =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = contentType;
            if (headers is not null)
            {
                foreach (var h in headers) ctx.Response.Headers[h.Key] = h.Value;
            }
            await ctx.Response.WriteAsync(body).ConfigureAwait(false);
        });

    /// <summary>Forgets the created endpoints (so the same id can be created again).</summary>
    public void Reset() => _created.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        if (request.Path == "/api/oauth/token")
        {
            await TokenAsync(ctx).ConfigureAwait(false);
            return;
        }
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        }
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", headers, body));
        Interlocked.Increment(ref _apiRequests);

        if (_options.ServiceAccount is not null && !Authorized(request))
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
            await ErrorAsync(ctx, 401, "NOT_ORG_GROUP_CREATOR", "Current user is not authorized to perform this action.", "Unauthorized").ConfigureAwait(false);
            return;
        }
        if (_scripted.TryDequeue(out var scripted))
        {
            await scripted(ctx).ConfigureAwait(false);
            return;
        }
        if (await VersionedAsync(ctx).ConfigureAwait(false)) return;
        if (await ListsAsync(ctx).ConfigureAwait(false)) return;
        await CreatePrivateEndpointAsync(ctx, body).ConfigureAwait(false);
    }

    private bool Authorized(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.Ordinal)
            && _tokens.TryGetValue(auth.Substring(7), out var until)
            && until > DateTimeOffset.UtcNow;
    }

    private async Task TokenAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _tokenRequests);
        var account = _options.ServiceAccount;
        var auth = ctx.Request.Headers.Authorization.ToString();
        var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync().ConfigureAwait(false) : null;
        var ok = false;
        if (account is { } a && ctx.Request.Method == "POST" && form is not null && form["grant_type"].ToString() == "client_credentials"
            && auth.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Substring(6)));
            ok = pair == Uri.EscapeDataString(a.ClientId) + ":" + Uri.EscapeDataString(a.Secret);
        }
        ctx.Response.ContentType = "application/json";
        if (!ok)
        {
            ctx.Response.StatusCode = 401;
            await ctx.Response.WriteAsync("""{"error":"invalid_client"}""").ConfigureAwait(false);
            return;
        }
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        _tokens[token] = DateTimeOffset.UtcNow.AddSeconds(_options.TokenLifetimeSeconds);
        await ctx.Response.WriteAsync($$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":{{_options.TokenLifetimeSeconds}}}""").ConfigureAwait(false);
    }

    [GeneratedRegex("^/api/atlas/v2/groups/([^/]+)/privateEndpoint/([^/]+)/endpointService/([^/]+)/endpoint$")]
    private static partial Regex EndpointPath();

    [GeneratedRegex("^([a-f0-9]{24})$")]
    private static partial Regex Hex24();

    private async Task CreatePrivateEndpointAsync(HttpContext ctx, string body)
    {
        var request = ctx.Request;
        var match = EndpointPath().Match(request.Path.Value ?? "");
        if (!match.Success)
        {
            await ErrorAsync(ctx, 404, "RESOURCE_NOT_FOUND", $"Cannot find resource {request.Path}.", "Not Found").ConfigureAwait(false);
            return;
        }
        if (request.Method != "POST")
        {
            await ErrorAsync(ctx, 405, "METHOD_NOT_ALLOWED", $"{request.Method} is not allowed here.", "Method Not Allowed").ConfigureAwait(false);
            return;
        }
        var groupId = Uri.UnescapeDataString(match.Groups[1].Value);
        var provider = Uri.UnescapeDataString(match.Groups[2].Value);
        var serviceId = Uri.UnescapeDataString(match.Groups[3].Value);
        if (!Hex24().IsMatch(groupId))
        {
            await ErrorAsync(ctx, 400, "INVALID_GROUP_ID", $"An invalid group ID {groupId} was specified.", "Bad Request", groupId).ConfigureAwait(false);
            return;
        }
        if (!Hex24().IsMatch(serviceId))
        {
            await ErrorAsync(ctx, 400, "INVALID_ENDPOINT_SERVICE_ID", $"An invalid endpoint service ID {serviceId} was specified.", "Bad Request", serviceId).ConfigureAwait(false);
            return;
        }
        if (provider is not ("AWS" or "AZURE" or "GCP"))
        {
            await ErrorAsync(ctx, 400, "INVALID_ENUM_VALUE", $"An invalid enumeration value {provider} was specified.", "Bad Request", provider).ConfigureAwait(false);
            return;
        }
        if (request.Headers.Accept.ToString() != MediaType)
        {
            await ErrorAsync(ctx, 406, "INVALID_VERSION_DATE", $"The Accept header must be {MediaType}.", "Not Acceptable").ConfigureAwait(false);
            return;
        }
        if (request.ContentType != MediaType)
        {
            await ErrorAsync(ctx, 415, "UNSUPPORTED_MEDIA_TYPE", $"The Content-Type must be {MediaType}.", "Unsupported Media Type").ConfigureAwait(false);
            return;
        }
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            await ErrorAsync(ctx, 400, "INVALID_JSON", "Received JSON is malformed.", "Bad Request").ConfigureAwait(false);
            return;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            await ErrorAsync(ctx, 400, "INVALID_JSON", "Received JSON is not an object.", "Bad Request").ConfigureAwait(false);
            return;
        }
        if (root.TryGetProperty("cloudProvider", out var bodyProvider) && bodyProvider.GetString() != provider)
        {
            await ErrorAsync(ctx, 400, "INVALID_ATTRIBUTE", $"cloudProvider {bodyProvider} does not match the path ({provider}).", "Bad Request", "cloudProvider").ConfigureAwait(false);
            return;
        }
        string[] required = provider switch
        {
            "AWS" => ["id"],
            "AZURE" => ["id", "privateEndpointIPAddress"],
            _ => ["endpointGroupName", "gcpProjectId"],
        };
        foreach (var name in required)
        {
            if (!root.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0)
            {
                await ErrorAsync(ctx, 400, "MISSING_ATTRIBUTE", $"The required attribute {name} was not specified.", "Bad Request", name).ConfigureAwait(false);
                return;
            }
        }
        var id = root.TryGetProperty("id", out var idValue) ? idValue.GetString()! : root.GetProperty("endpointGroupName").GetString()!;
        if (_options.RejectDuplicates && !_created.TryAdd(groupId + "/" + serviceId + "/" + id, 0))
        {
            await ErrorAsync(ctx, 409, "PRIVATE_ENDPOINT_ALREADY_EXISTS", $"A private endpoint with ID {id} already exists for endpoint service {serviceId}.", "Conflict", id, serviceId).ConfigureAwait(false);
            return;
        }
        Remember(groupId, provider, serviceId, id, root);
        await WriteAsync(ctx, 200, writer => WriteEndpoint(writer, provider, root)).ConfigureAwait(false);
    }

    private static void WriteEndpoint(Utf8JsonWriter w, string provider, JsonElement request, string? status = null)
    {
        w.WriteStartObject();
        w.WriteString("cloudProvider", provider);
        w.WriteBoolean("deleteRequested", false);
        w.WriteNull("errorMessage");
        switch (provider)
        {
            case "AWS":
                w.WriteString("connectionStatus", status ?? "PENDING_ACCEPTANCE");
                w.WriteString("interfaceEndpointId", request.GetProperty("id").GetString());
                break;
            case "AZURE":
                w.WriteString("privateEndpointIPAddress", request.GetProperty("privateEndpointIPAddress").GetString());
                w.WriteString("privateEndpointResourceId", request.GetProperty("id").GetString());
                w.WriteString("status", status ?? "INITIATING");
                break;
            default:
                w.WriteString("endpointGroupName", request.GetProperty("endpointGroupName").GetString());
                w.WriteString("gcpProjectId", request.GetProperty("gcpProjectId").GetString());
                w.WriteStartArray("endpoints");
                if (request.TryGetProperty("endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Array)
                {
                    foreach (var e in endpoints.EnumerateArray())
                    {
                        w.WriteStartObject();
                        if (e.TryGetProperty("endpointName", out var name)) w.WriteString("endpointName", name.GetString());
                        if (e.TryGetProperty("ipAddress", out var ip)) w.WriteString("ipAddress", ip.GetString());
                        w.WriteString("status", "INITIATING");
                        w.WriteEndObject();
                    }
                }
                w.WriteEndArray();
                w.WriteBoolean("portMappingEnabled", false);
                w.WriteString("status", status ?? "INITIATING");
                break;
        }
        w.WriteEndObject();
    }

    private static Task ErrorAsync(HttpContext ctx, int status, string code, string detail, string reason, params string[] parameters)
        => WriteAsync(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("detail", detail);
            w.WriteNumber("error", status);
            w.WriteString("errorCode", code);
            w.WriteStartArray("parameters");
            foreach (var p in parameters) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }, "application/json");

    /// <summary>Writes a body like Atlas: the versioned media type on success, application/json for errors; envelope and pretty honoured.</summary>
    private static async Task WriteAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> write, string? contentType = null)
    {
        var query = ctx.Request.Query;
        var envelope = query["envelope"].ToString() == "true";
        var pretty = query["pretty"].ToString() == "true";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = pretty }))
        {
            if (envelope)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("content");
                write(writer);
                writer.WriteNumber("status", status);
                writer.WriteEndObject();
            }
            else
            {
                write(writer);
            }
        }
        ctx.Response.StatusCode = envelope ? 200 : status;
        ctx.Response.ContentType = contentType ?? MediaType;
        await ctx.Response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }
}
