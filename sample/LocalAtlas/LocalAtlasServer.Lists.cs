using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Atlas.Codegen.LocalAtlas;

/// <summary>
/// Lists and long-running resources, answered as Atlas answers them: <c>GET /groups</c> pages its projects
/// (<c>pageNum</c>, <c>itemsPerPage</c> up to 500, <c>includeCount</c>; <c>results</c>, <c>totalCount</c>, <c>links</c>
/// with <c>next</c> while there are more), and a created private endpoint can be read back: it is
/// <c>PENDING_ACCEPTANCE</c> (AWS) or <c>INITIATING</c> until <see cref="LocalAtlasOptions.EndpointReadyAfter"/> has
/// passed, then <c>AVAILABLE</c> (or <c>REJECTED</c> for AWS, <c>FAILED</c> otherwise, when told so with <see cref="FailEndpoint"/>); deleted, it is
/// <c>DELETING</c> for the same time, then 404.
/// </summary>
public sealed partial class LocalAtlasServer
{
    private readonly ConcurrentDictionary<string, StoredEndpoint> _endpoints = new();
    private readonly ConcurrentDictionary<string, byte> _failing = new();
    private volatile string[] _projects = [];

    private sealed record StoredEndpoint(string Provider, JsonElement Request, DateTimeOffset Created, DateTimeOffset? Deleted);

    /// <summary>Replaces the projects <c>GET /api/atlas/v2/groups</c> lists with <paramref name="count"/> projects (ids in order).</summary>
    public IReadOnlyList<string> SeedProjects(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => i.ToString("x24", CultureInfo.InvariantCulture)).ToArray();
        _projects = ids;
        return ids;
    }

    /// <summary>The private endpoint with this id (interface endpoint id, Azure resource id or GCP group name) ends as FAILED.</summary>
    public void FailEndpoint(string endpointId) => _failing[endpointId] = 0;

    [GeneratedRegex("^/api/atlas/v2/groups/([^/]+)/privateEndpoint/([^/]+)/endpointService/([^/]+)/endpoint/([^/]+)$")]
    private static partial Regex OneEndpointPath();

    private static string EndpointKey(string group, string provider, string service, string id) => group + "/" + provider + "/" + service + "/" + id;

    private void Remember(string group, string provider, string service, string id, JsonElement request)
        => _endpoints[EndpointKey(group, provider, service, id)] = new StoredEndpoint(provider, request, DateTimeOffset.UtcNow, null);

    private async Task<bool> ListsAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        var method = ctx.Request.Method;
        if (path == "/api/atlas/v2/groups" && method == "GET")
        {
            await ListProjectsAsync(ctx).ConfigureAwait(false);
            return true;
        }
        if (OneEndpointPath().Match(path) is { Success: true } m && method is "GET" or "DELETE")
        {
            var key = EndpointKey(Uri.UnescapeDataString(m.Groups[1].Value), Uri.UnescapeDataString(m.Groups[2].Value),
                Uri.UnescapeDataString(m.Groups[3].Value), Uri.UnescapeDataString(m.Groups[4].Value));
            var delay = _options.EndpointReadyAfter;
            if (!_endpoints.TryGetValue(key, out var stored) || (stored.Deleted is { } gone && DateTimeOffset.UtcNow >= gone + delay))
            {
                await ErrorAsync(ctx, 404, "PRIVATE_ENDPOINT_NOT_FOUND", $"No private endpoint at {path}.", "Not Found").ConfigureAwait(false);
                return true;
            }
            if (method == "DELETE")
            {
                _endpoints[key] = stored with { Deleted = stored.Deleted ?? DateTimeOffset.UtcNow };
                ctx.Response.StatusCode = 204;
                return true;
            }
            var id = Uri.UnescapeDataString(m.Groups[4].Value);
            var status = stored.Deleted is not null ? "DELETING"
                : DateTimeOffset.UtcNow < stored.Created + delay ? (stored.Provider == "AWS" ? "PENDING_ACCEPTANCE" : "INITIATING")
                : _failing.ContainsKey(id) ? (stored.Provider == "AWS" ? "REJECTED" : "FAILED") : "AVAILABLE";
            await WriteAsync(ctx, 200, w => WriteEndpoint(w, stored.Provider, stored.Request, status)).ConfigureAwait(false);
            return true;
        }
        return false;
    }

    private async Task ListProjectsAsync(HttpContext ctx)
    {
        var query = ctx.Request.Query;
        if (ctx.Request.Headers.Accept.ToString() != MediaType)
        {
            await ErrorAsync(ctx, 406, "INVALID_VERSION_DATE", $"The Accept header must be {MediaType}.", "Not Acceptable").ConfigureAwait(false);
            return;
        }
        var page = query.TryGetValue("pageNum", out var p) ? int.Parse(p.ToString(), CultureInfo.InvariantCulture) : 1;
        var size = query.TryGetValue("itemsPerPage", out var s) ? int.Parse(s.ToString(), CultureInfo.InvariantCulture) : 100;
        if (page < 1 || size < 1 || size > 500)
        {
            await ErrorAsync(ctx, 400, "INVALID_QUERY_PARAMETER", "pageNum must be 1 or more and itemsPerPage from 1 to 500.", "Bad Request").ConfigureAwait(false);
            return;
        }
        var includeCount = query["includeCount"].ToString() != "false";
        var projects = _projects;
        var start = (long)(page - 1) * size;
        var items = start >= projects.Length ? [] : projects.Skip((int)start).Take(size).ToArray();
        var more = start + items.Length < projects.Length;
        var self = new UriBuilder(ctx.Request.Scheme, ctx.Request.Host.Host, ctx.Request.Host.Port ?? 80, ctx.Request.Path) { Query = ctx.Request.QueryString.Value?.TrimStart('?') }.Uri;
        await WriteAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("links");
            w.WriteStartObject();
            w.WriteString("href", self.ToString());
            w.WriteString("rel", "self");
            w.WriteEndObject();
            if (more)
            {
                w.WriteStartObject();
                w.WriteString("href", self.ToString().Replace("pageNum=" + page, "pageNum=" + (page + 1), StringComparison.Ordinal));
                w.WriteString("rel", "next");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("results");
            foreach (var id in items)
            {
                w.WriteStartObject();
                w.WriteNumber("clusterCount", 0);
                w.WriteString("created", "2024-05-01T12:00:00Z");
                w.WriteString("id", id);
                w.WriteString("name", "project-" + id.TrimStart('0'));
                w.WriteString("orgId", "5f1e9c3a2b4d6e8f0a1b2c3d");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (includeCount) w.WriteNumber("totalCount", projects.Length);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
