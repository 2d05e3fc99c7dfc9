using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Model.Building;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model;

internal sealed partial class ApiModelBuilder
{
    private sealed class SelectedOperation
    {
        public SelectedOperation(string path, string method, YNode node, YNode pathItem, YEntry methodEntry, VersionChoice version)
        {
            Path = path;
            Method = method;
            Node = node;
            PathItem = pathItem;
            MethodEntry = methodEntry;
            Version = version.Version;
            NewerVersion = version.Newer;
        }

        /// <summary>The API version chosen for this operation (null: its media types are not versioned).</summary>
        public string? Version { get; }

        /// <summary>The newest stable version after <see cref="Version"/> (null when none, or when that is no date).</summary>
        public string? NewerVersion { get; }

        public string Path { get; }
        public string Method { get; }
        public YNode Node { get; }
        public YNode PathItem { get; }
        public YEntry MethodEntry { get; }
    }

    private ClientSpec? BuildClient()
    {
        if (_ops.Count == 0) return null;
        var baseName = ClientName;
        var operations = new List<OperationSpec>();
        var methodNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var errorTypes = new Dictionary<string, (TypeRefSpec Type, int Count)>(StringComparer.Ordinal);
        foreach (var op in _ops)
        {
            _ct.ThrowIfCancellationRequested();
            var spec = BuildOperation(op, methodNames, errorTypes);
            if (spec is not null) operations.Add(spec);
        }
        if (_sunsetOps.Count > 0)
        {
            _diagnostics.ReportAtFileStart(DiagnosticDescriptors.SunsetVersion, Naming.Int(_sunsetOps.Count), _options.ApiVersion.ToString(), Few(_sunsetOps));
        }
        if (_retiredOps.Count > 0)
        {
            _diagnostics.ReportAtFileStart(DiagnosticDescriptors.RetiredOperations, Naming.Int(_retiredOps.Count), Few(_retiredOps));
        }
        var error = errorTypes.Values.OrderByDescending(e => e.Count).Select(e => e.Type).FirstOrDefault();

        string? tokenUrl = null;
        var hasDigest = false;
        if (_root["components"]?["securitySchemes"] is { IsMapping: true } schemes)
        {
            foreach (var e in schemes.Entries)
            {
                var scheme = _resolver.FollowReporting(e.Value);
                if (scheme is null) continue;
                var type = scheme.Str("type");
                if (type == "oauth2" && scheme["flows"]?["clientCredentials"]?.Str("tokenUrl") is { } url) tokenUrl ??= url;
                else if (type == "http" && string.Equals(scheme.Str("scheme"), "digest", StringComparison.OrdinalIgnoreCase)) hasDigest = true;
            }
        }
        var server = "http://localhost";
        if (_root["servers"] is { IsSequence: true } servers && servers.Items.Count > 0 && servers.Items[0].Str("url") is { } first)
        {
            server = first;
        }
        return new ClientSpec(_ns, baseName, _access, server, _root["info"]?.Str("title"),
            new EquatableArray<OperationSpec>(MethodNamer.MakeUnique(operations).ToArray()), error, tokenUrl, hasDigest, _options.EnvelopeParameter);
    }

