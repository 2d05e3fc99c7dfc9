using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Atlas.Codegen.LocalAtlas;

/// <summary>
/// Operations whose API versions differ, answered as Atlas answers them: the version is the one named by <c>Accept</c>
/// (406 for one the operation does not have), a version past its sunset is 410 <c>VERSION_GONE</c>, a deprecated one
/// still answers with <c>Deprecation</c> and <c>Sunset</c> headers.
/// </summary>
public sealed partial class LocalAtlasServer
{
    /// <summary>The <c>Sunset</c> header of the deprecated cluster-log version (its x-sunset in the spec).</summary>
    public const string ClusterLogSunset = "Thu, 01 Jul 2027 00:00:00 GMT";

    [GeneratedRegex("^/api/atlas/v2/federationSettings/([^/]+)/identityProviders/([^/]+)$")]
    private static partial Regex IdentityProviderPath();

    [GeneratedRegex("^/api/atlas/v2/groups/([^/]+)/clusters/([^/]+)/logs/([^/]+)\\.gz$")]
    private static partial Regex ClusterLogPath();

    [GeneratedRegex("^/api/atlas/v2/orgs/([^/]+)/invoices/([^/]+)$")]
    private static partial Regex InvoicePath();

    private async Task<bool> VersionedAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        var accept = ctx.Request.Headers.Accept.ToString();
        if (IdentityProviderPath().Match(path) is { Success: true } idp && ctx.Request.Method == "GET")
        {
            switch (accept)
            {
                case "application/vnd.atlas.2023-11-15+json":
                    // 2023-11-15 answers FederationIdentityProvider (OIDC or SAML); 2023-01-01 answered FederationSamlIdentityProvider.
                    await WriteAsync(ctx, 200, w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("id", Uri.UnescapeDataString(idp.Groups[2].Value));
                        w.WriteString("displayName", "Corporate OIDC");
                        w.WriteString("idpType", "WORKFORCE");
                        w.WriteString("protocol", "OIDC");
                        w.WriteString("issuerUri", "https://idp.example.com");
                        w.WriteString("oktaIdpId", "0oa1");
                        w.WriteString("createdAt", "2026-08-10T03:03:06Z");
                        w.WriteEndObject();
                    }, accept).ConfigureAwait(false);
                    return true;
                case "application/vnd.atlas.2023-01-01+json":
                    await VersionGoneAsync(ctx, "2023-01-01").ConfigureAwait(false);
                    return true;
                default:
                    await NotAcceptableAsync(ctx, accept).ConfigureAwait(false);
                    return true;
            }
        }
        if (ClusterLogPath().IsMatch(path) && ctx.Request.Method == "GET")
        {
            if (accept is not ("application/vnd.atlas.2023-02-01+gzip" or "application/vnd.atlas.2023-01-01+gzip"))
            {
                await NotAcceptableAsync(ctx, accept).ConfigureAwait(false);
                return true;
            }
            if (_options.ClusterLogFile is not { } file || !File.Exists(file))
            {
                await ErrorAsync(ctx, 404, "LOG_NOT_FOUND", "No log file for this host.", "Not Found").ConfigureAwait(false);
                return true;
            }
            if (accept.Contains("2023-01-01", StringComparison.Ordinal))
            {
                ctx.Response.Headers["Deprecation"] = "@1688169600";
                ctx.Response.Headers["Sunset"] = ClusterLogSunset;
            }
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = accept;
            ctx.Response.ContentLength = new FileInfo(file).Length;
            ctx.Response.Headers.ContentDisposition = "attachment; filename=\"mongodb.gz\"";
            await ctx.Response.SendFileAsync(file, ctx.RequestAborted).ConfigureAwait(false);
            return true;
        }
        if (InvoicePath().Match(path) is { Success: true } invoice && ctx.Request.Method == "GET")
        {
            var id = Uri.UnescapeDataString(invoice.Groups[2].Value);
            switch (accept)
            {
                case "application/vnd.atlas.2023-01-01+json":
                    await WriteAsync(ctx, 200, w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("id", id);
                        w.WriteNumber("amountBilledCents", 1234);
                        w.WriteString("statusName", "PAID");
                        w.WriteEndObject();
                    }, accept).ConfigureAwait(false);
                    return true;
                case "application/vnd.atlas.2023-01-01+csv":
                    ctx.Response.StatusCode = 200;
                    ctx.Response.ContentType = accept;
                    await ctx.Response.WriteAsync("Invoice Number,Amount\n" + id + ",12.34\n").ConfigureAwait(false);
                    return true;
                default:
                    await NotAcceptableAsync(ctx, accept).ConfigureAwait(false);
                    return true;
            }
        }
        return false;
    }

    private static Task VersionGoneAsync(HttpContext ctx, string version)
        => ErrorAsync(ctx, 410, "VERSION_GONE", $"The requested API version {version} is no longer supported.", "Gone", version);

    private static Task NotAcceptableAsync(HttpContext ctx, string accept)
        => ErrorAsync(ctx, 406, "INVALID_ACCEPT_HEADER", $"The Accept header '{accept}' names no version of this resource.", "Not Acceptable", accept);
}
