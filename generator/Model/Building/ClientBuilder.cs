using System;
using System.Collections.Generic;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// The client of a document: its operations (by <see cref="OperationBuilder"/>), the common error body, the
/// authentication the security schemes ask for (OAuth client credentials, HTTP Digest) and the first server.
/// </summary>
internal sealed class ClientBuilder
{
    private readonly ModelContext _context;
    private readonly TypeMapper _mapper;

    public ClientBuilder(ModelContext context, TypeMapper mapper)
    {
        _context = context;
        _mapper = mapper;
    }

    /// <summary>The client, or null when no operation is selected.</summary>
    public ClientSpec? Build(List<SelectedOperation> selected)
    {
        if (selected.Count == 0) return null;
        var options = _context.Options;
        var diagnostics = _context.Diagnostics;
        var builder = new OperationBuilder(_context, _mapper);
        var operations = new List<OperationSpec>();
        foreach (var op in selected)
        {
            _context.Cancellation.ThrowIfCancellationRequested();
            operations.Add(builder.Build(op));
        }
        if (builder.OnSunsetVersion.Count > 0)
        {
            diagnostics.ReportAtFileStart(DiagnosticDescriptors.SunsetVersion, Naming.Int(builder.OnSunsetVersion.Count), options.ApiVersion.ToString(),
                ModelDiagnostics.Few(builder.OnSunsetVersion));
        }
        if (builder.Retired.Count > 0)
        {
            diagnostics.ReportAtFileStart(DiagnosticDescriptors.RetiredOperations, Naming.Int(builder.Retired.Count), ModelDiagnostics.Few(builder.Retired));
        }

        var root = _context.Root;
        string? tokenUrl = null;
        var hasDigest = false;
        if (root["components"]?["securitySchemes"] is { IsMapping: true } schemes)
        {
            foreach (var e in schemes.Entries)
            {
                var scheme = _context.Resolver.FollowReporting(e.Value);
                if (scheme is null) continue;
                var type = scheme.Str("type");
                if (type == "oauth2" && scheme["flows"]?["clientCredentials"]?.Str("tokenUrl") is { } url) tokenUrl ??= url;
                else if (type == "http" && string.Equals(scheme.Str("scheme"), "digest", StringComparison.OrdinalIgnoreCase)) hasDigest = true;
            }
        }
        var server = "http://localhost";
        if (root["servers"] is { IsSequence: true } servers && servers.Items.Count > 0 && servers.Items[0].Str("url") is { } first)
        {
            server = first;
        }
        return new ClientSpec(options.Namespace, _context.ClientName, options.Accessibility, server, root["info"]?.Str("title"),
            new EquatableArray<OperationSpec>(MethodNamer.MakeUnique(operations).ToArray()), builder.CommonError, tokenUrl, hasDigest,
            options.EnvelopeParameter)
        {
            ResponseHeaders = new EquatableArray<ResponseHeaderSpec>(ResponseHeaders.Collect(_context, selected).ToArray()),
        };
    }
}