    private OperationSpec? BuildOperation(SelectedOperation op, Dictionary<string, HashSet<string>> methodNames, Dictionary<string, (TypeRefSpec Type, int Count)> errorTypes)
    {
        var node = op.Node;
        var id = node.Str("operationId");
        var rawName = node.Str(VendorExtensions.OperationIdOverride) ?? id ?? FallbackOperationName(op.Method, op.Path);
        var owner = Naming.Clean(rawName);
        if (owner.Length == 0) owner = Naming.Clean(FallbackOperationName(op.Method, op.Path));

        var tag = node["tags"] is { IsSequence: true, Items.Count: > 0 } tags ? tags.Items[0].Value ?? "Default" : "Default";
        var group = Naming.Pascal(tag);
        if (group.Length == 0) group = "Default";
        if (!methodNames.TryGetValue(group, out var taken)) methodNames[group] = taken = new HashSet<string>(StringComparer.Ordinal);
        var method = owner + "Async";
        if (!taken.Add(method))
        {
            var i = 2;
            while (!taken.Add(owner + Naming.Int(i) + "Async")) i++;
            var renamed = owner + Naming.Int(i) + "Async";
            _diagnostics.Report(DiagnosticDescriptors.NameCollision, op.Node, rawName, method, "another operation of tag '" + tag + "'", renamed);
            method = renamed;
        }

        // Parameters: path-level first, then operation-level (which override by name and location).
        var raw = new List<YNode>();
        foreach (var list in new[] { op.PathItem["parameters"], node["parameters"] })
        {
            if (list is not { IsSequence: true }) continue;
            foreach (var p in list.Items)
            {
                var resolved = _resolver.FollowReporting(p);
                if (resolved is null) continue;
                raw.RemoveAll(x => x.Str("name") == resolved.Str("name") && x.Str("in") == resolved.Str("in"));
                raw.Add(resolved);
            }
        }
        var names = new HashSet<string>(ReservedNames.MethodLocals, StringComparer.Ordinal);
        var parameters = new List<ParameterSpec>();
        foreach (var p in raw)
        {
            var wire = p.Str("name");
            var location = p.Str("in");
            if (wire is null || location is null) continue;
            if (location == "cookie")
            {
                _diagnostics.Report(DiagnosticDescriptors.UnsupportedConstruct, p, "Cookie parameter '" + wire + "'", "no parameter (set the cookie on the HttpClient)");
                continue;
            }
            var clean = Naming.Clean(wire);
            if (clean.Length == 0) clean = "Param" + Naming.Int(parameters.Count + 1);
            var camel = char.ToLowerInvariant(clean[0]) + clean.Substring(1);
            var name = camel;
            for (var i = 2; !names.Add(name); i++) name = camel + Naming.Int(i);
            // A parameter has a schema, or a content map with one (OpenAPI allows either); neither: a string.
            var schema = p["schema"] ?? (p["content"] is { IsMapping: true, Entries.Count: > 0 } pc ? pc.Entries[0].Value["schema"] : null);
            if (schema is null)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidSchema, p, "parameter '" + wire + "' has neither 'schema' nor 'content'", "a string parameter");
            }
            var nullable = false;
            var type = schema is null ? Primitive(ValueKind.String) : TypeOf(schema, owner, clean, 0, Usage.None, out nullable);
            var patternNode = schema is null || type.Kind != ValueKind.String ? null : schema["pattern"] ?? _resolver.Follow(schema)?["pattern"];
            var pattern = patternNode?.Value;
            if (pattern is not null && !_patterns.Check(pattern, patternNode!)) pattern = null;
            var required = location == "path" || p.Bool("required");
            parameters.Add(new ParameterSpec(wire, name, location, type, required, p.Str("description"), pattern));
        }
        // Path parameters in the order of the path template.
        parameters = parameters
            .OrderBy(p => p.In == "path" ? 0 : p.Required ? 1 : 2)
            .ThenBy(p => p.In == "path" ? op.Path.IndexOf("{" + p.WireName + "}", StringComparison.Ordinal) : 0)
            .ToList();
        foreach (var p in parameters.Where(p => p.In == "path"))
        {
            if (op.Path.IndexOf("{" + p.WireName + "}", StringComparison.Ordinal) < 0)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidSchema, op.MethodEntry.Value, "path parameter '" + p.WireName + "' does not appear in '" + op.Path + "'", "a method that never sends it");
            }
        }

        TypeRefSpec? body = null;
        string? requestMedia = null;
        var bodyRequired = false;
        string? bodyDescription = null;
        var version = op.Version;
        string? sunset = null;
        var requestBody = _resolver.FollowReporting(node["requestBody"]);
        if (requestBody?["content"] is { IsMapping: true } content && PickMediaFor(content, version, jsonOnly: true) is { } media)
        {
            requestMedia = media.Key;
            bodyRequired = requestBody.Bool("required");
            bodyDescription = requestBody.Str("description");
            body = media.Value["schema"] is { } s ? TypeOf(s, owner, "Body", 0, Usage.None, out _) : JsonType;
            sunset ??= media.Value.Str(VendorExtensions.Sunset);
        }

        TypeRefSpec? result = null;
        string? responseMedia = null;
        string? download = null;
        var alternates = new List<string>();
        if (node["responses"] is { IsMapping: true } responses)
        {
            foreach (var r in responses.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var response = _resolver.FollowReporting(r.Value);
                var isSuccess = IsSuccess(r.Key);
                var isError = r.Key == "default" || (r.Key.Length == 3 && (r.Key[0] == '4' || r.Key[0] == '5'));
                if (response?["content"] is not { IsMapping: true } rc) continue;
                YEntry? preferred;
                if (isSuccess)
                {
                    preferred = requestMedia is not null && rc[requestMedia] is { } same ? new YEntry(requestMedia, 0, 0, same) : PickMediaFor(rc, version, jsonOnly: false);
                }
                else
                {
                    preferred = PickMedia(rc);
                }
                if (preferred is null) continue;
                if (isSuccess && responseMedia is null)
                {
                    // A success response without a schema still names the media type to accept (e.g. a 204 of a versioned API).
                    responseMedia = preferred.Key;
                    sunset ??= preferred.Value.Str(VendorExtensions.Sunset);
                    if (!IsJson(preferred.Key))
                    {
                        download = preferred.Key;
                        continue;
                    }
                    foreach (var e in rc.Entries)
                    {
                        if (!IsJson(e.Key) && ApiVersions.InVersion(e.Key, version) && !alternates.Contains(e.Key)) alternates.Add(e.Key);
                    }
                }
                if (preferred.Value["schema"] is not { } schema) continue;
                if (isSuccess && result is null && download is null)
                {
                    result = TypeOf(schema, owner, "Response", 0, Usage.None, out _);
                    responseMedia = preferred.Key;
                }
                else if (isError)
                {
                    var t = TypeOf(schema, owner, "Error", 0, Usage.None, out _);
                    if (t.Kind == ValueKind.Object)
                    {
                        errorTypes[t.Name!] = errorTypes.TryGetValue(t.Name!, out var e) ? (t, e.Count + 1) : (t, 1);
                    }
                }
            }
        }
        var newer = op.NewerVersion;
        // Actionable (a newer version exists: pin it) is a warning; an operation whose newest version is retired is info.
        if (sunset is not null) (newer is not null ? _sunsetOps : _retiredOps).Add(rawName);

        var roles = node[VendorExtensions.RolesRequirements] is { IsSequence: true } rl
            ? rl.Items.Where(i => i.Value is not null).Select(i => i.Value!).ToArray()
            : Array.Empty<string>();
        return new OperationSpec
        {
            Group = group,
            MethodName = method,
            OperationId = id ?? rawName,
            HttpMethod = op.Method.ToUpperInvariant(),
            Path = op.Path,
            Parameters = new EquatableArray<ParameterSpec>(parameters.ToArray()),
            Body = body,
            BodyRequired = bodyRequired,
            BodyDescription = bodyDescription,
            RequestMediaType = requestMedia,
            Result = result,
            ResponseMediaType = responseMedia,
            Summary = node.Str("summary"),
            Description = node.Str("description"),
            Roles = new EquatableArray<string>(roles),
            DocsUrl = node.Str(VendorExtensions.DocsUrl) ?? node["externalDocs"]?.Str("url"),
            Deprecated = node.Bool("deprecated"),
            ApiVersion = version,
            Sunset = sunset,
            NewerVersion = newer,
            DownloadMediaType = download,
            AlternateDownloads = new EquatableArray<AlternateDownloadSpec>(
                alternates.Select(media => new AlternateDownloadSpec(media, MethodNamer.Alternate(method, media))).ToArray()),
            Paging = download is null ? DetectPaging(op, raw, parameters, result, method) : null,
        };
    }

    /// <summary>
    /// The JSON media type to use: the newest stable dated version (<c>application/vnd.x.2025-01-01+json</c>), else plain
    /// JSON, else anything else JSON. A preview (<c>application/vnd.x.preview+json</c>) or any non-date version
    /// (<c>2025-01-01.upcoming</c>) is used only when the operation offers nothing stable.
    /// </summary>
    internal static YEntry? PickMedia(YNode content)
    {
        YEntry? best = null;
        var bestRank = -1;
        string? bestDate = null;
        foreach (var e in content.Entries)
        {
            var key = e.Key;
            if (key.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0) continue;
            var date = ApiVersions.StableDate(key);
            // 2: a stable date version, 1: plain JSON, 0: previews and other non-date versions.
            var rank = date is not null ? 2 : IsPlainJson(key) ? 1 : 0;
            var better = rank > bestRank
                || (rank == bestRank && rank == 2 && string.CompareOrdinal(date, bestDate) > 0)
                || (rank == bestRank && rank == 0 && string.CompareOrdinal(key, best!.Key) > 0);
            if (!better) continue;
            best = e;
            bestRank = rank;
            bestDate = date;
        }
        return best;
    }

    private static bool IsPlainJson(string mediaType)
    {
        var semi = mediaType.IndexOf(';');
        var bare = (semi >= 0 ? mediaType.Substring(0, semi) : mediaType).Trim();
        return string.Equals(bare, "application/json", StringComparison.OrdinalIgnoreCase);
    }

    // ---------------------------------------------------------------- API versions

    private readonly List<string> _leftOut = new();
    private readonly List<string> _sunsetOps = new();
    private readonly List<string> _retiredOps = new();
    /// <summary>Every version the operation's request body and success responses offer.</summary>
    private HashSet<string> VersionsOf(YNode op)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        void Add(YNode? content)
        {
            if (content is not { IsMapping: true }) return;
            foreach (var e in content.Entries) if (ApiVersions.VersionOf(e.Key) is { } v) set.Add(v);
        }
        Add(_resolver.FollowReporting(op["requestBody"])?["content"]);
        if (op["responses"] is { IsMapping: true } responses)
        {
            foreach (var r in responses.Entries)
            {
                if (IsSuccess(r.Key)) Add(_resolver.FollowReporting(r.Value)?["content"]);
            }
        }
        return set;
    }

    /// <summary>One diagnostic for the operations left out, one for those on a version with a sunset date.</summary>
    private void ReportVersionChoices()
    {
        if (_leftOut.Count > 0)
        {
            _diagnostics.ReportAtFileStart(DiagnosticDescriptors.OperationsLeftOut, Naming.Int(_leftOut.Count), _options.ApiVersion.ToString(), Few(_leftOut));
        }
    }

    private static string Few(List<string> names)
        => string.Join(", ", names.Take(5)) + (names.Count > 5 ? " and " + Naming.Int(names.Count - 5) + " more" : "");

    /// <summary>The media type to use in <paramref name="content"/> for <paramref name="version"/>: JSON first, else
    /// what the version offers, else an unversioned JSON type.</summary>
    private static YEntry? PickMediaFor(YNode content, string? version, bool jsonOnly)
    {
        if (version is null) return PickMedia(content) ?? (jsonOnly ? null : FirstNonJson(content));
        YEntry? other = null;
        foreach (var e in content.Entries)
        {
            if (ApiVersions.VersionOf(e.Key) != version) continue;
            if (IsJson(e.Key)) return e;
            other ??= e;
        }
        if (other is not null && !jsonOnly) return other;
        YEntry? plain = null;
        foreach (var e in content.Entries)
        {
            if (ApiVersions.VersionOf(e.Key) is null && IsJson(e.Key)) { plain = e; break; }
        }
        return plain ?? (jsonOnly ? null : FirstNonJson(content));
    }

    private static YEntry? FirstNonJson(YNode content)
    {
        foreach (var e in content.Entries)
        {
            if (!IsJson(e.Key)) return e;
        }
        return null;
    }

    internal static bool IsJson(string mediaType)
    {
        var semi = mediaType.IndexOf(';');
        var bare = semi >= 0 ? mediaType.Substring(0, semi) : mediaType;
        return bare.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || bare.EndsWith("+json", StringComparison.OrdinalIgnoreCase) || bare == "*/*";
    }
}
